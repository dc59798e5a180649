import { z } from "zod";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { createIssueForRequest, linkExistingIssue, listIssueLinks, unlinkIssue, type IssueLinkView, type PullRequestLinkView } from "@/server/issue-sync/manage-links";
import { startBackfill, testIssueSyncConnection, type BackfillProgress } from "@/server/issue-sync/manage-sync";
import { issueSyncStatus } from "@/server/issue-sync/status";
import { requestUrls } from "@/server/records/requests/serialize-request";
import { defineRoute } from "../route";
import { uuid, uuidParams } from "../schemas";
import { integrationUrls } from "./integrations";

/**
 * Issue sync over REST: a request's links to issues on GitHub, GitLab, Jira, Forgejo/Gitea and
 * SourceHut (and the pull requests naming it), and each integration's sync — the same domain
 * functions as the request and integration pages (src/server/issue-sync/).
 */

const ADMIN_ONLY = "Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.";
const iso = (date: Date | null) => date?.toISOString() ?? null;
const linkUrl = (requestId: string, linkId: string) => `/api/v1/requests/${requestId}/issue-links/${linkId}`;
const linksUrl = (requestId: string) => `/api/v1/requests/${requestId}/issue-links`;
const syncUrl = (integrationId: string) => `/api/v1/integrations/${integrationId}/issue-sync`;

const integrationRef = z
  .object({
    api_url: z.string(),
    uuid: z.string().uuid(),
    name: z.string(),
    type: z.string().meta({ description: "The platform, as `GET /integration-types` names it: `github`, `gitlab`, `jira`, `forgejo`, `sourcehut`" }),
  })
  .meta({ id: "IssueSyncIntegration", description: "The integration a link goes through" });

type Integration = { id: string; name: string; type: string };
const integrationRefOf = (integration: Integration): z.infer<typeof integrationRef> => ({
  api_url: `/api/v1/integrations/${integration.id}`,
  uuid: integration.id,
  name: integration.name,
  type: integration.type.toLowerCase(),
});

export const issueLinkObject = z
  .object({
    api_url: z.string().meta({ description: "The link: `DELETE` it to unlink" }),
    uuid: z.string().uuid(),
    integration: integrationRef,
    key: z.string().nullable().meta({ description: "The issue as people write it (`octo/app#12`, `OPS-7`); null while it is being created" }),
    url: z.string().nullable().meta({ description: "The issue on the platform; null while it is being created" }),
    state: z.enum(["pending", "synced", "failed"]).meta({
      description: "`pending` until the platform has the issue (or a change waits to be sent), `synced` when it holds what the request holds, `failed` when the platform refused for good (`last_error` says why)",
    }),
    last_error: z.string().nullable().meta({ description: "The platform's words about the last failure; null after a success" }),
    last_synced_date: z.string().nullable().meta({ description: "ISO 8601: when the issue last matched the request" }),
    created_date: z.string().meta({ description: "ISO 8601" }),
  })
  .meta({ id: "IssueLink", description: "A request's issue on a platform, kept in step both ways by its integration" });

const pullRequestLinkObject = z
  .object({
    uuid: z.string().uuid(),
    integration: integrationRef,
    key: z.string().meta({ description: "The pull (merge) request as people write it: `octo/app#31`" }),
    url: z.string(),
    title: z.string(),
    state: z.string().meta({ description: "`open`, `closed` or `merged`, as last noted on the request" }),
    last_modified_date: z.string().meta({ description: "ISO 8601" }),
  })
  .meta({ id: "PullRequestLink", description: "A pull request whose title, body or branch names the request" });

const issueLinksObject = z
  .object({
    api_url: z.string(),
    request: z.object({ uuid: z.string().uuid(), api_url: z.string() }),
    links: z.array(issueLinkObject).meta({ description: "One per integration at most, oldest first" }),
    pull_requests: z.array(pullRequestLinkObject).meta({ description: "Oldest first, up to 100" }),
    available_integrations: z
      .array(integrationRef.extend({ paused: z.boolean().meta({ description: "Its sync is paused after its credentials were refused: linking is refused until an admin fixes them" }) }))
      .meta({ description: "Integrations that push issues and have none for this request yet: what `POST` can name" }),
  })
  .meta({ id: "RequestIssueLinks", description: "A request's issues on other platforms and the pull requests naming it" });

type IssueLinkObject = z.infer<typeof issueLinkObject>;

function issueLinkObjectOf(requestId: string, link: IssueLinkView): IssueLinkObject {
  return {
    api_url: linkUrl(requestId, link.id),
    uuid: link.id,
    integration: integrationRefOf(link.integration),
    key: link.key,
    url: link.url,
    state: link.state.toLowerCase() as IssueLinkObject["state"],
    last_error: link.lastError,
    last_synced_date: iso(link.lastSyncedAt),
    created_date: link.createdAt.toISOString(),
  };
}

const pullRequestLinkObjectOf = (pr: PullRequestLinkView): z.infer<typeof pullRequestLinkObject> => ({
  uuid: pr.id,
  integration: integrationRefOf(pr.integration),
  key: pr.key,
  url: pr.url,
  title: pr.title,
  state: pr.state,
  last_modified_date: pr.updatedAt.toISOString(),
});

const linkBody = z
  .strictObject({
    integration: uuid.meta({ description: "The `uuid` of an integration with issue sync on (one of `available_integrations`)" }),
    reference: z
      .string()
      .trim()
      .min(1, 'reference: the issue\'s number ("12", "#12"), key ("OPS-7") or URL; leave it out to create a new issue')
      .max(500, "reference is at most 500 characters")
      .optional()
      .meta({ description: 'An existing issue to link: its number (`"12"`, `"#12"`), key (`"OPS-7"`) or URL. Without it, a new issue is created' }),
  })
  .meta({ id: "IssueLinkCreate" });

const linkParams = uuidParams.extend({ link_uuid: uuid.meta({ description: "The link's `uuid`" }) });

const backfillObject = z
  .object({
    started_date: z.string().meta({ description: "ISO 8601" }),
    total: z.number().int().min(0).nullable().meta({ description: "Requests to sync; null until the runtime has counted them" }),
    done: z.number().int().min(0).meta({ description: "Synced so far" }),
    failed: z.number().int().min(0).meta({ description: "Refused by the platform for good (see each link's `last_error`)" }),
    finished_date: z.string().nullable().meta({ description: "ISO 8601; null while it runs" }),
  })
  .meta({ id: "IssueSyncBackfill", description: "A sync of existing requests: how far it got" });

const backfillObjectOf = (progress: BackfillProgress): z.infer<typeof backfillObject> => ({
  started_date: progress.startedAt,
  total: progress.total,
  done: progress.done,
  failed: progress.failed,
  finished_date: progress.finishedAt,
});

const issueSyncObject = z
  .object({
    api_url: z.string(),
    integration: z.object({ uuid: z.string().uuid(), api_url: z.string(), absolute_url: z.string() }),
    supported: z.boolean().meta({ description: "The integration's platform has issue sync" }),
    enabled: z.boolean().meta({ description: "It syncs: `config.issueSync` is on and the integration active" }),
    disabled_reason: z.string().nullable().meta({ description: "Why it does not sync, when it does not" }),
    settings: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: "`config.issueSync` with its defaults filled in (direction, requests, filter, labels, priorityLabels, createFromLabel, pullRequests); null when off" }),
    target: z.string().nullable().meta({ description: "Where it syncs, e.g. `octo/app on GitHub`" }),
    unavailable: z.string().nullable().meta({ description: "Why it cannot run although on, e.g. no token configured" }),
    paused: z.boolean().meta({ description: "Paused after the platform refused its credentials twice in a row: nothing is pushed until a connection test passes" }),
    paused_date: z.string().nullable().meta({ description: "ISO 8601" }),
    attention: z.string().nullable().meta({ description: "The platform's words about the refusal, while it stands" }),
    attention_date: z.string().nullable().meta({ description: "ISO 8601" }),
    links: z.object({ pending: z.number().int(), synced: z.number().int(), failed: z.number().int() }).meta({ description: "The integration's issue links by state" }),
    pull_requests: z.number().int().meta({ description: "Pull requests it linked to requests" }),
    backfill: backfillObject.nullable().meta({ description: "The last sync of existing requests; null if none ran" }),
  })
  .meta({ id: "IssueSync", description: "An integration's issue sync: settings, health, links and bulk sync" });

const connectionTestObject = z
  .object({
    ok: z.boolean(),
    account: z.string().nullable().meta({ description: "Who the token is on the platform" }),
    target: z.string().nullable(),
    can_write: z.boolean().nullable().meta({ description: "Whether the token may create and edit issues there" }),
    problems: z.array(z.string()).meta({ description: "What would stop part of the sync (a missing scope, webhooks not set up)" }),
    error: z.string().nullable().meta({ description: "When `ok` is false: what is wrong, in words to act on (bad token, missing scope, no such repository)" }),
    retryable: z.boolean().meta({ description: "The failure may pass by itself (rate limit, platform down): try again later" }),
  })
  .meta({ id: "IssueSyncConnectionTest", description: "What the platform said to the integration's credentials" });

async function linksObjectOf(tenant: TenantContext, requestId: string): Promise<z.infer<typeof issueLinksObject>> {
  const { links, pullRequests, available } = await listIssueLinks(tenant, { requestId });
  return {
    api_url: linksUrl(requestId),
    request: { uuid: requestId, api_url: requestUrls(tenant.dataspace.slug, requestId).api_url },
    links: links.map((link) => issueLinkObjectOf(requestId, link)),
    pull_requests: pullRequests.map(pullRequestLinkObjectOf),
    available_integrations: available.map((integration) => ({ ...integrationRefOf(integration), paused: integration.paused })),
  };
}

const fieldNames = { requestId: "uuid", integrationId: "integration", linkId: "link_uuid" };

export const issueLinkRoutes = [
  defineRoute({
    method: "GET",
    path: "/requests/{uuid}/issue-links",
    operationId: "listRequestIssueLinks",
    tag: "Issue sync",
    summary: "List a request's issue links",
    description: "Its issue per integration (key, URL, sync state and the platform's last error), the pull requests naming it, and the integrations it could still be linked through.",
    scope: { resource: "requests", level: "read" },
    kind: "object",
    params: uuidParams,
    response: issueLinksObject,
    errors: [404],
    handle: async ({ tenant, params }) => linksObjectOf(tenant, params.uuid),
  }),
  defineRoute({
    method: "POST",
    path: "/requests/{uuid}/issue-links",
    operationId: "createRequestIssueLink",
    tag: "Issue sync",
    summary: "Create or link a request's issue",
    description:
      "Without `reference`: the issue is created on the platform in the background — the link answers `pending` at once and turns `synced` (or `failed`, with the platform's words in `last_error`) when it is done; asking again answers the same link. " +
      "With `reference`: the existing issue is looked up on the platform and linked `synced` (404 when the platform has no such issue, 409 when it is linked to another request). " +
      "Either way 409 when the integration's sync is paused. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "requests", level: "write" },
    kind: "object",
    status: 201,
    params: uuidParams,
    body: linkBody,
    response: issueLinkObject,
    fieldNames,
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => {
      const input = { requestId: params.uuid, integrationId: body.integration };
      const link = body.reference === undefined ? await createIssueForRequest(tenant, input) : await linkExistingIssue(tenant, { ...input, reference: body.reference });
      return issueLinkObjectOf(params.uuid, link);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/requests/{uuid}/issue-links/{link_uuid}",
    operationId: "getRequestIssueLink",
    tag: "Issue sync",
    summary: "Get a request's issue link",
    description: "Follow a `pending` link here until it is `synced` or `failed`.",
    scope: { resource: "requests", level: "read" },
    kind: "object",
    params: linkParams,
    response: issueLinkObject,
    errors: [404],
    handle: async ({ tenant, params }) => {
      const link = (await listIssueLinks(tenant, { requestId: params.uuid })).links.find((l) => l.id === params.link_uuid);
      if (!link) throw notFound("Link");
      return issueLinkObjectOf(params.uuid, link);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/requests/{uuid}/issue-links/{link_uuid}",
    operationId: "deleteRequestIssueLink",
    tag: "Issue sync",
    summary: "Unlink a request's issue",
    description: "The issue stays on the platform as it is; nothing syncs between them any more.",
    scope: { resource: "requests", level: "write" },
    kind: "empty",
    params: linkParams,
    response: z.undefined(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await unlinkIssue(tenant, { requestId: params.uuid, linkId: params.link_uuid });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/integrations/{uuid}/issue-sync",
    operationId: "getIntegrationIssueSync",
    tag: "Issue sync",
    summary: "Get an integration's issue sync",
    description: `Its settings and target, whether it is paused and what the platform said, its links by state, and the progress of the last sync of existing requests. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: issueSyncObject,
    errors: [404],
    handle: async ({ tenant, params }) => {
      const status = await issueSyncStatus(tenant, { id: params.uuid });
      const { api_url, absolute_url } = integrationUrls(tenant.dataspace.slug, params.uuid);
      return {
        api_url: syncUrl(params.uuid),
        integration: { uuid: params.uuid, api_url, absolute_url },
        supported: status.supported,
        enabled: status.enabled,
        disabled_reason: status.disabledReason,
        settings: status.settings,
        target: status.target,
        unavailable: status.unavailable,
        paused: status.pausedAt !== null,
        paused_date: iso(status.pausedAt),
        attention: status.attention?.message ?? null,
        attention_date: iso(status.attention?.since ?? null),
        links: status.links,
        pull_requests: status.pullRequests,
        backfill: status.backfill && backfillObjectOf(status.backfill),
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/integrations/{uuid}/issue-sync/test",
    operationId: "testIntegrationIssueSync",
    tag: "Issue sync",
    summary: "Test an integration's issue sync connection",
    description: `Calls the platform with the integration's credentials: who the token is, the target and what the token may do there, or what is wrong. A pass resumes a paused sync. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: connectionTestObject,
    errors: [400, 404],
    handle: async ({ tenant, params }) => {
      const result = await testIssueSyncConnection(tenant, { id: params.uuid });
      return result.ok
        ? { ok: true, account: result.account, target: result.target, can_write: result.canWrite, problems: result.problems, error: null, retryable: false }
        : { ok: false, account: null, target: null, can_write: null, problems: [], error: result.error, retryable: result.retryable };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/integrations/{uuid}/issue-sync/backfill",
    operationId: "startIntegrationIssueSyncBackfill",
    tag: "Issue sync",
    summary: "Sync an integration's existing requests",
    description: `Every request the integration syncs gets its issue created or brought up to date, in the background; follow \`GET /integrations/{uuid}/issue-sync\` for the progress. One at a time per integration: 409 while one runs, or while the sync is paused. ${ADMIN_ONLY}`,
    scope: { resource: "integrations", level: "admin" },
    kind: "object",
    status: 202,
    params: uuidParams,
    response: backfillObject.extend({ api_url: z.string().meta({ description: "Where to follow its progress" }) }).meta({ id: "IssueSyncBackfillStarted" }),
    errors: [400, 404, 409],
    handle: async ({ tenant, params }) => ({ api_url: syncUrl(params.uuid), ...backfillObjectOf(await startBackfill(tenant, { id: params.uuid })) }),
  }),
];
