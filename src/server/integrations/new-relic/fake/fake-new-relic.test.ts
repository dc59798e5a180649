import { gzipSync, deflateSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeEntityGuid, startFakeNewRelic, type FakeNewRelic } from "./fake-new-relic";

/**
 * The fake New Relic itself, over real HTTP: what each API keeps and answers, the keys each takes,
 * the refusals and violations, the fault switch and the control surface.
 */

const NOW = Date.UTC(2026, 11, 7, 12);
const LICENSE = `${"a".repeat(36)}NRAL`;
const USER = `NRAK-${"B".repeat(27)}`;
const ACCOUNT = 1234567;
const ENTITY = fakeEntityGuid(ACCOUNT, 42);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const CREATE = `mutation CreateDeployment($deployment: ChangeTrackingDeploymentInput!) {
  changeTrackingCreateDeployment(deployment: $deployment) { deploymentId entityGuid version timestamp deploymentType user }
}`;

describe("the fake New Relic", () => {
  let fake: FakeNewRelic;
  let clock = NOW;

  beforeAll(async () => {
    fake = await startFakeNewRelic({ licenseKeys: [LICENSE], userKeys: [USER], accountIds: [ACCOUNT], entityGuids: [ENTITY], now: () => clock });
  });
  afterEach(() => {
    fake.setFault(null);
    fake.violations.length = 0;
    clock = NOW;
  });
  afterAll(() => fake.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: Buffer.isBuffer(body) ? new Uint8Array(body) : typeof body === "string" ? body : JSON.stringify(body) });
  const sendMetrics = (body: unknown, headers: Record<string, string> = { "api-key": LICENSE }) => post("/metric/v1", body, headers);
  const sendEvents = (body: unknown, account = ACCOUNT, headers: Record<string, string> = { "api-key": LICENSE }) => post(`/v1/accounts/${account}/events`, body, headers);
  const nerdgraph = (query: string, variables: Record<string, unknown> = {}, key = USER) => post("/graphql", { query, variables }, { "api-key": key });
  const deliveries = (n: number) => [{ common: { timestamp: NOW, "interval.ms": 60_000, attributes: { "switchboard.dataspace": "ds_1" } }, metrics: [{ name: "switchboard.deliveries", type: "count", value: n, attributes: { outcome: "ok" } }] }];

  it("keeps a gzip metric payload, common merged, and answers 202 with a requestId; a resent count counts twice", async () => {
    const before = fake.metrics().length;
    const gzipped = gzipSync(JSON.stringify(deliveries(3)));
    const answer = await sendMetrics(gzipped, { "api-key": LICENSE, "content-encoding": "gzip" });
    expect(answer.status).toBe(202);
    expect((await answer.json()) as unknown).toEqual({ requestId: expect.stringMatching(UUID) });
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: "/metric/v1", encoding: "gzip", bytes: gzipped.length, status: 202, operation: "postMetricData", body: deliveries(3) });
    expect(fake.requests.at(-1)?.headers["content-encoding"]).toBe("gzip");
    expect(fake.metrics().slice(before)).toEqual([
      { name: "switchboard.deliveries", type: "count", value: 3, timestamp: NOW, intervalMs: 60_000, attributes: { "switchboard.dataspace": "ds_1", outcome: "ok" } },
    ]);
    expect((await sendMetrics(deliveries(3), { "api-key": LICENSE })).status).toBe(202); // the key as the header; plain JSON
    expect(await fetch(`${fake.url}/metric/v1?Api-Key=${LICENSE}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(deliveries(1)) }).then((r) => r.status)).toBe(202);
    expect(fake.metricTotal("switchboard.deliveries")).toBe(7);
    expect(fake.metricTotal("switchboard.deliveries", { outcome: "failed" })).toBe(0);
    expect(fake.violations).toEqual([]);
  });

  it("answers a key it does not know 403 (not a violation), a missing key or X-License-Key 403 as a violation", async () => {
    const before = fake.metrics().length;
    expect((await sendMetrics(deliveries(1), { "api-key": USER })).status).toBe(403);
    expect((await sendMetrics(deliveries(1), { "api-key": `${"0".repeat(36)}NRAL` })).status).toBe(403);
    expect(fake.violations).toEqual([]);
    expect((await sendMetrics(deliveries(1), {})).status).toBe(403);
    expect((await sendMetrics(deliveries(1), { "x-license-key": LICENSE })).status).toBe(403);
    expect(fake.violations).toEqual([expect.stringContaining("no Api-Key header nor query parameter"), expect.stringContaining("X-License-Key")]);
    expect(fake.metrics().length).toBe(before);
  });

  it("refuses a payload over 10^6 bytes as sent (413), a body that is not JSON (400), another content type or encoding (415)", async () => {
    const big = [{ metrics: Array.from({ length: 9000 }, (_, i) => ({ name: `m${i}`, value: i, timestamp: NOW, attributes: { pad: "x".repeat(100) } })) }];
    expect((await sendMetrics(big)).status).toBe(413);
    expect((await sendMetrics(gzipSync(JSON.stringify(big)), { "api-key": LICENSE, "content-encoding": "gzip" })).status).toBe(202); // the limit is on the bytes sent
    expect((await sendMetrics("[{ not json")).status).toBe(400);
    expect((await post("/metric/v1", JSON.stringify(deliveries(1)), { "api-key": LICENSE, "content-type": "text/plain" })).status).toBe(415);
    expect((await sendMetrics(deflateSync(JSON.stringify(deliveries(1))), { "api-key": LICENSE, "content-encoding": "deflate" })).status).toBe(415);
    expect(fake.violations).toEqual([
      expect.stringContaining("over the limit of 10^6"),
      expect.stringContaining("the body is not JSON"),
      expect.stringContaining("Content-Type text/plain is not application/json"),
      expect.stringContaining("Content-Encoding deflate is not one of gzip, identity"),
    ]);
  });

  it("answers a path outside the APIs 404 and another method 405, each a violation", async () => {
    expect((await post("/log/v1", [{ logs: [] }], { "api-key": LICENSE })).status).toBe(404);
    expect((await fetch(`${fake.url}/metric/v1`, { headers: { "api-key": LICENSE } })).status).toBe(405);
    expect((await fetch(`${fake.url}/graphql?query={actor{user{name}}}`, { headers: { "api-key": USER } })).status).toBe(405);
    expect(fake.violations).toEqual([
      expect.stringContaining("POST /log/v1 is not an operation of the vendored New Relic ingest API"),
      expect.stringContaining("GET /metric/v1 is not an operation"),
      expect.stringContaining("NerdGraph is called with POST"),
    ]);
  });

  it("answers 202 to data it then drops, as New Relic does, each drop a violation: no interval.ms, an unknown type, a stale timestamp", async () => {
    const before = fake.metrics().length;
    const body = [{ metrics: [
      { name: "kept", value: 1, timestamp: NOW },
      { name: "no.interval", type: "count", value: 1, timestamp: NOW },
      { name: "histogram", type: "histogram", value: 1, timestamp: NOW },
      { name: "stale", value: 1, timestamp: NOW - 49 * 3_600_000 },
    ] }];
    expect((await sendMetrics(body)).status).toBe(202);
    expect(fake.metrics().slice(before).map((m) => m.name)).toEqual(["kept"]);
    expect(fake.violations).toEqual([
      expect.stringMatching(/must have required property 'interval.ms'.*type must be equal to one of the allowed values/),
      expect.stringContaining('metric "stale" (/0/metrics/3): its timestamp'),
    ]);
  });

  it("keeps events per account (one object or an array, gzip or deflate, Api-Key or X-Insert-Key) and answers 200 success with a uuid", async () => {
    const other = 7654321;
    fake.accountIds.add(other);
    const answer = await sendEvents([{ eventType: "SwitchboardAlert", severity: "critical", count: 2 }, { eventType: "SwitchboardAlert", severity: "low", count: 1, timestamp: NOW / 1000 }]);
    expect(answer.status).toBe(200);
    expect((await answer.json()) as unknown).toEqual({ success: true, uuid: expect.stringMatching(UUID) });
    expect((await sendEvents(gzipSync(JSON.stringify({ eventType: "SwitchboardDeploy", version: "1.2" })), other, { "api-key": LICENSE, "content-encoding": "gzip" })).status).toBe(200);
    expect((await sendEvents(deflateSync(JSON.stringify([{ eventType: "SwitchboardDeploy", version: "1.3" }])), other, { "x-insert-key": LICENSE, "content-encoding": "deflate" })).status).toBe(200);
    const events = fake.events();
    expect(events.filter((e) => e.accountId === ACCOUNT)).toEqual([
      { accountId: ACCOUNT, eventType: "SwitchboardAlert", attributes: { severity: "critical", count: 2 }, timestamp: NOW },
      { accountId: ACCOUNT, eventType: "SwitchboardAlert", attributes: { severity: "low", count: 1 }, timestamp: NOW },
    ]);
    expect(events.filter((e) => e.accountId === other).map((e) => e.attributes.version)).toEqual(["1.2", "1.3"]);
    expect(fake.violations).toEqual([]);

    expect((await sendEvents([{ eventType: "X" }], 999)).status).toBe(403); // an account the fake does not know
    expect(fake.violations).toEqual([]);
    expect((await sendEvents([{ eventType: "Kept" }, { eventType: "Nested", details: { a: 1 } }, { eventType: "bad.type" }])).status).toBe(200);
    expect((await sendEvents("{ not json")).status).toBe(200); // a parsing error, found after the answer
    expect(fake.events().slice(events.length).map((e) => e.eventType)).toEqual(["Kept"]);
    expect(fake.violations).toEqual([expect.stringMatching(/\/requestBody\/1\/details must be string.*\/requestBody\/2\/eventType must match pattern/), expect.stringContaining("the body is not JSON")]);
  });

  it("creates a deployment through NerdGraph with a user key, answering its deploymentId, and reads the key's user", async () => {
    const answer = await nerdgraph(CREATE, { deployment: { entityGuid: ENTITY, version: "2026.12.7", deploymentType: "ROLLING", user: "switchboard", commit: "abc123" } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data: { changeTrackingCreateDeployment: Record<string, unknown> }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.changeTrackingCreateDeployment).toEqual({ deploymentId: expect.stringMatching(UUID), entityGuid: ENTITY, version: "2026.12.7", timestamp: NOW, deploymentType: "ROLLING", user: "switchboard" });
    expect(fake.deployments().at(-1)).toEqual({
      deploymentId: body.data.changeTrackingCreateDeployment.deploymentId,
      entityGuid: ENTITY,
      version: "2026.12.7",
      timestamp: NOW,
      changelog: null,
      commit: "abc123",
      deepLink: null,
      deploymentType: "ROLLING",
      description: null,
      groupId: null,
      user: "switchboard",
      dataHandlingRules: null,
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: "/graphql", status: 200, operation: "mutation changeTrackingCreateDeployment" });
    const me = (await (await nerdgraph("{ actor { user { email name id } } }")).json()) as { data: { actor: { user: { email: string; name: string; id: number } } } };
    expect(me.data.actor.user).toEqual({ email: expect.stringMatching(/@fake-new-relic\.test$/), name: expect.stringMatching(/^Fake user /), id: expect.any(Number) });
    expect(fake.violations).toEqual([]);
  });

  it("refuses an ingest key in NerdGraph 401 BAD_API_KEY, an unknown entity and a stale timestamp as GraphQL errors", async () => {
    const before = fake.deployments().length;
    const withLicense = await nerdgraph("{ actor { user { email } } }", {}, LICENSE);
    expect(withLicense.status).toBe(401);
    expect((await withLicense.json()) as unknown).toEqual({ errors: [{ extensions: { error_code: "BAD_API_KEY" }, message: "Bad API Key or no API Key provided" }] });
    expect(fake.violations).toEqual([]);

    const unknown = (await (await nerdgraph(CREATE, { deployment: { entityGuid: fakeEntityGuid(ACCOUNT, 99), version: "1" } })).json()) as { data: unknown; errors: { message: string; path: string[] }[] };
    expect(unknown.data).toEqual({ changeTrackingCreateDeployment: null });
    expect(unknown.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("Entity not found"), path: ["changeTrackingCreateDeployment"] })]);
    expect(fake.violations).toEqual([]);

    const stale = (await (await nerdgraph(CREATE, { deployment: { entityGuid: ENTITY, version: "1", timestamp: NOW - 25 * 3_600_000 } })).json()) as { errors: { message: string }[] };
    expect(stale.errors[0].message).toContain("24 hours");
    expect(fake.violations).toEqual([expect.stringContaining("is not within 24 hours of now")]);
    expect(fake.deployments().length).toBe(before);
  });

  it("records an operation NerdGraph would refuse as a violation, answering it with GraphQL errors", async () => {
    const misspelt = await nerdgraph(CREATE.replace("deploymentId", "deploymentID"), { deployment: { entityGuid: ENTITY, version: "1" } });
    expect(misspelt.status).toBe(200);
    expect((await misspelt.json()) as unknown).toEqual({ errors: [expect.objectContaining({ message: expect.stringContaining('Cannot query field "deploymentID"') })] });
    await nerdgraph(CREATE, { deployment: { entityGuid: ENTITY } });
    expect(fake.violations).toEqual([expect.stringContaining('Cannot query field "deploymentID"'), expect.stringContaining('Field "version" of required type "String!" was not provided')]);
  });

  it("has a fault switch: 429 with Retry-After, 503 `times` over, and `match` picking requests", async () => {
    fake.setFault({ status: 429, retryAfter: "7" });
    const limited = await sendMetrics(deliveries(1));
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    fake.setFault({ status: 503, times: 2 });
    expect((await sendEvents([{ eventType: "A" }])).status).toBe(503);
    expect((await nerdgraph("{ actor { user { name } } }")).status).toBe(503);
    expect((await sendEvents([{ eventType: "A" }])).status).toBe(200); // spent
    fake.setFault({ status: 500, match: (r) => r.operation === "mutation changeTrackingCreateDeployment" });
    expect((await sendMetrics(deliveries(1))).status).toBe(202);
    expect((await nerdgraph(CREATE, { deployment: { entityGuid: ENTITY, version: "1" } })).status).toBe(500);
    expect(fake.violations).toEqual([]);
  });

  it("hangs until the client gives up", async () => {
    fake.setFault({ hang: true });
    await expect(fetch(`${fake.url}/metric/v1`, { method: "POST", headers: { "content-type": "application/json", "api-key": LICENSE }, body: JSON.stringify(deliveries(1)), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await sendMetrics(deliveries(1))).status).toBe(202);
  });

  it("serves a control surface under /_fake/: the data kept, keys and entities, faults, reset", async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${fake.url}/_fake/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await control("POST", "entities", { guid: "MTIzfEFQTXxBUFBMSUNBVElPTnwy" })).status).toBe(201);
    expect(fake.entityGuids.has("MTIzfEFQTXxBUFBMSUNBVElPTnwy")).toBe(true);
    expect((await control("POST", "user-keys", { key: "NRAK-SECOND" })).status).toBe(201);
    expect((await nerdgraph("{ actor { user { name } } }", {}, "NRAK-SECOND")).status).toBe(200);
    expect((await control("POST", "user-keys", { key: LICENSE })).status).toBe(400);
    expect((await control("POST", "fault", { status: 503, operation: "postCustomEvents" })).status).toBe(200);
    expect((await sendMetrics(deliveries(1))).status).toBe(202);
    expect((await sendEvents({ eventType: "A" })).status).toBe(503);
    expect(((await (await control("GET", "metrics")).json()) as unknown[]).length).toBe(fake.metrics().length);
    expect((await control("GET", "deployments")).status).toBe(200);
    expect((await control("POST", "reset")).status).toBe(200);
    expect([fake.metrics(), fake.events(), fake.deployments(), fake.requests]).toEqual([[], [], [], []]);
  });
});
