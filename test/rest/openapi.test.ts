import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes, apiTags } from "@/server/rest/routes";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { startApiServer } from "./api";
import { requestLifecycle } from "./typed-client/flow";

/**
 * The OpenAPI document as served: valid by Redocly's recommended rules, and the contract a
 * generated client is built from. The generated types are committed (typed-client/openapi.ts, so
 * API changes show in review); this test regenerates them from the served document and fails when
 * they differ — refresh them with `UPDATE_API_TYPES=1 npx vitest run test/rest/openapi.test.ts`.
 */
const root = path.resolve(import.meta.dirname, "../..");
const typesFile = path.join(import.meta.dirname, "typed-client/openapi.ts");
const flowFile = path.join(import.meta.dirname, "typed-client/flow.ts");

let server: Awaited<ReturnType<typeof startApiServer>>;
let document: Record<string, any>;
let freshTypes: string;

beforeAll(async () => {
  server = await startApiServer();
  const response = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  document = await response.json();
  const header = "// Generated from /api/v1/openapi.json by openapi-typescript (test/rest/openapi.test.ts). Do not edit.\n\n";
  freshTypes = header + astToString(await openapiTS(document as never, { defaultNonNullable: false }));
});

afterAll(async () => {
  await server?.stop();
});

describe("the OpenAPI document", () => {
  it("is served without a token, as OpenAPI 3.1 with servers, bearer auth and problem responses", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(document.servers).toEqual([{ url: `${server.url}/api/v1`, description: expect.any(String) }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.paths["/requests/{uuid}"].patch.responses["412"]).toEqual({ $ref: "#/components/responses/PreconditionFailed" });
    expect(Object.keys(document.components.responses.ValidationError.content)).toEqual(["application/problem+json"]);
    // Every tag the route table declares, each used by some route.
    expect(document.tags.map((t: { name: string }) => t.name)).toEqual(apiTags.map((t) => t.name));
    for (const { name } of apiTags) expect(apiRoutes.some((route) => route.tag === name), `no route has the tag ${name}`).toBe(true);
  });

  it("passes redocly lint with the recommended rules, without a warning", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "openapi-"));
    try {
      const file = path.join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(document, null, 2));
      const cli = path.join(root, "node_modules/@redocly/cli/bin/cli.js");
      const run = spawnSync(process.execPath, [cli, "lint", "--config", path.join(root, "redocly.yaml"), "--format=json", file], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      });
      const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("generates the committed client types, and the client type-checks against them (a wrong call does not)", () => {
    if (process.env.UPDATE_API_TYPES === "1") writeFileSync(typesFile, freshTypes);
    expect(readFileSync(typesFile, "utf8"), "the API changed: refresh typed-client/openapi.ts (UPDATE_API_TYPES=1)").toBe(freshTypes);

    const wrongFile = path.join(import.meta.dirname, "typed-client/wrong-call.ts");
    const wrong = [
      'import createClient from "openapi-fetch";',
      'import type { paths } from "./openapi";',
      'const api = createClient<paths>({ baseUrl: "http://localhost" });',
      'export const call = api.POST("/requests", { body: { titel: "typo" } });',
    ].join("\n");
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, root);
    const options = { ...config.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined };
    const host = ts.createCompilerHost(options);
    // The freshly generated types stand in for the committed ones, whatever is on disk.
    const virtual = new Map([
      [typesFile, freshTypes],
      [wrongFile, wrong],
    ]);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => virtual.get(path.resolve(name)) ?? readFile(name);
    host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists(name);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => {
      const text = virtual.get(path.resolve(name));
      return text !== undefined ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest);
    };
    const program = ts.createProgram([flowFile, wrongFile], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ({
      file: d.file ? path.relative(root, d.file.fileName) : "",
      text: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    }));
    expect(diagnostics.filter((d) => !d.file.endsWith("wrong-call.ts"))).toEqual([]);
    expect(diagnostics.some((d) => d.file.endsWith("wrong-call.ts") && d.text.includes("titel"))).toBe(true);
  }, 60_000);

  it("runs create → update with If-Match → comment → list through next links → close with the typed client", async () => {
    const owner = await seedUser();
    const helper = await seedUser();
    const space = await seedDataspace({ owner, name: "Typed" });
    await addMember(space, helper, "MEMBER");
    const ctx = await tenantFor(owner.id, space.slug);
    for (let i = 0; i < 5; i++) await seedRequest(ctx, { title: `Older ${i}` });
    const token = await seedApiToken(ctx, ["requests:write"]);

    const result = await requestLifecycle(server.url, token, helper.email);
    expect(result.created).toMatchObject({ title: "Typed client request", priority: "High", assignee: helper.email, status: "open", serialized_data: { Source: "typed client" } });
    expect(result.updated).toMatchObject({ uuid: result.created.uuid, status: "in_progress", notes: "Picked up" });
    expect(result.stale).toEqual({ status: 412, problem: expect.objectContaining({ type: "urn:switchboard:problem:precondition-failed", status: 412 }) });
    expect(result.comment).toMatchObject({ text: "Working on it", request: { uuid: result.created.uuid } });
    expect(result.found?.uuid).toBe(result.created.uuid);
    expect(result.pages).toBe(3); // six requests, oldest first, two a page: ours is on the last
    expect(result.final).toMatchObject({ status: "closed", title: "Typed client request", comments: [expect.objectContaining({ text: "Working on it" })] });
    expect(result.anonymous).toEqual({ status: 401, problem: expect.objectContaining({ status: 401 }) });
  });
});
