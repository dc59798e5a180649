import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, getNamedType, GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { graphqlSchema, graphqlSdl } from "@/server/graphql/schema";
import { apiRoutes } from "@/server/rest/routes";

const CHECKED_IN = path.resolve(import.meta.dirname, "../../src/server/graphql/schema.graphql");

describe("the GraphQL schema", () => {
  it("is the checked-in schema.graphql (UPDATE_GRAPHQL_SCHEMA=1 rewrites it after a deliberate change)", () => {
    const sdl = graphqlSdl();
    if (process.env.UPDATE_GRAPHQL_SCHEMA === "1") writeFileSync(CHECKED_IN, sdl);
    expect(sdl, "the schema changed: review it and run UPDATE_GRAPHQL_SCHEMA=1 npx vitest run test/graphql/schema.test.ts").toBe(readFileSync(CHECKED_IN, "utf8"));
    // A client that builds its types from the published file gets a valid schema.
    expect(() => buildSchema(sdl)).not.toThrow();
  });

  it("has a field for every REST route: GET routes under Query, the others under Mutation", () => {
    const schema = graphqlSchema();
    const queries = Object.keys(schema.getQueryType()!.getFields());
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    const gets = apiRoutes.filter((route) => route.method === "GET");
    expect(queries.length).toBe(gets.length + 1); // + `dataspace`
    expect(mutations.sort()).toEqual(apiRoutes.filter((route) => route.method !== "GET").map((route) => route.operationId).sort());
    expect(queries).toEqual(expect.arrayContaining(["requests", "request", "requestComments", "incidents", "alerts", "webhooks", "webhookDeliveries", "events", "dataspace"]));
  });

  it("gives lists connections with nodes and pageInfo, paged by first/after", () => {
    const field = graphqlSchema().getQueryType()!.getFields().requests;
    expect(field.args.map((arg) => arg.name)).toEqual(expect.arrayContaining(["first", "after", "status"]));
    const connection = getNamedType(field.type) as GraphQLObjectType;
    expect(Object.keys(connection.getFields())).toEqual(["nodes", "pageInfo"]);
  });
});
