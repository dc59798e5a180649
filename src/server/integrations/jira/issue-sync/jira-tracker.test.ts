import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { isIssueSyncApiError, type IssueSyncApiError } from "@/server/issue-sync/errors";
import { issueBody } from "@/server/issue-sync/render";
import { requestMarker, type IssueTracker } from "@/server/issue-sync/tracker";
import { configErrors } from "../../shared/test-requests";
import { jiraConfigSchema } from "../config";
import { startFakeJira, type FakeJira } from "../fake/fake-jira";
import { jira } from "../index";
import { jiraTracker, type JiraTrackerOptions } from "./tracker";

/**
 * The Jira tracker against the fake, through the guarded platformFetch as in production (the
 * fake's 127.0.0.1 is allow-listed, as the tests' WEBHOOK_ALLOWED_TARGETS does): what Test
 * connection says, how each of Jira's refusals becomes the sync's verdict in words a person can
 * act on, transitions by configured name, and finding a create whose answer was lost.
 */

const ID = "6f1d0c1e-8a55-4c43-9a4e-0d1c2b3a4f5e";
const draft = (notes: string) => ({
  title: "Checkout is slow",
  body: issueBody({ id: ID, title: "Checkout is slow", notes, status: "open", priority: "high", url: `https://switchboard.test/acme/requests/${ID}` }),
  labels: ["switchboard", "P1"],
});

async function failure(call: Promise<unknown>): Promise<IssueSyncApiError> {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!isIssueSyncApiError(error)) throw new Error(`expected an IssueSyncApiError, got ${String(error)}`);
  return error;
}

describe("the Jira tracker", () => {
  let fake: FakeJira;
  let tracker: IssueTracker;
  const previous = process.env.WEBHOOK_ALLOWED_TARGETS;
  const make = (options: Partial<JiraTrackerOptions> = {}) => jiraTracker({ baseUrl: fake.url, projectKey: "OPS", email: "bot@acme.test", token: "bot-token", ...options });

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
    resetEnvCache();
    fake = await startFakeJira();
    fake.addUser({ email: "bot@acme.test", token: "bot-token", displayName: "Switchboard" });
    fake.addUser({ email: "viewer@acme.test", token: "viewer-token" });
    fake.addProject({ key: "OPS", name: "Operations", members: ["bot@acme.test"], readOnly: ["viewer@acme.test"] });
    fake.addProject({ key: "SALES", members: ["bot@acme.test"] });
    tracker = make();
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
    process.env.WEBHOOK_ALLOWED_TARGETS = previous;
    resetEnvCache();
  });

  it("tests the connection: the account, the project, what it may do there, and the issue type", async () => {
    expect(await tracker.testConnection()).toEqual({ account: "bot@acme.test", target: "Operations (OPS) on Jira", canWrite: true, problems: [] });
    expect(await make({ email: "viewer@acme.test", token: "viewer-token", issueType: "Incident" }).testConnection()).toEqual({
      account: "viewer@acme.test",
      target: "Operations (OPS) on Jira",
      canWrite: false,
      problems: [
        "viewer@acme.test lacks Create Issues, Edit Issues, Transition Issues, Add Comments in OPS: grant them in the project's permission scheme.",
        'OPS has no issue type "Incident" (it has "Task", "Bug", "Story"): set issueType to one of them.',
      ],
    });
    expect((await failure(make({ token: "revoked" }).testConnection())).message).toBe(
      "Jira refused the credentials (401: Client must be authenticated to access this resource.). Check email and token: the token must be a current Atlassian API token of the account with that email address.",
    );
    expect(await failure(make({ projectKey: "NOPE" }).testConnection())).toMatchObject({
      kind: "not_found",
      message: "Jira does not know project NOPE (404: No project could be found with key 'NOPE'.): check baseUrl and projectKey, and that the token's account can browse the project.",
    });
  });

  it("creates, reads and finds again by the request's marker an issue whose answer was lost", async () => {
    const created = await tracker.createIssue(draft("p95 is **2 s**."));
    expect(created).toMatchObject({ key: "OPS-1", url: `${fake.url}/browse/OPS-1`, state: "open", labels: ["switchboard", "P1"] });
    expect(await tracker.getIssue("OPS-1")).toEqual({ ...created, updatedAt: expect.stringMatching(/Z$/) });
    expect((await tracker.findIssueByMarker(requestMarker(ID)))?.key).toBe("OPS-1");
    expect(await tracker.findIssueByMarker(requestMarker("00000000-0000-4000-8000-000000000000"))).toBeNull();
    expect(fake.requests.at(-1)).toMatchObject({ operationId: "searchAndReconsileIssuesUsingJqlPost", body: { jql: 'project = "OPS" ORDER BY created DESC' } });
  });

  it("closes and reopens with the configured transitions, and says which ones Jira offers when one is missing", async () => {
    const closed = await tracker.updateIssue("OPS-1", { state: "closed", title: "Checkout was slow" });
    expect(closed).toMatchObject({ state: "closed", title: "Checkout was slow" });
    expect(fake.statusOf("OPS-1").name).toBe("Done");
    // Already closed: nothing to transition.
    const calls = fake.requests.length;
    expect(await tracker.updateIssue("OPS-1", { state: "closed" })).toMatchObject({ state: "closed" });
    expect(fake.requests.slice(calls).map((r) => r.operationId)).toEqual(["getIssue"]);
    expect(await make({ transitions: { open: "in progress" } }).updateIssue("OPS-1", { state: "open" })).toMatchObject({ state: "open" });
    expect(fake.statusOf("OPS-1").name).toBe("In Progress");
    expect(await failure(make({ transitions: { closed: "Resolve Issue" } }).updateIssue("OPS-1", { state: "closed" }))).toMatchObject({
      kind: "validation",
      message: 'Jira offers no transition "Resolve Issue" for OPS-1 from In Progress (it offers "To Do", "Done"): set transitions.closed in the integration\'s config to one of them.',
    });
  });

  it("turns Jira's refusals into the sync's verdicts, with Jira's words", async () => {
    fake.fault({ status: 429, retryAfter: "3" });
    expect(await failure(tracker.getIssue("OPS-1"))).toMatchObject({ kind: "rate_limited", retryable: true, retryAfterMs: 3_000, details: { status: 429 } });
    fake.fault({ status: 503 });
    expect(await failure(tracker.getIssue("OPS-1"))).toMatchObject({ kind: "unavailable", retryable: true, message: "Jira failed on issue OPS-1 (503: Internal server error); retrying later" });
    expect(await failure(make({ email: "viewer@acme.test", token: "viewer-token" }).addComment("OPS-1", "Hi"))).toMatchObject({ kind: "forbidden", refused: true, message: expect.stringContaining("(403: You do not have permission to add comments to this issue.)") });
    expect(await failure(tracker.getIssue("OPS-99"))).toMatchObject({ kind: "not_found", message: expect.stringContaining("404: Issue does not exist or you do not have permission to see it.") });
    expect(await failure(make({ issueType: "Incident" }).createIssue(draft("x")))).toMatchObject({ kind: "validation", message: "Jira refused a new issue in OPS (400: issuetype: The issue type selected is invalid.)" });
    fake.violations.length = 0;
    const sales = await make({ projectKey: "SALES" }).createIssue(draft("elsewhere"));
    expect(await failure(tracker.getIssue(sales.key))).toMatchObject({ kind: "validation", message: `${sales.key} is in the Jira project SALES; this integration syncs OPS (its projectKey)` });
  });

  it("calls through the guarded transport: a site on a private address is blocked unless allow-listed", async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS = "";
    resetEnvCache();
    try {
      expect(await failure(tracker.getIssue("OPS-1"))).toMatchObject({ kind: "blocked", retryable: false, message: expect.stringMatching(/^Jira could not be called \(issue OPS-1\): /) });
    } finally {
      process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
      resetEnvCache();
    }
    fake.fault({ hang: true });
    process.env.ISSUE_SYNC_TIMEOUT_MS = "300";
    resetEnvCache();
    try {
      expect(await failure(tracker.getIssue("OPS-1"))).toMatchObject({ kind: "network", retryable: true });
    } finally {
      delete process.env.ISSUE_SYNC_TIMEOUT_MS;
      resetEnvCache();
    }
  });
});

describe("the Jira provider's issue sync", () => {
  const base = { baseUrl: "https://acme.atlassian.net", webhookSecret: "x".repeat(16) };

  it("names an issue by key or URL", () => {
    const { issueIdOf } = jira.issueSync;
    expect(["OPS-7", " ops-7 ", "https://acme.atlassian.net/browse/OPS-7", "https://acme.atlassian.net/jira/software/projects/OPS/boards/1?selectedIssue=OPS-7"].map(issueIdOf)).toEqual(["OPS-7", "OPS-7", "OPS-7", "OPS-7"]);
    expect(["7", "#7", "OPS", "https://acme.atlassian.net/browse/"].map(issueIdOf)).toEqual([null, null, null, null]);
  });

  it("has a tracker only with a token, an email and a project", () => {
    const config = { ...base, projectKey: "OPS", email: "bot@acme.test" };
    expect(jira.issueSync.tracker(config, {})).toEqual({ unavailable: expect.stringMatching(/^no token is configured/) });
    expect(jira.issueSync.tracker({ ...config, email: undefined }, { token: "t" })).toEqual({ unavailable: expect.stringMatching(/^no email is configured/) });
    expect(jira.issueSync.tracker(config, { token: "t" })).toMatchObject({ target: "OPS on Jira (acme.atlassian.net)" });
  });

  it("configures issue sync: project and email required with it, labels without spaces, transitions by status", () => {
    expect(jiraConfigSchema.safeParse(base).success).toBe(true);
    expect(configErrors(jiraConfigSchema.safeParse({ ...base, issueSync: { labels: ["needs triage"], priorityLabels: { urgent: "P 0" }, createFromLabel: "from jira" } }))).toEqual([
      'projectKey: projectKey is required for issue sync: the project its issues are created in (e.g. "OPS")',
      "email: email is required for issue sync: Jira Cloud takes an API token together with the email address of its account",
      'issueSync.labels.0: issueSync.labels.0: "needs triage" holds a space, which Jira labels cannot (e.g. "needs-triage")',
      'issueSync.priorityLabels.urgent: issueSync.priorityLabels.urgent: "P 0" holds a space, which Jira labels cannot (e.g. "P-0")',
      'issueSync.createFromLabel: issueSync.createFromLabel: "from jira" holds a space, which Jira labels cannot (e.g. "from-jira")',
    ]);
    const full = { ...base, projectKey: "OPS", email: "bot@acme.test", token: "t", issueType: "Bug", transitions: { closed: "Resolve", in_progress: "Start progress" }, issueSync: {} };
    expect(jiraConfigSchema.parse(full)).toMatchObject({ transitions: { closed: "Resolve", in_progress: "Start progress" }, issueSync: { direction: "both" } });
    expect(configErrors(jiraConfigSchema.safeParse({ ...full, transitions: { done: "Done" } }))).toEqual([expect.stringMatching(/^transitions: transitions must map request statuses/)]);
  });
});
