import fc from "fast-check";
import {
  getNamedType,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { graphqlSchema } from "@/server/graphql/schema";
import { createService } from "@/server/records/services/create-service";
import { createServiceInput } from "@/server/records/services/service.schema";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { fuzzSeed } from "../fuzz-seed";
import { postGraphql } from "./client";

/**
 * Property-based fuzzing of every Query and Mutation field from the schema itself: arguments
 * generated from their GraphQL input types, seasoned with hostile values (NUL, lone surrogates,
 * prototype names, huge numbers, garbage cursors, unknown enum values and fields), with real,
 * unknown and hostile ids. Whatever comes in, the answer is data or a refusal with a code a client
 * can act on — never INTERNAL_SERVER_ERROR, never a stack trace.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const REFUSALS = new Set(["BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "CONFLICT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "QUERY_TOO_COMPLEX"]);
const hostile = ["\u0000", "a\u0000b", "\ud800", "x\udfffy", "__proto__", "constructor", "toString", "", " ", "%00", "../../etc/passwd", "' OR 1=1 --", "eyJnYXJiYWdlIjp0cnVlfQ", "A".repeat(5_000)];
let ids: string[] = [];

function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return valueOf(type.ofType, depth);
  const nullable = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
  if (type instanceof GraphQLList) return nullable(fc.array(valueOf(type.ofType, depth + 1), { maxLength: 4 }));
  if (type instanceof GraphQLEnumType) return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: fc.constantFrom("nope", "__proto__") });
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, depth + 1)])), { requiredKeys: fields.filter((f) => f.type instanceof GraphQLNonNull).map((f) => f.name) });
  }
  if (type === GraphQLInt) return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648));
  if (type === GraphQLFloat) return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e308));
  if (type === GraphQLBoolean) return fc.boolean();
  if (String(getNamedType(type)) === "JSON") return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom({ __proto__: { polluted: true } }, { constructor: { prototype: {} } }));
  return fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 3, arbitrary: fc.constantFrom(...hostile) }, { weight: 4, arbitrary: fc.constantFrom(...ids, "00000000-0000-4000-8000-000000000000", "not-a-uuid") });
}

function leaves(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return "";
  const object = named as GraphQLObjectType;
  const scalars = Object.values(object.getFields()).filter((f) => isLeafType(getNamedType(f.type)));
  if (scalars.length) return ` { ${scalars.map((f) => f.name).join(" ")} }`;
  const nested = Object.values(object.getFields()).find((f) => f.name === "nodes") ?? Object.values(object.getFields())[0];
  return ` { ${nested.name}${leaves(nested)} }`;
}

let token: string;
beforeAll(async () => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  resetEnvCache();
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Fuzzed" })).slug);
  const request = await seedRequest(ctx, { title: "Fuzz target" });
  const service = await createService(ctx, createServiceInput.parse({ name: "Fuzz service" }));
  ids = [request.id, service.id];
  token = await seedApiToken(ctx, ["admin"]);
});

describe("GraphQL fuzzing", () => {
  it("answers every field, whatever its arguments, with data or a refusal a client can act on", async () => {
    const schema = graphqlSchema();
    const failures: string[] = [];
    for (const [kind, root] of [["query", schema.getQueryType()!], ["mutation", schema.getMutationType()!]] as const) {
      for (const field of Object.values(root.getFields())) {
        if (field.args.length === 0) continue;
        const declarations = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
        const query = `${kind} Fuzz(${declarations}) { ${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})${leaves(field)} }`;
        const args = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type)])));
        const run = fc.asyncProperty(args, async (variables) => {
          const answer = await postGraphql(token, { query, variables });
          const codes = ((answer.body?.errors ?? []) as { extensions?: { code?: string } }[]).map((error) => error.extensions?.code ?? "none");
          const bad = codes.filter((code) => !REFUSALS.has(code));
          if (![200, 400].includes(answer.status) || bad.length || /\bat .+\.[jt]s:\d+/.test(answer.text)) {
            failures.push(`${field.name} ${JSON.stringify(variables).slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`);
            return false;
          }
          return true;
        });
        await fc.assert(run, { numRuns: RUNS, endOnFailure: true, ...fuzzSeed() }).catch(() => undefined);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
