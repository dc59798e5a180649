import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { createStatuspageClient, type StatuspageClient } from "../api/client";
import { StatuspageApiError } from "../api/errors";
import { adaptiveCardErrors, ADAPTIVE_CARD_SCHEMA_FILE } from "../../ms-teams/fake/card-schema";
import { addContractFormats } from "./contract";
import { startFakeStatuspage, type FakePage, type FakeStatuspage } from "./fake-statuspage";

/**
 * The vendored schemas compile — every one, with ajv in strict mode, up front — and the fake's
 * contract gate refuses what Statuspage would refuse. The gate runs openapi-backend with
 * `quick: true`, which compiles lazily and never checks the document itself, so without the
 * first test a broken schema would only show (or not) when some request happened to hit it.
 */

const root = process.cwd();

/** Every vendored API document and JSON Schema in the source tree. */
async function vendoredSchemaFiles(): Promise<string[]> {
  const entries = await readdir(path.join(root, "src"), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(openapi|schema)\.json$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * Compiles every schema in a document with ajv (strict: unknown keywords and formats are errors,
 * not ignored): for an OpenAPI document, each component schema and each parameter, request body
 * and response schema of each operation; for a JSON Schema, the schema. Throws on the first
 * that does not compile, naming it.
 */
function compileAll(document: Record<string, unknown>, name: string): number {
  const ajv = addContractFormats(new Ajv({ strict: true, strictTypes: false, allErrors: true }));
  ajv.addKeyword({ keyword: "example" });
  // The holder of the component schemas, so "#/components/schemas/X" resolves; each is compiled on its own below.
  ajv.addKeyword({ keyword: "components" });
  const compile = (pointer: string, schema: unknown) => {
    try {
      const ref = typeof schema === "object" && schema !== null && "$ref" in schema ? (schema as { $ref: string }).$ref : null;
      ajv.compile(ref?.startsWith("#") ? { $ref: `${name}${ref}` } : (schema as object));
    } catch (error) {
      throw new Error(`${name}${pointer} does not compile: ${(error as Error).message}`);
    }
  };
  if (typeof document.openapi !== "string") {
    compile("#", document);
    return 1;
  }
  // Component schemas under the document's own id, so "#/components/schemas/X" refs resolve.
  const schemas = ((document.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {}) as Record<string, unknown>;
  ajv.addSchema({ components: { schemas } }, name);
  let count = 0;
  for (const schemaName of Object.keys(schemas)) {
    compile(`#/components/schemas/${schemaName}`, { $ref: `#/components/schemas/${schemaName}` });
    count++;
  }
  const withRefs = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${name}#/`));
  for (const [route, item] of Object.entries((document.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const at = `#/paths/${route}/${method}`;
      for (const [i, parameter] of ((operation.parameters ?? []) as { schema?: unknown }[]).entries()) {
        compile(`${at}/parameters/${i}`, withRefs(parameter.schema));
        count++;
      }
      const body = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content ?? {};
      for (const [type, media] of Object.entries(body)) {
        compile(`${at}/requestBody/${type}`, withRefs(media.schema));
        count++;
      }
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, { content?: Record<string, { schema?: unknown }> }>)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          compile(`${at}/responses/${status}/${type}`, withRefs(media.schema));
          count++;
        }
      }
    }
  }
  return count;
}

describe("vendored schemas", () => {
  it("are found (the Statuspage subset among them), and every schema in each compiles with ajv", async () => {
    const files = await vendoredSchemaFiles();
    expect(files).toContain("src/server/integrations/statuspage/fake/statuspage-management.openapi.json");
    for (const file of files) {
      // Draft-06 with Microsoft's own keywords: compiled (strict) by its fake's module, which
      // documents each adjustment and tests that the result refuses bad cards.
      if (path.join(root, file) === ADAPTIVE_CARD_SCHEMA_FILE) {
        expect(adaptiveCardErrors({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "ok" }] }), file).toEqual([]);
        continue;
      }
      const document = JSON.parse(await readFile(path.join(root, file), "utf8")) as Record<string, unknown>;
      expect(compileAll(document, `file:${file}`), file).toBeGreaterThan(0);
    }
  });

  it("say where they come from and when", async () => {
    const document = JSON.parse(await readFile(path.join(root, "src/server/integrations/statuspage/fake/statuspage-management.openapi.json"), "utf8"));
    expect(document.info["x-source"]).toBe("https://developer.statuspage.io/");
    expect(document.info["x-retrieved"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("an uncompilable schema fails, never passes silently", () => {
    const broken = (schemas: Record<string, unknown>) => ({ openapi: "3.0.3", paths: {}, components: { schemas } });
    expect(() => compileAll(broken({ A: { type: "strnig" } }), "file:bad-type")).toThrow(/#\/components\/schemas\/A does not compile/);
    expect(() => compileAll(broken({ A: { type: "string", pattern: "([a-z" } }), "file:bad-pattern")).toThrow(/does not compile/);
    expect(() => compileAll(broken({ A: { type: "string", format: "uuidish" } }), "file:unknown-format")).toThrow(/unknown format/);
    expect(() => compileAll(broken({ A: { tpye: "string" } }), "file:unknown-keyword")).toThrow(/unknown keyword/);
    expect(() => compileAll(broken({ A: { $ref: "#/components/schemas/Missing" } }), "file:dangling-ref")).toThrow(/does not compile/);
    expect(() =>
      compileAll({ openapi: "3.0.3", paths: { "/x": { post: { requestBody: { content: { "application/json": { schema: { type: "object", required: "name" } } } } } } } }, "file:bad-body"),
    ).toThrow(/requestBody.*does not compile/);
  });
});

describe("the Statuspage fake's contract gate", () => {
  let fake: FakeStatuspage;
  let page: FakePage;
  let client: StatuspageClient;
  let api: string;
  let components: string[];

  beforeAll(async () => {
    fake = await startFakeStatuspage();
    page = fake.addPage({ name: "Acme status" });
    components = [fake.addComponent(page.id, { name: "API" }).id, fake.addComponent(page.id, { name: "Web" }).id];
    fake.addSubscriber(page.id, "ops@acme.test");
    client = createStatuspageClient({ apiKey: page.apiKey, baseUrl: fake.url, fetch: globalThis.fetch });
    api = `${fake.url}/pages/${page.id}`;
  });
  afterEach(() => {
    fake.fault(null);
    fake.violations.length = 0;
  });
  afterAll(() => fake.close());

  const raw = (method: string, url: string, body?: unknown, apiKey = page.apiKey) =>
    fetch(url, { method, headers: { authorization: `OAuth ${apiKey}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

  it("lets every call of the client through: page, components, incident lifecycle, a scheduled maintenance", async () => {
    expect((await client.getPage(page.id)).name).toBe("Acme status");
    expect((await client.listComponents(page.id)).map((c) => c.name)).toEqual(["API", "Web"]);
    expect((await client.updateComponentStatus(page.id, components[0], "degraded_performance")).status).toBe("degraded_performance");
    const incident = await client.createIncident(page.id, {
      name: "Checkout errors",
      status: "investigating",
      body: "We are looking into it.",
      component_ids: [components[1]],
      components: { [components[1]]: "major_outage" },
      deliver_notifications: true,
      metadata: { switchboard: { incident: "0190a0f0-0000-7000-8000-000000000001" } },
    });
    expect(incident).toMatchObject({ name: "Checkout errors", status: "investigating", impact: "critical" });
    expect(fake.component(page.id, components[1]).status).toBe("major_outage");
    expect((await client.listUnresolvedIncidents(page.id)).map((i) => i.id)).toEqual([incident.id]);
    const resolved = await client.updateIncident(page.id, incident.id, { status: "resolved", body: "Fixed.", components: { [components[1]]: "operational" }, deliver_notifications: false });
    expect(resolved.status).toBe("resolved");
    expect(await client.listUnresolvedIncidents(page.id)).toEqual([]);
    // Only the updates sent with deliver_notifications reached the subscriber.
    expect(page.notifications).toEqual([{ subscriber: "ops@acme.test", incidentId: incident.id, status: "investigating" }]);
    const maintenance = await client.createIncident(page.id, {
      name: "Database upgrade",
      status: "scheduled",
      scheduled_for: "2026-12-10T02:00:00.000Z",
      scheduled_until: "2026-12-10T03:00:00.000Z",
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: true,
      component_ids: [components[0]],
      deliver_notifications: false,
    });
    expect(maintenance).toMatchObject({ status: "scheduled", impact: "maintenance", scheduled_for: "2026-12-10T02:00:00.000Z" });
    expect(fake.violations).toEqual([]);
  });

  it("refuses an incident without incident[name], naming it", async () => {
    const answer = await raw("POST", `${api}/incidents`, { incident: { status: "investigating", body: "No name" } });
    expect(answer.status).toBe(422);
    expect(fake.violations).toEqual([expect.stringContaining("/requestBody/incident must have required property 'name'")]);
  });

  it("refuses a status outside the documented enum, for incidents and components", async () => {
    await raw("POST", `${api}/incidents`, { incident: { name: "Outage", status: "fixed" } });
    await raw("PATCH", `${api}/components/${components[0]}`, { component: { status: "down" } });
    expect(fake.violations).toEqual([
      expect.stringContaining("/requestBody/incident/status must be equal to one of the allowed values"),
      expect.stringContaining("/requestBody/component/status must be equal to one of the allowed values"),
    ]);
  });

  it("refuses an incident naming a component the page does not have — through the client too", async () => {
    await expect(client.createIncident(page.id, { name: "Ghost", component_ids: ["zzzzzzzzzzzz"] })).rejects.toMatchObject({ kind: "rejected", status: 422 });
    expect(fake.violations).toEqual([expect.stringContaining("Component not found: zzzzzzzzzzzz")]);
  });

  it("refuses fields the API does not define, a wrong body type and operations outside the subset", async () => {
    await raw("POST", `${api}/incidents`, { incident: { name: "Typo", deliver_notification: true } });
    await raw("PATCH", `${api}/components/${components[0]}`, { status: "operational" });
    await raw("DELETE", `${api}/incidents/abc`);
    expect(fake.violations).toEqual([
      expect.stringContaining("must NOT have additional properties (deliver_notification)"),
      expect.stringContaining("must have required property 'component'"),
      expect.stringContaining("DELETE /v1/pages/"),
    ]);
  });

  it("answers a wrong key 401, an unknown page 404, a key without a role 403 — each turned into an error that says what to fix", async () => {
    const stranger = createStatuspageClient({ apiKey: "0".repeat(64), baseUrl: fake.url, fetch: globalThis.fetch });
    const refused = await stranger.getPage(page.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StatuspageApiError);
    expect(refused).toMatchObject({ kind: "unauthorized", retryable: false, needsAttention: true, details: { status: 401, providerMessage: "Could not authenticate" } });
    expect((refused as Error).message).toBe("Statuspage refused the API key (401: Could not authenticate). Check apiKey: it must be a current key from Statuspage's API info.");
    await expect(client.getPage("nosuchpage12")).rejects.toMatchObject({ kind: "not_found", message: expect.stringContaining("Statuspage does not know page nosuchpage12 (404") });
    await expect(client.updateComponentStatus(page.id, "nosuchcompo1", "operational")).rejects.toMatchObject({
      kind: "not_found",
      message: expect.stringContaining(`component nosuchcompo1 of page ${page.id}`),
    });
    page.forbiddenKeys.add(page.apiKey);
    try {
      await expect(client.listComponents(page.id)).rejects.toMatchObject({ kind: "forbidden", retryable: false, message: expect.stringContaining("needs a role on this page") });
    } finally {
      page.forbiddenKeys.clear();
    }
    expect(fake.violations).toEqual([]);
  });

  it("has a fault switch: 429 with Retry-After, 500, and a hang the client times out of", async () => {
    fake.fault({ status: 429, retryAfter: "7" });
    await expect(client.getPage(page.id)).rejects.toMatchObject({ kind: "rate_limited", retryable: true, retryAfterMs: 7_000 });
    fake.fault({ status: 500, times: 2 });
    await expect(client.getPage(page.id)).rejects.toMatchObject({ kind: "unavailable", retryable: true, retryAfterMs: null });
    await expect(client.getPage(page.id)).rejects.toMatchObject({ kind: "unavailable" });
    expect((await client.getPage(page.id)).id).toBe(page.id); // the fault is spent

    process.env.STATUSPAGE_TIMEOUT_MS = "400";
    process.env.STATUSPAGE_API_URL = fake.url;
    resetEnvCache();
    try {
      const guarded = createStatuspageClient({ apiKey: page.apiKey }); // the guarded transport and its timeout
      fake.fault({ hang: true });
      const started = Date.now();
      await expect(guarded.getPage(page.id)).rejects.toMatchObject({ kind: "network", retryable: true, message: expect.stringContaining("within 400 ms") });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await guarded.getPage(page.id)).id).toBe(page.id);
    } finally {
      delete process.env.STATUSPAGE_TIMEOUT_MS;
      delete process.env.STATUSPAGE_API_URL;
      resetEnvCache();
    }
  });

  it("the guarded transport refuses a plain-http or loopback API unless STATUSPAGE_API_URL names it", async () => {
    const before = fake.requests.length;
    const guarded = createStatuspageClient({ apiKey: page.apiKey, baseUrl: fake.url });
    await expect(guarded.getPage(page.id)).rejects.toMatchObject({ kind: "blocked", retryable: false, message: expect.stringContaining("URL must use https") });
    const loopback = createStatuspageClient({ apiKey: page.apiKey, baseUrl: "https://127.0.0.1:1/v1" });
    await expect(loopback.getPage(page.id)).rejects.toMatchObject({ kind: "blocked", message: expect.stringContaining("loopback address 127.0.0.1") });
    expect(fake.requests.length).toBe(before);
  });
});
