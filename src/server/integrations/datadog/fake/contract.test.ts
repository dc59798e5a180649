import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileEverySchema } from "../../shared/fake/compile-schemas";
import type { ContractGate } from "../../shared/fake/contract-gate";
import { createDatadogContractGate, loadContractDocument } from "./contract";

/**
 * The vendored subset of Datadog's API descriptions compiles — every schema in it, with ajv in
 * strict mode, up front — and the fake's contract gate refuses what Datadog would refuse. The gate
 * runs openapi-backend with `quick: true`, which compiles lazily and never checks the document,
 * so without the first tests a schema ajv cannot compile would only show when a request hit it.
 * Datadog publishes v1 and v2 as two documents; scripts/openapi-sources/datadog.mjs merges them,
 * tested here too.
 */

type Document = { openapi: string; info: unknown; paths: Record<string, Record<string, Record<string, unknown>>>; components: Record<string, Record<string, unknown>> };
/** The source module's merge (plain JavaScript, run by node; imported by URL so the type checker does not look for its types). */
const source = import(pathToFileURL(path.join(process.cwd(), "scripts/openapi-sources/datadog.mjs")).href) as Promise<{
  mergeVersions: (v1: unknown, v2: unknown) => Document & { renamed: string[] };
  default: { operations: string[] };
}>;

const OPERATIONS = ["Validate", "SubmitMetrics", "V1CreateEvent", "CreateDORADeployment"];
const NOW = 1_796_040_000; // seconds; the gate does not look at time, the fake does

describe("the vendored Datadog subset", () => {
  const document = loadContractDocument() as unknown as Document & { info: Record<string, unknown> };

  it("has exactly the listed operations, at Datadog's paths, and says where it comes from, which commit and when", async () => {
    const operations = Object.entries(document.paths).flatMap(([route, item]) => Object.entries(item).map(([method, o]) => `${method.toUpperCase()} ${route} ${String(o.operationId)}`));
    expect(operations.sort()).toEqual([
      "GET /api/v1/validate Validate",
      "POST /api/v1/events V1CreateEvent",
      "POST /api/v2/dora/deployment CreateDORADeployment",
      "POST /api/v2/series SubmitMetrics",
    ]);
    expect((await source).default.operations).toEqual(OPERATIONS);
    expect(document.info).toMatchObject({
      "x-source": expect.stringMatching(/^github:DataDog\/datadog-api-client-typescript@f722578514a6b8d464aa1ecdf909bb39260c0dc3 \(Apache-2\.0\)/),
      "x-source-file": expect.stringContaining(".generator/schemas/v2/openapi.yaml (git blob be7bf771e30e6431a0c98a87ccec7cbaa0ee3907)"),
      "x-retrieved": expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      "x-operations": OPERATIONS,
    });
    expect(document).not.toHaveProperty("servers");
  });

  it("compiles, every schema of it, with ajv in strict mode", () => {
    expect(compileEverySchema(document, "datadog")).toBeGreaterThan(40);
  });

  it("keeps the v1 schemas apart from v2's of the same name, and every operation requires the API key", () => {
    const schemas = document.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["V1APIErrorResponse", "V1EventCreateRequest", "V1Event", "APIErrorResponse", "MetricPayload", "DORADeploymentRequest"]));
    expect(Object.keys(schemas)).not.toContain("EventCreateRequest");
    expect(schemas.MetricPoint.properties!.value).toEqual({ description: expect.any(String), type: "number" }); // format double dropped
    for (const item of Object.values(document.paths)) for (const operation of Object.values(item)) expect(operation.security).toEqual([{ apiKeyAuth: [] }]);
    expect(JSON.stringify({ paths: document.paths, components: document.components })).not.toMatch(/"x-|"example":|"format":"double"|"#\/components\/(responses|parameters)\//);
  });

  it("merges v1 and v2 as datadog.mjs says: v1 names v2 also uses get V1, their refs follow, double goes", async () => {
    const { mergeVersions } = await source;
    const v1 = {
      openapi: "3.0.0",
      paths: { "/api/v1/events": { post: { operationId: "CreateEvent", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Event" } } } } } } },
      components: { schemas: { Event: { type: "object", properties: { p: { $ref: "#/components/schemas/Priority" }, n: { type: "number", format: "double" } } }, Priority: { type: "string" } } },
    };
    const v2 = {
      openapi: "3.0.0",
      info: { version: "1.0" },
      paths: { "/api/v2/events": { post: { operationId: "CreateEvent" } }, "/api/v2/series": { parameters: [], post: { operationId: "SubmitMetrics" } } },
      components: { schemas: { Event: { type: "string" } } },
    };
    const merged = mergeVersions(v1, v2);
    expect(merged.renamed).toEqual(["V1Event"]);
    expect(merged.paths["/api/v1/events"].post).toMatchObject({ operationId: "V1CreateEvent", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/V1Event" } } } } });
    expect(merged.paths["/api/v2/events"].post.operationId).toBe("CreateEvent");
    expect(merged.paths["/api/v2/series"].parameters).toEqual([]);
    expect(merged.components.schemas).toEqual({
      V1Event: { type: "object", properties: { p: { $ref: "#/components/schemas/Priority" }, n: { type: "number" } } },
      Priority: { type: "string" },
      Event: { type: "string" },
    });
    expect(() => mergeVersions(v1, { ...v2, paths: { "/api/v1/events": {} } })).toThrow("/api/v1/events is in both v1 and v2");
  });
});

describe("the Datadog fake's contract gate", () => {
  let gate: ContractGate;
  beforeAll(async () => {
    gate = await createDatadogContractGate();
  });
  const check = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, query = "") =>
    gate.check({ method, path, query, headers: { "content-type": "application/json", ...headers }, body });
  const series = (overrides: Record<string, unknown> = {}) => ({ series: [{ metric: "switchboard.tickets.open", type: 3, points: [{ timestamp: NOW, value: 4 }], tags: ["dataspace:acme"], ...overrides }] });

  it("lets well-formed requests through: a MetricPayload (gzip or deflate), the key check, an event, a deployment", () => {
    expect(check("POST", "/api/v2/series", series())).toEqual({ ok: true, operationId: "SubmitMetrics", params: {} });
    expect(check("POST", "/api/v2/series", series({ resources: [{ name: "web-1", type: "host" }], unit: "ticket", interval: 60 }), { "content-encoding": "gzip" })).toMatchObject({ ok: true });
    expect(check("POST", "/api/v2/series", series({ type: 0 }), { "content-encoding": "deflate" })).toMatchObject({ ok: true });
    expect(check("GET", "/api/v1/validate")).toEqual({ ok: true, operationId: "Validate", params: {} });
    expect(check("POST", "/api/v1/events", { title: "Deploy", text: "v1.2", tags: ["env:prod"], alert_type: "info", aggregation_key: "deploy-1", priority: null })).toMatchObject({ ok: true, operationId: "V1CreateEvent" });
    const deployment = { service: "switchboard", started_at: NOW, finished_at: NOW + 30, env: "prod", git: { repository_url: "https://github.com/acme/sb", commit_sha: "66adc9350f2cc9b250b69abddab733dd55e1a588" } };
    expect(check("POST", "/api/v2/dora/deployment", { data: { attributes: deployment } })).toMatchObject({ ok: true, operationId: "CreateDORADeployment" });
  });

  it("refuses a malformed series, naming why", () => {
    const { metric: _, ...withoutMetric } = series().series[0];
    expect(check("POST", "/api/v2/series", { series: [withoutMetric] })).toEqual({ ok: false, operationId: "SubmitMetrics", errors: ["/requestBody/series/0 must have required property 'metric'"] });
    expect(check("POST", "/api/v2/series", series({ points: [{ timestamp: NOW, value: "4" }] }))).toMatchObject({ ok: false, errors: ["/requestBody/series/0/points/0/value must be number"] });
    expect(check("POST", "/api/v2/series", series({ points: [{ timestamp: NOW + 0.5, value: 4 }] }))).toMatchObject({
      ok: false,
      errors: ["/requestBody/series/0/points/0/timestamp must be integer", '/requestBody/series/0/points/0/timestamp must match format "int64"'],
    });
    expect(check("POST", "/api/v2/series", series({ type: 7 }))).toMatchObject({ ok: false, errors: ["/requestBody/series/0/type must be equal to one of the allowed values (0, 1, 2, 3)"] });
    expect(check("POST", "/api/v2/series", series({ type: "gauge" }))).toMatchObject({ ok: false });
    expect(check("POST", "/api/v2/series", { metrics: [] })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'series'"] });
    expect(check("POST", "/api/v2/series", undefined)).toMatchObject({ ok: false, errors: ["request must have required property 'requestBody'"] });
  });

  it("refuses a Content-Encoding outside the documented enum (deflate, zstd1, gzip)", () => {
    expect(check("POST", "/api/v2/series", series(), { "content-encoding": "br" })).toMatchObject({ ok: false, errors: ["/header/content-encoding must be equal to one of the allowed values (deflate, zstd1, gzip)"] });
    expect(check("POST", "/api/v2/series", series(), { "Content-Encoding": "identity" })).toMatchObject({ ok: false });
  });

  it("lets unknown fields through, as Datadog's schemas do (none says additionalProperties: false)", () => {
    // Stricter than the spec would refuse what Datadog takes; a typo in a field name is caught by the tests of the sender instead.
    expect(check("POST", "/api/v2/series", { ...series(), extra: true })).toMatchObject({ ok: true });
    expect(check("POST", "/api/v1/events", { title: "T", text: "x", titel: "typo" })).toMatchObject({ ok: true });
  });

  it("refuses an event without its title or text, or beyond the documented limits", () => {
    expect(check("POST", "/api/v1/events", { text: "x" })).toEqual({ ok: false, operationId: "V1CreateEvent", errors: ["/requestBody must have required property 'title'"] });
    expect(check("POST", "/api/v1/events", { title: "T" })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'text'"] });
    expect(check("POST", "/api/v1/events", { title: "T", text: "x".repeat(4001) })).toMatchObject({ ok: false, errors: ["/requestBody/text must NOT have more than 4000 characters"] });
    expect(check("POST", "/api/v1/events", { title: "T", text: "x", aggregation_key: "k".repeat(101) })).toMatchObject({ ok: false });
    expect(check("POST", "/api/v1/events", { title: "T", text: "x", alert_type: "critical" })).toMatchObject({ ok: false, errors: [expect.stringContaining("/requestBody/alert_type must be equal to one of the allowed values")] });
    expect(check("POST", "/api/v1/events", { title: "T", text: "x", date_happened: "1796040000" })).toMatchObject({ ok: false, errors: ["/requestBody/date_happened must be integer"] });
  });

  it("refuses a DORA deployment without what the spec requires (service, started_at, finished_at; a git's repository_url and commit_sha)", () => {
    const deploy = (attributes: Record<string, unknown>) => check("POST", "/api/v2/dora/deployment", { data: { attributes } });
    expect(deploy({ started_at: NOW, finished_at: NOW })).toEqual({ ok: false, operationId: "CreateDORADeployment", errors: ["/requestBody/data/attributes must have required property 'service'"] });
    expect(deploy({ service: "sb", finished_at: NOW })).toMatchObject({ ok: false, errors: ["/requestBody/data/attributes must have required property 'started_at'"] });
    expect(deploy({ service: "sb", started_at: NOW })).toMatchObject({ ok: false, errors: ["/requestBody/data/attributes must have required property 'finished_at'"] });
    expect(deploy({ service: "sb", started_at: NOW, finished_at: NOW, git: { repository_url: "https://github.com/acme/sb", commit_sha: "abc123" } })).toMatchObject({
      ok: false,
      errors: ['/requestBody/data/attributes/git/commit_sha must match pattern "^[a-fA-F0-9]{40,}$"'],
    });
    expect(check("POST", "/api/v2/dora/deployment", { service: "sb", started_at: NOW, finished_at: NOW })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'data'"] });
  });

  it("refuses operations outside the subset, and query parameters the operation does not have (the deprecated api_key among them)", () => {
    expect(check("POST", "/api/v1/series", series())).toEqual({ ok: false, operationId: null, errors: ["POST /api/v1/series is not an operation of the vendored Datadog API"] });
    expect(check("GET", "/api/v2/series")).toMatchObject({ ok: false, operationId: null });
    expect(check("POST", "/api/v2/events", { data: {} })).toMatchObject({ ok: false, operationId: null });
    expect(check("GET", "/api/v1/validate", undefined, {}, "api_key=abc")).toMatchObject({ ok: false, operationId: "Validate", errors: ["/query must NOT have additional properties (api_key)"] });
  });

  it("checks answers too: Datadog's documented bodies pass, others do not", () => {
    expect(gate.checkResponse("Validate", 200, { valid: true })).toEqual([]);
    expect(gate.checkResponse("Validate", 403, { errors: ["Forbidden"] })).toEqual([]);
    expect(gate.checkResponse("SubmitMetrics", 202, { errors: [] })).toEqual([]);
    expect(gate.checkResponse("SubmitMetrics", 413, { errors: "too large" })).toEqual(["response 413 /errors must be array"]);
    expect(gate.checkResponse("V1CreateEvent", 202, { status: "ok", event: { id: 1, id_str: "1", title: "T", text: "x", priority: null, tags: [] } })).toEqual([]);
    expect(gate.checkResponse("V1CreateEvent", 202, { status: "ok", event: { id: "1" } })).toEqual(["response 202 /event/id must be integer"]);
    expect(gate.checkResponse("CreateDORADeployment", 200, { data: { id: "4242fcdd31586083", type: "dora_deployment" } })).toEqual([]);
    expect(gate.checkResponse("CreateDORADeployment", 200, { data: { type: "dora_deployment" } })).toEqual(["response 200 /data must have required property 'id'"]);
    expect(gate.checkResponse("CreateDORADeployment", 400, { errors: ["Bad Request"] })).not.toEqual([]); // JSON:API error objects, not strings
  });
});
