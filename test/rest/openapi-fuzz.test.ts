import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { createService } from "@/server/records/services/create-service";
import { createServiceInput } from "@/server/records/services/service.schema";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { fuzzSeed } from "../fuzz-seed";
import { seedMaintenance } from "../maintenance-fixtures";
import { call } from "./api";

/**
 * Property-based fuzzing of the REST API from its served OpenAPI document (issue 12, item 6):
 * every operation gets RUNS generated requests — path ids (real, unknown, hostile), its query
 * parameters, bodies generated from its request schema, Idempotency-Keys — seasoned with hostile
 * values (NUL, lone surrogates, prototype names, huge numbers, garbage cursors). Any 5xx fails,
 * and so does any status the document does not declare for the operation. (Answers outside the
 * response schemas already fail: outside production the handler checks each answer against its
 * schema and turns a mismatch into a 500.)
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
};
type Parameter = { name: string; in: "path" | "query" | "header"; schema?: Schema };
type Operation = { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const hostileStrings = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83d",
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "",
  " ",
  "AA",
  "abc",
  "%00",
  "../../etc/passwd",
  "' OR 1=1 --",
  "9".repeat(400),
  "é".repeat(300),
  "\u202e\u200b",
  "null",
  "-1",
  "1e309",
];
const hostileNumbers = [0, -1, 1e308, -1e308, 2 ** 53 + 1, 1.5, -0, Number.MAX_SAFE_INTEGER, 1e-300];
const prototypeNames = ["__proto__", "constructor", "toString", "valueOf", "prototype"];

const hostileString = fc.constantFrom(...hostileStrings);
const garbageCursor = fc.oneof(hostileString, fc.base64String({ maxLength: 60 }), fc.string({ maxLength: 40 }), fc.constantFrom("eyJ9", "W10", "WyJ4Il0", "W251bGxd"));

function arbitraryFor(schema: Schema | undefined, doc: Document, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.oneof(hostileString, fc.constant(null));
  if (schema.$ref) return arbitraryFor(doc.components?.schemas?.[schema.$ref.split("/").at(-1)!], doc, depth + 1);
  const hostile = fc.oneof(hostileString, fc.constantFrom<unknown>(...hostileNumbers, null, true, [], {}));
  const withHostile = (valid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: hostile, weight: 1 });
  if (schema.const !== undefined) return withHostile(fc.constant(schema.const));
  if (schema.enum) return withHostile(fc.constantFrom(...schema.enum));
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants?.length) return fc.oneof(...variants.map((variant) => arbitraryFor(variant, doc, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string": {
      const valid =
        schema.format === "uuid"
          ? fc.uuid()
          : schema.format === "email"
            ? fc.emailAddress()
            : schema.format === "date-time"
              ? fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())
              : schema.format === "uri"
                ? fc.webUrl()
                : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      return withHostile(valid);
    }
    case "integer":
      return withHostile(fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1000, 2 ** 31) }));
    case "number":
      return withHostile(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "boolean":
      return withHostile(fc.boolean());
    case "array":
      return withHostile(fc.array(arbitraryFor(schema.items, doc, depth + 1), { maxLength: 3 }));
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const known = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, arbitraryFor(property, doc, depth + 1)])), {
        requiredKeys: properties.filter(([name]) => required.has(name)).map(([name]) => name),
      });
      const extra = fc.dictionary(fc.oneof(fc.constantFrom(...prototypeNames), hostileString, fc.string({ maxLength: 8 })), hostile, { maxKeys: 2 });
      return withHostile(fc.oneof({ arbitrary: known, weight: 5 }, { arbitrary: fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a })), weight: 1 }));
    }
    default:
      return hostile;
  }
}

/** Percent-encodes like encodeURIComponent, without throwing on lone surrogates (they become U+FFFD, as a client would send). */
function encodePart(text: string): string {
  return [...new TextEncoder().encode(text)].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

let ctx: TenantContext;
let token: string;
let doc: Document;
let realIds: string[];

beforeAll(async () => {
  // Thousands of requests from one token: the rate limit is not what is under test here.
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  resetEnvCache();
  const owner = await seedUser();
  const space = await seedDataspace({ owner, name: "Fuzz" });
  ctx = await tenantFor(owner.id, space.slug);
  token = await seedApiToken(ctx, ["admin"]);
  realIds = [
    (await seedRequest(ctx)).id,
    owner.id,
    (await createService(ctx, createServiceInput.parse({ name: "Fuzzed service", group: "API" }))).id,
    (await seedMaintenance(ctx)).id,
    (await seedMaintenance(ctx, { started: true })).id,
  ];
  const served = await call("GET", "/openapi.json");
  expect(served.status).toBe(200);
  doc = served.body as Document;
});

describe("fuzzing every operation of the served OpenAPI document", () => {
  it("answers every generated request with a declared status, never a 5xx", { timeout: 240_000 }, async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));
    expect(operations.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const { path, method, operation } of operations) {
      const params = operation.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path");
      const queryParams = params.filter((p) => p.in === "query");
      const bodySchema = operation.requestBody?.content["application/json"]?.schema;
      // Never empty: `/requests/` is another resource (the collection), not an id that names nothing.
      // Nor a dot segment: the client's URL parser removes `.` and `..` before sending (RFC 3986
      // §5.2.4), so the server is asked for another path (`/webhooks/./replays` is `/webhooks/replays`).
      const idArb = fc
        .oneof(fc.constantFrom(...realIds), fc.uuid(), hostileString, fc.string({ maxLength: 12 }))
        .filter((id) => id !== "" && id !== "." && id !== "..");
      const queryArb = fc.record(
        Object.fromEntries(queryParams.map((p) => [p.name, p.name === "cursor" ? garbageCursor : arbitraryFor(p.schema, doc)])),
        { requiredKeys: [] },
      );
      const extraQueryArb = fc.option(fc.tuple(fc.oneof(fc.constantFrom(...prototypeNames), hostileString), hostileString), { freq: 4 });
      const keyArb = fc.option(fc.oneof(fc.uuid(), hostileString, fc.string({ maxLength: 300 })), { freq: 2 });
      const bodyArb = bodySchema ? fc.oneof({ arbitrary: arbitraryFor(bodySchema, doc), weight: 9 }, { arbitrary: fc.constantFrom("not json", "{", "1e999", '{"__proto__":{"x":1}}'), weight: 1 }) : fc.constant(undefined);
      const run = fc.asyncProperty(fc.tuple(...pathParams.map(() => idArb)), queryArb, extraQueryArb, keyArb, bodyArb, async (ids, query, extra, key, body) => {
        let url = path;
        pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodePart(String(ids[i])))));
        const search = Object.entries(query).map(([name, value]) => `${encodePart(name)}=${encodePart(Array.isArray(value) ? value.join(",") : typeof value === "object" ? JSON.stringify(value) : String(value))}`);
        if (extra) search.push(`${encodePart(extra[0])}=${encodePart(extra[1])}`);
        const headers: Record<string, string> = {};
        if (key !== null && method === "POST") headers["idempotency-key"] = encodePart(key).slice(0, 400) || "%";
        const raw = typeof body === "string" && /^(not json|\{|1e999|\{"__proto__)/.test(body) ? body : body === undefined ? undefined : JSON.stringify(body);
        if (raw !== undefined) headers["content-type"] = "application/json";
        const answer = await call(method, `${url}${search.length ? `?${search.join("&")}` : ""}`, { token, rawBody: raw, headers });
        const declared = answer.status in operation.responses || (answer.status === 304 && "304" in operation.responses);
        if (answer.status >= 500 || !declared) {
          failures.push(`${operation.operationId} ${method} ${url}?${search.join("&")} key=${JSON.stringify(key)} body=${raw?.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 200)}`);
          return false;
        }
        return true;
      });
      await fc.assert(run, { numRuns: RUNS, endOnFailure: true, ...fuzzSeed() }).catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
