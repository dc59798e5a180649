import { getNamedType, GraphQLList, GraphQLNonNull, GraphQLObjectType, isLeafType, type GraphQLField, type GraphQLInputType, type GraphQLOutputType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { graphqlSchema, PAGE_ARGS, queryFieldName } from "@/server/graphql/schema";
import { compileRoutes } from "@/server/rest/match";
import type { ApiRoute } from "@/server/rest/route";
import { apiRoutes } from "@/server/rest/routes";
import { snapshotDataspace } from "../snapshot";
import { CASES, seedTwoDataspaces, traceOfA, type Attempt, type Fixture } from "../rest/tenancy-cases";
import { postGraphql } from "./client";

/**
 * The GraphQL API's cross-tenant walk: every Query and Mutation field is a REST route, so every
 * REST tenancy case (test/rest/tenancy-cases.ts) runs again as a GraphQL operation selecting
 * everything the answer has (three levels deep). B's token gets NOT_FOUND, BAD_USER_INPUT or only
 * its own objects, never a trace of A, and A's rows stay the same; A's own token then succeeds.
 */
const match = compileRoutes(apiRoutes);

function fieldOf(route: ApiRoute): { name: string; field: GraphQLField<unknown, unknown> } {
  const schema = graphqlSchema();
  const name = route.method === "GET" ? queryFieldName(route) : route.operationId;
  const field = (route.method === "GET" ? schema.getQueryType() : schema.getMutationType())!.getFields()[name];
  if (!field) throw new Error(`no GraphQL field for ${route.operationId}`);
  return { name, field };
}

/** Every field of the answer down to `depth` levels of objects. */
function selectAll(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (!(named instanceof GraphQLObjectType)) return "";
  const parts = Object.values(named.getFields()).flatMap((field) => {
    if (isLeafType(getNamedType(field.type))) return [field.name];
    return depth > 0 ? [`${field.name} { ${selectAll(field.type, depth - 1)} }`] : [];
  });
  return parts.length ? parts.join(" ") : "__typename";
}

function argumentValue(raw: string, type: GraphQLInputType): unknown {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  if (inner instanceof GraphQLList) return raw.split(",").filter(Boolean);
  return String(inner) === "Int" ? Number(raw) : raw;
}

function operationOf(route: ApiRoute, attempt: Attempt, path: string) {
  const { name, field } = fieldOf(route);
  const [pathname, search] = path.split("?");
  const found = match(route.method, pathname);
  if (!found || !("route" in found) || found.route !== route) throw new Error(`${path} is not ${route.method} ${route.path}`);
  const variables: Record<string, unknown> = { ...found.params };
  for (const [key, value] of new URLSearchParams(search ?? "")) {
    const arg = key in PAGE_ARGS && route.kind === "list" ? PAGE_ARGS[key as keyof typeof PAGE_ARGS] : key;
    const declared = field.args.find((a) => a.name === arg);
    if (!declared) throw new Error(`${route.operationId} has no argument ${arg}`);
    variables[arg] = argumentValue(value, declared.type);
  }
  if (attempt.body !== undefined) variables.input = attempt.body;
  const used = field.args.filter((arg) => arg.name in variables);
  const declarations = used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const call = used.length ? `(${used.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : "";
  const selection = isLeafType(getNamedType(field.type)) ? "" : ` { ${selectAll(field.type, 3)} }`;
  const kind = route.method === "GET" ? "query" : "mutation";
  return { query: `${kind} Walk${declarations ? `(${declarations})` : ""} { ${name}${call}${selection} }`, variables };
}

const EXPECTED_CODE = { 404: "NOT_FOUND", 422: "BAD_USER_INPUT" } as const;

describe("GraphQL API across dataspaces", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await seedTwoDataspaces();
  });

  it("a token of B reaches nothing of A through any field, and A's rows stay the same", async () => {
    const before = await snapshotDataspace(f.A.id);
    let operations = 0;
    for (const route of apiRoutes) {
      const key = `${route.method} ${route.path}`;
      const attempts = CASES[key]?.(f);
      expect(attempts, `${key} has tenancy cases`).toBeDefined();
      for (const attempt of attempts!) {
        const operation = operationOf(route, attempt, attempt.path);
        const answer = await postGraphql(f.tokenB, operation);
        operations++;
        const label = `${key} as ${attempt.path}: ${answer.text.slice(0, 300)}`;
        if (attempt.expect === "own") expect(answer.body.errors, label).toBeUndefined();
        else expect(answer.body.errors?.[0]?.extensions?.code, label).toBe(EXPECTED_CODE[attempt.expect]);
        for (const trace of traceOfA(f)) expect(answer.text, `${label} leaks "${trace}"`).not.toContain(trace);
      }
    }
    expect(operations).toBeGreaterThan(apiRoutes.length);
    expect(await snapshotDataspace(f.A.id)).toEqual(before);
  });

  it("the same operations with A's own token reach A's objects (so each one named a real one)", async () => {
    for (const route of apiRoutes) {
      const key = `${route.method} ${route.path}`;
      for (const attempt of CASES[key]?.(f) ?? []) {
        const path = attempt.path.replace(f.requestB.id, f.requestA.id);
        const answer = await postGraphql(f.tokenA, operationOf(route, attempt, path));
        expect(answer.body.errors, `${key} as ${path}: ${answer.text.slice(0, 300)}`).toBeUndefined();
        expect(answer.body.data, key).toBeTruthy();
      }
    }
  });
});
