import { z } from "zod";

// Its own file: the event catalog imports it, and rule.schema.ts imports what imports the catalog.
/** The payload of `notification_rule.failing`: a rule's messages are refused for good. */
export const notificationRuleFailingPayloadSchema = z.object({
  uuid: z.string().uuid().describe("The rule's id"),
  name: z.string(),
  channel: z.enum(["slack", "teams", "email"]),
  last_error: z.string().describe("What the platform said, in its words"),
  failing_since: z.string().describe("ISO 8601"),
  dashboard_url: z.string(),
});
