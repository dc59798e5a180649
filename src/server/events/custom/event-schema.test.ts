import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { checkEventSchema, dataCheckFor, MAX_SCHEMA_DEPTH, repeatsARepetition } from "./event-schema";

/** The rules a registered JSON Schema must follow, and how published data is checked against it. */
function schemaErrors(schema: unknown): string[] {
  try {
    checkEventSchema(schema);
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("BAD_REQUEST");
    return error.fieldErrors?.schema ?? [];
  }
}

function dataErrors(schema: object, data: unknown, version = new Date(0)): Record<string, string[]> {
  const check = dataCheckFor({ id: crypto.randomUUID(), name: "custom.test", updatedAt: version, schema });
  try {
    check(data);
    return {};
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("UNPROCESSABLE");
    return error.fieldErrors ?? {};
  }
}

describe("registered schemas", () => {
  it("accepts draft 2020-12 with local references, unknown keywords and formats", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "urn:example:deploy",
      type: "object",
      $defs: { sha: { type: "string", pattern: "^[0-9a-f]{7,40}$" } },
      properties: { commit: { $ref: "#/$defs/sha" }, at: { type: "string", format: "date-time" }, note: { const: { $ref: "https://not.a.reference" } } },
      "x-owner": "platform",
    };
    expect(schemaErrors(schema)).toEqual([]);
    expect(dataErrors(schema, { commit: "abc1234", at: "not a date" })).toEqual({}); // formats are annotations
    expect(dataErrors(schema, { commit: "XYZ" })).toEqual({ "/data/commit": ['must match pattern "^[0-9a-f]{7,40}$"'] });
  });

  it("refuses what is not a schema, another draft, and schemas that break the meta-schema", () => {
    expect(schemaErrors([{ type: "object" }])[0]).toMatch(/Must be a JSON Schema object/);
    expect(schemaErrors("object")[0]).toMatch(/Must be a JSON Schema object/);
    expect(schemaErrors({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" })[0]).toMatch(/only JSON Schema draft 2020-12/);
    expect(schemaErrors({ type: "objekt" })[0]).toMatch(/^\/type: /);
    expect(schemaErrors({ properties: { n: { minimum: "three" } } })[0]).toMatch(/^\/properties\/n\/minimum: must be number/);
  });

  it("refuses references outside the schema, naming where they are", () => {
    expect(schemaErrors({ $ref: "https://evil.example/s.json" })).toEqual([
      '/$ref: only references inside this schema ("#/$defs/…") are allowed, not "https://evil.example/s.json"',
    ]);
    expect(schemaErrors({ items: { $dynamicRef: "other.json#meta" } })[0]).toMatch(/^\/items\/\$dynamicRef: only references inside/);
    expect(schemaErrors({ properties: { "a/b": { $ref: "file:///etc/passwd" } } })[0]).toMatch(/^\/properties\/a~1b\/\$ref/);
    // A local reference to nothing does not compile.
    expect(schemaErrors({ $ref: "#/$defs/missing" })[0]).toMatch(/Cannot be compiled/);
  });

  it("caps size and depth", () => {
    expect(schemaErrors({ description: "x".repeat(40 * 1024) })[0]).toMatch(/At most 32 KB/);
    let deep: object = { type: "string" };
    for (let i = 0; i < MAX_SCHEMA_DEPTH + 2; i++) deep = { items: deep };
    expect(schemaErrors(deep)[0]).toMatch(/nested deeper than 32 levels/);
  });

  it("refuses patterns that can backtrack catastrophically", () => {
    expect(schemaErrors({ type: "string", pattern: "^(a+)+$" })[0]).toMatch(/^\/pattern: a repeated group/);
    expect(schemaErrors({ patternProperties: { "^(x|xx)*$": {} } })[0]).toMatch(/^\/patternProperties\/\^\(x\|xx\)\*\$: a repeated group/);
    expect(schemaErrors({ pattern: "(a)\\1" })[0]).toMatch(/back-references/);
    expect(schemaErrors({ pattern: "a".repeat(501) })[0]).toMatch(/at most 500 characters/);
    expect(schemaErrors({ pattern: "^[a-z]+(" })[0]).toMatch(/Cannot be compiled/);
  });

  it.each([
    ["^(a+)+$", true],
    ["(\\w+\\s?)*", true],
    ["((ab)*c)+", true],
    ["(a|b)*", true],
    ["(?:x{2,})+", true],
    ["^[a-z0-9_]+$", false],
    ["^(dev|staging|prod)$", false],
    ["^v[0-9]+\\.[0-9]+$", false],
    ["[(+*)]+", false], // inside a class, parentheses and quantifiers are literal
    ["\\(a+\\)+", false], // escaped parentheses group nothing
  ])("repeatsARepetition(%s) is %s", (pattern, expected) => {
    expect(repeatsARepetition(pattern)).toBe(expected);
  });
});

describe("published data", () => {
  const schema = {
    type: "object",
    required: ["service"],
    properties: { service: { type: "string" }, "a/b~c": { type: "integer" }, tags: { type: "array", items: { type: "string" } } },
    additionalProperties: false,
  };

  it("names every failing field by its JSON pointer in the request body", () => {
    expect(dataErrors(schema, { "a/b~c": 1.5, tags: ["ok", 7], stray: true })).toEqual({
      "/data/service": ["is required"],
      "/data/stray": ["is not allowed by the schema"],
      "/data/a~1b~0c": ["must be integer"],
      "/data/tags/1": ["must be string"],
    });
    expect(dataErrors(schema, { service: "api", tags: [] })).toEqual({});
  });

  it("uses the schema of the version it is given (a new updatedAt compiles again)", () => {
    const id = crypto.randomUUID();
    const first = dataCheckFor({ id, name: "custom.v", updatedAt: new Date(1), schema: { type: "object" } });
    const second = dataCheckFor({ id, name: "custom.v", updatedAt: new Date(2), schema: { type: "object", required: ["v"] } });
    expect(() => first({})).not.toThrow();
    expect(() => second({})).toThrow(/does not match the schema of custom\.v: \/data\/v is required/);
  });

  it("keeps two dataspaces' schemas apart even when they share an $id", () => {
    const a = dataCheckFor({ id: crypto.randomUUID(), name: "custom.a", updatedAt: new Date(0), schema: { $id: "https://schemas.example.test/same.json", type: "object", required: ["a"] } });
    const b = dataCheckFor({ id: crypto.randomUUID(), name: "custom.b", updatedAt: new Date(0), schema: { $id: "https://schemas.example.test/same.json", type: "object", required: ["b"] } });
    expect(() => a({ a: 1 })).not.toThrow();
    expect(() => b({ b: 1 })).not.toThrow();
    expect(() => b({ a: 1 })).toThrow(/\/data\/b is required/);
  });
});
