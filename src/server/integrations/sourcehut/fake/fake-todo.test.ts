import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inboundRequest } from "../../shared/test-requests";
import { sourcehut } from "../index";
import { CREATE_TRACKER_WEBHOOK, TRACKER_WEBHOOK_EVENTS, TRACKER_WEBHOOK_QUERY } from "../issue-sync/operations";
import { sourcehutTracker } from "../issue-sync/tracker";
import { startFakeTodo, type FakeTodo } from "./fake-todo";

/**
 * The fake todo.sr.ht itself, driven by the issue sync's own tracker (over plain fetch) and raw
 * requests: the ticket lifecycle, sr.ht's refusals (authentication 401/400/403, grants, access,
 * missing tickets), the contract gate, the fault switch, and the signed webhooks it sends back —
 * each verified and typed as the provider's inbound side does it, and read by its pull.
 */

const TRACKER = "~alice/widgets";
const token = (name: string) => `${name}${"0".repeat(40)}`;

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("the fake todo.sr.ht", () => {
  let fake: FakeTodo;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const trackerFor = (name: string, tracker = TRACKER) => sourcehutTracker({ tracker, token: token(name), todoUrl: fake.url, fetch });
  const raw = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token("alice")}`, "content-type": "application/json" }) =>
    fetch(`${fake.url}/query`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeTodo(), startReceiver()]);
    fake.addUser({ username: "alice", token: token("alice") });
    fake.addUser({ username: "bob", token: token("bob"), grants: ["PROFILE:RO", "TRACKERS:RO", "TICKETS:RW"] });
    fake.addUser({ username: "carol", token: token("carol"), grants: ["PROFILE:RO", "TRACKERS:RO", "TICKETS:RO"] });
    fake.addUser({ username: "dave", token: token("dave") });
    fake.addTracker({ tracker: TRACKER, access: { bob: ["browse", "submit", "comment", "edit", "triage"], carol: ["browse", "submit", "comment", "edit", "triage"] } });
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it("serves the ticket lifecycle to the issue sync's tracker", async () => {
    const alice = trackerFor("alice");
    expect(await alice.testConnection()).toEqual({ account: "~alice", target: TRACKER, canWrite: true, problems: [] });
    const created = await alice.createIssue({ title: "Checkout fails", body: "Since 10:02\n\n<!-- switchboard:request=r1 -->", labels: ["switchboard", "P1"] });
    expect(created).toMatchObject({ id: "1", key: `${TRACKER}#1`, url: `${fake.url}/${TRACKER}/1`, title: "Checkout fails", state: "open", labels: ["switchboard", "P1"] });
    expect(fake.ticket(TRACKER, 1)).toMatchObject({ subject: "Checkout fails", body: expect.stringContaining("<!-- switchboard:request=r1 -->"), labels: ["switchboard", "P1"] });
    expect(created.updatedAt).toBe(fake.ticket(TRACKER, 1).updated);
    expect(fake.labels(TRACKER)).toEqual(["switchboard", "P1"]);

    const closed = await alice.updateIssue("1", { title: "Checkout fails on Safari", state: "closed", closeReason: "not_planned", labels: ["switchboard", "P0"] });
    expect(closed).toMatchObject({ title: "Checkout fails on Safari", state: "closed", labels: ["switchboard", "P0"], updatedAt: fake.ticket(TRACKER, 1).updated });
    expect(fake.ticket(TRACKER, 1)).toMatchObject({ status: "RESOLVED", resolution: "WONT_FIX" });
    expect(await alice.updateIssue("1", { state: "open", body: "" })).toMatchObject({ state: "open", body: "" });
    expect(fake.ticket(TRACKER, 1)).toMatchObject({ status: "REPORTED", resolution: "UNRESOLVED", body: "" });
    const unchanged = fake.requests.length;
    expect(await alice.updateIssue("1", { title: "Checkout fails on Safari" })).toMatchObject({ title: "Checkout fails on Safari" });
    expect(fake.requests.length).toBe(unchanged + 1); // read, nothing to send

    const comment = await alice.addComment("1", "Looking into it.\n\n<!-- switchboard:comment=c1 -->");
    expect(comment.url).toBe(`${fake.url}/${TRACKER}/1#event-${comment.id}`);
    expect(fake.comments(TRACKER, 1)).toEqual([{ id: Number(comment.id), text: expect.stringContaining("Looking into it."), author: "~alice" }]);
    expect(await alice.getIssue("1")).toMatchObject({ title: "Checkout fails on Safari", state: "open" });
    expect(await alice.findIssueByMarker("<!-- switchboard:request=r1 -->")).toBeNull(); // the body was emptied
    await alice.updateIssue("1", { body: "Again\n<!-- switchboard:request=r1 -->" });
    expect((await alice.findIssueByMarker("<!-- switchboard:request=r1 -->"))?.id).toBe("1");
    expect(fake.requests.every((r) => r.username === "alice" && r.status === 200)).toBe(true);
  });

  it("refuses as sr.ht does, and the tracker says so in words a person can act on", async () => {
    const refused = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as { kind: string; message: string; details: { status?: number } });
    expect(await refused(sourcehutTracker({ tracker: TRACKER, token: token("nobody"), todoUrl: fake.url, fetch }).getIssue("1"))).toMatchObject({
      kind: "unauthorized",
      details: { status: 403 },
      message: expect.stringContaining("Authentication error: Invalid or expired OAuth 2.0 bearer token"),
    });
    expect(await refused(sourcehutTracker({ tracker: TRACKER, token: "short", todoUrl: fake.url, fetch }).getIssue("1"))).toMatchObject({ kind: "unauthorized", details: { status: 400 } });
    const anonymous = await raw({ query: "{ me { canonicalName } }" }, { "content-type": "application/json" });
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { errors: [{ message: "Authentication error: Authorization header is required. Expected 'Authorization: Bearer [token]'" }] }]);

    // bob may not make labels (TRACKERS:RO, and not the owner); carol may not write tickets (TICKETS:RO).
    expect(await refused(trackerFor("bob").createIssue({ title: "x", body: "", labels: ["new-label"] }))).toMatchObject({ kind: "forbidden", message: expect.stringContaining("TRACKERS:RW") });
    expect(await refused(trackerFor("carol").addComment("1", "hi"))).toMatchObject({ kind: "forbidden", message: expect.stringContaining("Access denied for invalid auth method") });
    fake.addUser({ username: "erin", token: token("erin") });
    expect(await refused(sourcehutTracker({ tracker: TRACKER, token: token("erin"), todoUrl: fake.url, fetch }).getIssue("1"))).toMatchObject({
      kind: "not_found",
      message: expect.stringContaining("no tracker ~alice/widgets, or the token's user cannot see it"),
    });
    fake.addTracker({ tracker: "~alice/public", visibility: "PUBLIC" });
    expect(await refused(sourcehutTracker({ tracker: "~alice/public", token: token("erin"), todoUrl: fake.url, fetch }).createIssue({ title: "x", body: "", labels: [] }))).toBeNull();
    expect(await refused(sourcehutTracker({ tracker: "~alice/public", token: token("erin"), todoUrl: fake.url, fetch }).updateIssue("1", { state: "closed" }))).toMatchObject({
      kind: "forbidden",
      message: expect.stringContaining("(Access denied): the token's user lacks access"),
    });
    expect(await refused(trackerFor("alice").getIssue("99"))).toMatchObject({ kind: "not_found", message: expect.stringContaining("ticket #99 of ~alice/widgets (must not be null)") });
    expect(await sourcehutTracker({ tracker: "~alice/public", token: token("erin"), todoUrl: fake.url, fetch }).testConnection()).toMatchObject({
      account: "~erin",
      canWrite: false,
      problems: [expect.stringContaining("cannot submit, comment on or edit"), expect.stringContaining("cannot triage"), expect.stringContaining("Only ~alice (the tracker's owner) can create labels")],
    });
  });

  it("records what the real API would refuse, and answers it as gqlgen does", async () => {
    const invalid = await raw({ query: "query { me { login } }" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      errors: [{ message: 'Cannot query field "login" on type "User".', locations: [{ line: 1, column: 14 }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
      data: null,
    });
    expect((await raw("{not json")).status).toBe(400);
    expect((await raw({ query: "{ me { canonicalName } }" }, { authorization: `Bearer ${token("alice")}`, "content-type": "text/plain" })).status).toBe(400);
    expect(fake.violations).toEqual([
      expect.stringContaining('Cannot query field "login" on type "User".'),
      expect.stringContaining("the body is not JSON"),
      expect.stringContaining("not application/json"),
    ]);
    fake.violations.length = 0;
  });

  it("has a fault switch: 429 with Retry-After, 5xx pages, a hang, and a hang after the change was made", async () => {
    const alice = trackerFor("alice");
    fake.fault({ status: 429, retryAfter: "7" });
    await expect(alice.getIssue("1")).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 7000, message: expect.stringContaining("429: 429 Too Many Requests") });
    fake.fault({ status: 502, times: 2 });
    await expect(alice.getIssue("1")).rejects.toMatchObject({ kind: "unavailable", message: expect.stringContaining("502: 502 Bad Gateway") });
    await expect(alice.getIssue("1")).rejects.toMatchObject({ kind: "unavailable" });
    expect((await alice.getIssue("1")).id).toBe("1");

    fake.fault({ hang: true });
    const timed = sourcehutTracker({ tracker: TRACKER, token: token("alice"), todoUrl: fake.url, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(300) }) });
    await expect(timed.getIssue("1")).rejects.toMatchObject({ kind: "network" });
    const before = fake.tickets(TRACKER).length;
    fake.fault({ hang: true, afterHandling: true, match: (r) => r.operationName === "SubmitTicket" });
    await expect(timed.getIssue("1")).resolves.toMatchObject({ id: "1" }); // not matched: passes, the fault stays
    await expect(timed.createIssue({ title: "Lost answer", body: "", labels: [] })).rejects.toMatchObject({ kind: "network" });
    expect(fake.tickets(TRACKER).length).toBe(before + 1);
  });

  it("sends every kind of change as a signed webhook that the provider verifies, types, validates and pulls", async () => {
    const config = sourcehut.configSchema.parse({ tracker: TRACKER, todoUrl: fake.url, publicKey: fake.publicKey, issueSync: {} });
    const register = await raw({
      query: CREATE_TRACKER_WEBHOOK.text,
      operationName: CREATE_TRACKER_WEBHOOK.name,
      variables: { trackerId: fake.trackerOf(TRACKER).id, config: { url: `${receiver.url}/hooks/todo`, events: [...TRACKER_WEBHOOK_EVENTS], query: TRACKER_WEBHOOK_QUERY } },
    });
    expect(await register.json()).toMatchObject({ data: { createTrackerWebhook: { events: [...TRACKER_WEBHOOK_EVENTS] } } });
    const alice = trackerFor("alice");
    const from = fake.webhookDeliveries.length;
    const ticket = await alice.createIssue({ title: "Hooks", body: "Body", labels: ["triage"] });
    const before = fake.ticket(TRACKER, Number(ticket.id)).updated;
    await alice.updateIssue(ticket.id, { title: "Hooks!" });
    await alice.updateIssue(ticket.id, { state: "closed" });
    await alice.addComment(ticket.id, "API comment");
    fake.userReopensTicket({ tracker: TRACKER, id: Number(ticket.id), username: "bob" });
    fake.userLabelsTicket({ tracker: TRACKER, id: Number(ticket.id), username: "bob", remove: ["triage"] });
    fake.userResolvesTicket({ tracker: TRACKER, id: Number(ticket.id), username: "bob", comment: "Fixed in 1.2" });
    fake.userDeletesTicket({ tracker: TRACKER, id: Number(ticket.id), username: "alice" });
    await fake.settled();

    const deliveries = fake.webhookDeliveries.slice(from);
    expect(deliveries.map((d) => d.event)).toEqual(["TICKET_CREATED", "EVENT_CREATED", "TICKET_UPDATE", "TICKET_UPDATE", "EVENT_CREATED", "EVENT_CREATED", "TICKET_UPDATE", "EVENT_CREATED", "EVENT_CREATED", "EVENT_CREATED", "TICKET_DELETED"]);
    expect(deliveries.every((d) => d.status === 202)).toBe(true);
    const received = receiver.received.slice(-deliveries.length);
    const pulled = [];
    for (const [i, request] of received.entries()) {
      const inbound = inboundRequest(request.body, request.headers as Record<string, string>);
      expect(sourcehut.inbound.verify(inbound, {}, config), deliveries[i].event).toEqual({ ok: true });
      const payload = JSON.parse(request.body) as unknown;
      const envelope = sourcehut.inbound.envelope(inbound, payload);
      expect(envelope).toEqual({ eventType: deliveries[i].event.toLowerCase(), deliveryId: deliveries[i].uuid });
      expect(sourcehut.inbound.validate(envelope.eventType, payload)).toEqual({ ok: true });
      expect(sourcehut.inbound.outOfScope?.(payload, config)).toBeNull();
      pulled.push(sourcehut.issueSync!.pull({ eventType: envelope.eventType, payload, config } as never));
    }
    expect(received[0].headers).toMatchObject({ "content-type": "application/json", "x-webhook-event": "TICKET_CREATED", "x-payload-nonce": expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(pulled.map((c) => (c ? `${c.kind}.${c.action}` : null))).toEqual([
      "issue.opened",
      "issue.labeled",
      "issue.edited",
      "issue.edited",
      "issue.closed",
      "comment.created",
      "issue.edited",
      "issue.reopened",
      "issue.unlabeled",
      "comment.created",
      "issue.deleted",
    ]);
    // sr.ht's TICKET_UPDATE keeps the ticket's old `updated`: the pull takes the delivery's date instead.
    expect(JSON.parse(received[2].body)).toMatchObject({ data: { webhook: { ticket: { subject: "Hooks!", updated: before } } } });
    expect(pulled[2]).toMatchObject({ issue: { title: "Hooks!" } });
    expect(pulled[2]!.kind === "issue" && pulled[2]!.issue.updatedAt > before).toBe(true);
    expect(pulled[5]).toMatchObject({ comment: { body: "API comment", author: "~alice", url: expect.stringContaining(`${fake.url}/${TRACKER}/${ticket.id}#event-`) } });
    expect(pulled[9]).toMatchObject({ comment: { body: "Fixed in 1.2", author: "~bob" } });
    expect(pulled[10]).toMatchObject({ issue: { id: ticket.id, key: `${TRACKER}#${ticket.id}` } });
  });

  it("has a control surface for another process, never gated nor recorded", async () => {
    const before = fake.requests.length;
    const post = (path: string, body: unknown) => fetch(`${fake.url}${path}`, { method: "POST", body: JSON.stringify(body) });
    expect(await (await fetch(`${fake.url}/_fake/health`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${fake.url}/_fake/public-key`)).json()).toEqual({ publicKey: fake.publicKey });
    expect((await post("/_fake/users", { username: "frank", token: token("frank") })).status).toBe(201);
    expect((await post("/_fake/trackers", { tracker: "~frank/notes" })).status).toBe(201);
    expect((await post("/_fake/hooks", { tracker: "~frank/notes", url: `${receiver.url}/hooks/frank`, username: "frank" })).status).toBe(201);
    expect((await post("/_fake/trackers/~frank/notes/tickets", { subject: "From the web", username: "frank" })).status).toBe(201);
    expect(await (await post("/_fake/trackers/~frank/notes/tickets/1/comments", { text: "A person's comment", username: "frank" })).json()).toMatchObject({ id: expect.any(Number) });
    expect((await post("/_fake/trackers/~frank/notes/tickets/9/comments", { text: "x", username: "frank" })).status).toBe(400);
    const tickets = (await (await fetch(`${fake.url}/_fake/trackers/~frank/notes/tickets`)).json()) as unknown[];
    expect(tickets).toMatchObject([{ id: 1, subject: "From the web", comments: [{ text: "A person's comment", author: "~frank" }] }]);
    expect(fake.requests.length).toBe(before);
    await fake.settled();
    expect(fake.webhookDeliveries.slice(-2).map((d) => [d.event, d.status])).toEqual([["TICKET_CREATED", 202], ["EVENT_CREATED", 202]]);
  });
});

describe("the fake todo.sr.ht's latency", () => {
  it("delays every API answer by latencyMs", async () => {
    const slow = await startFakeTodo({ latencyMs: 60 });
    try {
      slow.addUser({ username: "alice", token: token("alice") });
      const started = performance.now();
      const answer = await fetch(`${slow.url}/query`, { method: "POST", headers: { authorization: `Bearer ${token("alice")}`, "content-type": "application/json" }, body: JSON.stringify({ query: "{ me { canonicalName } }" }) });
      expect(await answer.json()).toEqual({ data: { me: { canonicalName: "~alice" } } });
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
