import { GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { compileEverySchema } from "../../shared/fake/compile-schemas";
import type { ContractGate } from "../../shared/fake/contract-gate";
import { checkNerdgraphOperation, createIngestGate, loadIngestDocument, nerdgraphSchema } from "./contract";
import { judgeEvents, judgeMetrics, toMilliseconds } from "./ingest-checks";

/**
 * The vendored New Relic contracts compile and build, and their gates let through what the
 * documentation shows and refuse what it forbids, naming why: the ingest subset
 * (new-relic-ingest.openapi.json) through the shared OpenAPI gate plus ingest-checks.ts, the
 * NerdGraph subset (nerdgraph-change-tracking.graphqls) through graphql's validate and variable
 * coercion.
 */

const NOW = Date.UTC(2026, 11, 7, 12);
const headers = { "content-type": "application/json", "api-key": "k" };

describe("the ingest contract", () => {
  let gate: ContractGate;
  beforeAll(async () => {
    gate = await createIngestGate();
  });
  const metrics = (body: unknown) => gate.check({ method: "POST", path: "/metric/v1", query: "", headers, body });
  const events = (body: unknown, account = "1234567") => gate.check({ method: "POST", path: `/v1/accounts/${account}/events`, query: "", headers, body });
  const errorsOf = (verdict: ReturnType<ContractGate["check"]>) => (verdict.ok ? [] : verdict.errors);

  it("compiles, every schema of it, and says where it comes from and when", () => {
    const document = loadIngestDocument();
    expect(compileEverySchema(document, "new-relic-ingest")).toBeGreaterThan(20);
    const info = document.info as Record<string, unknown>;
    expect(info["x-source"]).toMatch(/^https:\/\/docs\.newrelic\.com\//);
    expect(info["x-sources"]).toHaveLength(4);
    expect(info["x-retrieved"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("lets through the documentation's own examples: the three metric types, common, a summary's map", () => {
    const body = [
      {
        common: { timestamp: NOW, "interval.ms": 10_000, attributes: { "app.name": "foo", "host.name": "dev.server.com" } },
        metrics: [
          { name: "service.errors.all", type: "count", value: 9, attributes: { "service.response.statuscode": "400" } },
          { name: "service.response.duration", type: "summary", value: { count: 5, sum: 0.004382655, min: 0.0005093, max: 0.001708826 } },
        ],
      },
      { metrics: [{ name: "memory.heap", type: "gauge", value: 2.3, timestamp: NOW, attributes: { "host.name": "dev.server.com", up: true } }] },
      { metrics: [{ name: "cache.misses", type: "count", value: 15, timestamp: NOW, "interval.ms": 10_000 }, { name: "temperature", value: 15, timestamp: NOW }] },
    ];
    expect(metrics(body)).toMatchObject({ ok: true, operationId: "postMetricData" });
    expect(events([{ eventType: "Purchase", account: 3, amount: 259.54 }, { eventType: "Purchase", account: 5, amount: 12309, product: "Item" }])).toMatchObject({ ok: true, operationId: "postCustomEvents" });
    expect(events({ eventType: "switchboard:Delivery", timestamp: Math.floor(NOW / 1000), "http.status": 200 })).toMatchObject({ ok: true });
  });

  it("refuses a count or summary without interval.ms (on the point or in common), an unknown type, a summary given a number", () => {
    expect(errorsOf(metrics([{ metrics: [{ name: "requests", type: "count", value: 1, timestamp: NOW }] }]))).toContainEqual(
      expect.stringContaining("/requestBody/0/metrics/0 must have required property 'interval.ms'"),
    );
    expect(errorsOf(metrics([{ common: { timestamp: NOW }, metrics: [{ name: "latency", type: "summary", value: { count: 1, sum: 2, min: 2, max: 2 } }] }]))).toContainEqual(
      expect.stringContaining("must have required property 'interval.ms'"),
    );
    expect(errorsOf(metrics([{ metrics: [{ name: "latency", type: "histogram", value: 1, timestamp: NOW }] }]))).toContainEqual(
      expect.stringContaining("/requestBody/0/metrics/0/type must be equal to one of the allowed values (gauge, count, summary)"),
    );
    expect(errorsOf(metrics([{ metrics: [{ name: "latency", type: "summary", value: 3, timestamp: NOW, "interval.ms": 1000 }] }]))).toContainEqual(
      expect.stringContaining("/requestBody/0/metrics/0/value must be object"),
    );
  });

  it("refuses what the limits page forbids: no timestamp anywhere, a long name, a restricted or misnamed attribute, a nested value, a field it does not define", () => {
    const refused = (point: Record<string, unknown>) => errorsOf(metrics([{ metrics: [{ name: "m", value: 1, timestamp: NOW, ...point }] }])).join("\n");
    expect(errorsOf(metrics([{ metrics: [{ name: "m", value: 1 }] }]))).toContainEqual(expect.stringContaining("must have required property 'timestamp'"));
    expect(refused({ name: "n".repeat(255) })).toContain("/name must NOT have more than 254 characters");
    expect(refused({ attributes: { "interval.ms": 5 } })).toContain("property name must be valid");
    expect(refused({ attributes: { "http-status": 200 } })).toContain("property name must be valid");
    expect(refused({ attributes: { route: { path: "/x" } } })).toContain("/attributes/route must be string");
    expect(refused({ attributes: { note: "x".repeat(4097) } })).toContain("must NOT have more than 4096 characters");
    expect(refused({ intervalMs: 1000 })).toContain("must NOT have additional properties (intervalMs)");
    expect(refused({ timestamp: 1.5 })).toContain("/timestamp must be integer");
  });

  it("refuses an event with a nested object, an array, a boolean, a bad or reserved eventType, accountId, too many attributes", () => {
    const refused = (event: Record<string, unknown>) => errorsOf(events([event])).join("\n");
    expect(refused({ eventType: "Deploy", details: { by: "ci" } })).toContain("/requestBody/0/details must be string");
    expect(refused({ eventType: "Deploy", tags: ["a"] })).toContain("/requestBody/0/tags must be string");
    expect(refused({ eventType: "Deploy", ok: true })).toContain("/requestBody/0/ok must be string");
    expect(refused({ eventType: "switchboard.delivery" })).toContain("/requestBody/0/eventType must match pattern");
    expect(refused({ eventType: "e".repeat(256) })).toContain("must NOT have more than 255 characters");
    expect(refused({ eventType: "Metric1Minute" })).toContain("/requestBody/0/eventType must NOT be valid");
    expect(refused({ eventType: "Public_Deploy" })).toContain("/requestBody/0/eventType must NOT be valid");
    expect(refused({ eventType: "Deploy", accountId: 1 })).toContain("property name must be valid");
    expect(refused({ eventType: "Deploy", appId: "12" })).toContain("/requestBody/0/appId must be integer");
    expect(refused(Object.fromEntries([["eventType", "Deploy"], ...Array.from({ length: 255 }, (_, i) => [`a${i}`, i])]))).toContain("must NOT have more than 255 properties");
    expect(refused({ account: 3 })).toContain("must have required property 'eventType'");
    expect(errorsOf(events([]))).toContainEqual(expect.stringContaining("must NOT have fewer than 1 items"));
    expect(errorsOf(events([{ eventType: "Deploy" }], "acme"))).toContainEqual(expect.stringContaining("/path/accountId must be integer"));
  });

  it("refuses operations outside the subset and query parameters the Event API does not take", () => {
    expect(gate.check({ method: "POST", path: "/log/v1", query: "", headers, body: [] })).toMatchObject({ ok: false, operationId: null });
    expect(gate.check({ method: "GET", path: "/metric/v1", query: "", headers, body: undefined })).toMatchObject({ ok: false, operationId: null });
    expect(errorsOf(gate.check({ method: "POST", path: "/v1/accounts/1/events", query: "Api-Key=k", headers, body: { eventType: "A" } }))).toContainEqual(
      expect.stringContaining("must NOT have additional properties (Api-Key)"),
    );
  });

  it("drops only the data point, common block or event an error is about, and what the time windows and limits refuse", () => {
    const body = [
      { metrics: [{ name: "ok", value: 1, timestamp: NOW }, { name: "bad", type: "count", value: 1, timestamp: NOW }] },
      { common: { timestamp: NOW, attributes: { nested: {} } }, metrics: [{ name: "lost", value: 1 }] },
      { common: { timestamp: NOW - 49 * 3_600_000 }, metrics: [{ name: "old", value: 1 }, { name: "fresh", value: 2, timestamp: NOW / 1000 }] },
      { metrics: [{ name: "self", value: 1, timestamp: NOW, attributes: { self: "x" } }] },
    ];
    const verdict = metrics(body);
    const judged = judgeMetrics(body, errorsOf(verdict), NOW);
    expect(judged.points.map((p) => p.name)).toEqual(["ok", "fresh"]);
    expect(judged.points[1]).toMatchObject({ type: "gauge", timestamp: NOW, intervalMs: null, attributes: {} });
    expect(judged.problems).toEqual([expect.stringContaining('metric "old" (/2/metrics/0): its timestamp'), expect.stringContaining("the metric's own name")]);

    const list = [{ eventType: "A" }, { eventType: "B", nested: {} }, { eventType: "C", timestamp: NOW + 25 * 3_600_000 }];
    const kept = judgeEvents(list, 7, errorsOf(events(list)), NOW);
    expect(kept.events).toEqual([{ accountId: 7, eventType: "A", attributes: {}, timestamp: NOW }]);
    expect(kept.problems).toEqual([expect.stringContaining("event 2 (C): its timestamp")]);
    expect([toMilliseconds(1_700_000_000), toMilliseconds(1_700_000_000_000), toMilliseconds(1_700_000_000_000_000), toMilliseconds(1.7e18)]).toEqual(Array(4).fill(1_700_000_000_000));
  });
});

describe("the NerdGraph contract", () => {
  const CREATE = `mutation CreateDeployment($deployment: ChangeTrackingDeploymentInput!) {
    changeTrackingCreateDeployment(deployment: $deployment) { deploymentId entityGuid version timestamp deploymentType }
  }`;
  const deployment = { entityGuid: "MTIzNDU2N3xBUE18QVBQTElDQVRJT058MQ", version: "1.4.2", deploymentType: "ROLLING", timestamp: NOW, user: "switchboard", commit: "abc123" };
  const messages = (request: Parameters<typeof checkNerdgraphOperation>[0]) => {
    const verdict = checkNerdgraphOperation(request);
    return verdict.ok ? [] : verdict.errors.map((e) => e.message);
  };

  it("builds, with the documented input, output and enum", () => {
    const schema = nerdgraphSchema();
    const field = schema.getMutationType()?.getFields().changeTrackingCreateDeployment;
    expect(field?.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(["dataHandlingRules: ChangeTrackingDataHandlingRules", "deployment: ChangeTrackingDeploymentInput!"]);
    const input = schema.getType("ChangeTrackingDeploymentInput") as GraphQLInputObjectType;
    expect(Object.keys(input.getFields()).sort()).toEqual(["changelog", "commit", "deepLink", "deploymentType", "description", "entityGuid", "groupId", "timestamp", "user", "version"]);
    expect(input.getFields().version.type).toBeInstanceOf(GraphQLNonNull);
    expect((schema.getType("ChangeTrackingDeploymentType") as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(["BASIC", "BLUE_GREEN", "CANARY", "OTHER", "ROLLING", "SHADOW"]);
  });

  it("lets through the documented mutations (with variables and inline) and the key's user", () => {
    expect(checkNerdgraphOperation({ query: CREATE, variables: { deployment } })).toMatchObject({ ok: true, kind: "mutation", fields: ["changeTrackingCreateDeployment"] });
    const inline = `mutation { changeTrackingCreateDeployment(deployment: { version: "0.0.1", entityGuid: "INSERT_YOUR_GUID", timestamp: ${NOW}, deploymentType: BASIC }, dataHandlingRules: { validationFlags: [FAIL_ON_FIELD_LENGTH] }) { deploymentId entityGuid } }`;
    expect(messages({ query: inline })).toEqual([]);
    expect(checkNerdgraphOperation({ query: "{ actor { user { email id name } } }" })).toMatchObject({ ok: true, kind: "query", fields: ["actor"] });
  });

  it("refuses a misspelt field, a missing version, a wrong variable type, a value outside the enum, a field outside the subset", () => {
    expect(messages({ query: CREATE.replace("deploymentId", "deploymentID"), variables: { deployment } })).toEqual([expect.stringContaining('Cannot query field "deploymentID" on type "ChangeTrackingDeployment"')]);
    expect(messages({ query: CREATE, variables: { deployment: { ...deployment, version: undefined } } })).toEqual([expect.stringContaining('Field "version" of required type "String!" was not provided')]);
    expect(messages({ query: `mutation { changeTrackingCreateDeployment(deployment: { entityGuid: "g" }) { deploymentId } }` })).toEqual([
      expect.stringContaining('Field "ChangeTrackingDeploymentInput.version" of required type "String!" was not provided'),
    ]);
    expect(messages({ query: CREATE, variables: { deployment: { ...deployment, timestamp: new Date(NOW).toISOString() } } })).toEqual([expect.stringContaining("EpochMilliseconds cannot represent")]);
    expect(messages({ query: CREATE, variables: { deployment: { ...deployment, deploymentType: "Rolling" } } })).toEqual([expect.stringContaining('Value "Rolling" does not exist in "ChangeTrackingDeploymentType" enum')]);
    expect(messages({ query: CREATE, variables: { deployment: { ...deployment, entityGUID: "x" } } })).toEqual([expect.stringContaining('Field "entityGUID" is not defined by type "ChangeTrackingDeploymentInput"')]);
    expect(messages({ query: CREATE.replace("$deployment: ChangeTrackingDeploymentInput!", "$deployment: String!"), variables: { deployment: "x" } })).toEqual([
      expect.stringContaining('Variable "$deployment" of type "String!" used in position expecting type "ChangeTrackingDeploymentInput!"'),
    ]);
    expect(messages({ query: "{ actor { entitySearch(query: \"x\") { count } } }" })).toEqual([expect.stringContaining('Cannot query field "entitySearch" on type "Actor"')]);
    expect(messages({ query: "{ actor { user { email } " })).toEqual([expect.stringContaining("Syntax Error")]);
    expect(messages({ query: "" })).toEqual(["the request has no query"]);
  });
});
