import { z } from "zod";

// Its own file: the event catalog imports it, and the issue sync imports what imports the catalog.
/** The payload of `issue_sync.failed`: a request's issue on a platform could not be created or updated, for good. */
export const issueSyncFailedPayloadSchema = z.object({
  uuid: z.string().uuid().describe("The request's link with the integration (GET /api/v1/requests/{uuid}/issue-links/{link_uuid})"),
  request: z.object({ uuid: z.string().uuid(), title: z.string(), absolute_url: z.string() }),
  integration: z.object({ uuid: z.string().uuid(), name: z.string(), type: z.string().describe("github, gitlab, jira, forgejo or sourcehut") }),
  issue_url: z.string().nullable().describe("The issue on the platform, when it had been created"),
  last_error: z.string().describe("What the platform said, in its words"),
  sync_paused: z.boolean().describe("The platform refused the integration's credentials again: its sync is paused until an admin saves the integration"),
  failed_at: z.string().describe("ISO 8601"),
});
