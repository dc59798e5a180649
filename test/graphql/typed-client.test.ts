import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { codegen } from "@graphql-codegen/core";
import * as typedDocumentNode from "@graphql-codegen/typed-document-node";
import * as typescriptOperations from "@graphql-codegen/typescript-operations";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlSdl } from "@/server/graphql/schema";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { startGraphqlServer } from "./server";


/**
 * The published SDL is what a client generates its types from: GraphQL Code Generator turns it
 * and the flow's operations into typed documents (committed as typed-client/graphql.ts, so a
 * schema change shows in review; refresh with UPDATE_GRAPHQL_TYPES=1), and graphql-request runs
 * the flow with them against a real server.
 */
const dir = path.join(import.meta.dirname, "typed-client");
const generatedFile = path.join(dir, "graphql.ts");

async function generate(): Promise<string> {
  const output = await codegen({
    schema: parse(graphqlSdl()),
    documents: [{ location: "operations.graphql", document: parse(readFileSync(path.join(dir, "operations.graphql"), "utf8")) }],
    filename: "graphql.ts",
    // typescript-operations 5 writes the input and enum types the operations use itself.
    plugins: [{ typescriptOperations: {} }, { typedDocumentNode: {} }],
    pluginMap: { typescriptOperations, typedDocumentNode },
    config: { scalars: { JSON: "unknown" }, enumsAsTypes: true, useTypeImports: true },
  });
  return `// Generated from /api/graphql/schema.graphql by GraphQL Code Generator (test/graphql/typed-client.test.ts). Do not edit.\n/* eslint-disable */\n${output}`;
}

let server: Awaited<ReturnType<typeof startGraphqlServer>>;
beforeAll(async () => {
  server = await startGraphqlServer();
});
afterAll(() => server?.stop());

describe("a typed GraphQL client generated from the published SDL", () => {
  it("is the committed typed-client/graphql.ts", async () => {
    const fresh = await generate();
    if (process.env.UPDATE_GRAPHQL_TYPES === "1") writeFileSync(generatedFile, fresh);
    expect(readFileSync(generatedFile, "utf8"), "the schema changed: refresh typed-client/graphql.ts (UPDATE_GRAPHQL_TYPES=1)").toBe(fresh);
  });

  it("runs a request's whole life against a real server", async () => {
    const owner = await seedUser({ name: "Typed Client" });
    const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Typed" })).slug);
    for (let i = 0; i < 3; i++) await seedRequest(ctx, { title: `Already open ${i}` });
    const { requestLifecycleOverGraphql } = await import("./typed-client/flow");
    const outcome = await requestLifecycleOverGraphql(server.url, await seedApiToken(ctx, ["admin"]));
    expect(outcome.created).toMatchObject({ title: "Typed over GraphQL", status: "open", priority: "High" });
    expect(outcome.openTitles.sort()).toEqual(["Already open 0", "Already open 1", "Already open 2", "Typed over GraphQL"]);
    expect(outcome.closed).toBe("closed");
    expect(outcome.read).toEqual({ title: "Typed over GraphQL", status: "closed", comments: [{ user: owner.email, text: "First typed comment" }] });
  });
});
