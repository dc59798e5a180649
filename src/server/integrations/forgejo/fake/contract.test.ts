import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileEverySchema } from "../../shared/fake/compile-schemas";
import type { ContractGate } from "../../shared/fake/contract-gate";
import { createForgejoContractGate, loadContractDocument } from "./contract";

/**
 * The vendored subset of Forgejo's API description compiles — every schema in it, with ajv in
 * strict mode, up front — and the fake's contract gate refuses what Forgejo would refuse. The gate
 * runs openapi-backend with `quick: true`, which compiles lazily and never checks the document,
 * so without the first tests a schema ajv cannot compile would only show when a request hit it.
 * Forgejo publishes Swagger 2.0; scripts/openapi-sources/forgejo.mjs converts it, tested here too.
 */

type Converted = { openapi: string; servers: unknown; paths: Record<string, Record<string, unknown>>; components: { schemas: unknown; responses: Record<string, unknown> } };
/** The source module's converter (plain JavaScript, run by node; imported by URL so the type checker does not look for its types). */
const converter = import(pathToFileURL(path.join(process.cwd(), "scripts/openapi-sources/forgejo.mjs")).href) as Promise<{ swaggerToOpenapi: (document: unknown) => Converted }>;

const OPERATIONS = [
  "userGetCurrent",
  "repoGet",
  "issueListIssues",
  "issueCreateIssue",
  "issueGetIssue",
  "issueEditIssue",
  "issueReplaceLabels",
  "issueListLabels",
  "issueCreateLabel",
  "issueGetComments",
  "issueCreateComment",
  "issueGetComment",
  "issueEditComment",
  "issueDeleteComment",
  "repoGetPullRequest",
];

describe("the vendored Forgejo subset", () => {
  const document = loadContractDocument();

  it("has exactly the listed operations, and says where it comes from, which release and when", () => {
    const operationIds = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((o) => o.operationId));
    expect(operationIds.sort()).toEqual([...OPERATIONS].sort());
    expect(document.openapi).toBe("3.0.3");
    expect(document.info).toMatchObject({
      version: "11.0.1",
      "x-source": expect.stringMatching(/^git:https:\/\/codeberg\.org\/forgejo\/forgejo@v11\.0\.1 \(661028623c7876bc112deff80239d5ea199dcff8\)/),
      "x-source-file": expect.stringContaining("templates/swagger/v1_json.tmpl (git blob a16deb61a85f24020dc86996b04fc123ad8f1f98"),
      "x-retrieved": expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      "x-operations": OPERATIONS,
    });
  });

  it("compiles, every schema of it, with ajv in strict mode", () => {
    expect(compileEverySchema(document, "forgejo")).toBeGreaterThan(60);
  });

  it("has no Swagger 2.0 left, and says null where Forgejo's Go structs write it", () => {
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/"#\/definitions\/|"#\/responses\/|"in":"body"|"x-go-|"example":|\{\{/);
    const issue = (document.components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas.Issue.properties;
    expect(issue.milestone).toEqual({ anyOf: [{ $ref: "#/components/schemas/Milestone" }, { enum: [null] }] });
    expect(issue.closed_at).toMatchObject({ type: "string", format: "date-time", nullable: true });
    expect(issue.title).toEqual({ type: "string" });
  });

  it("converts Swagger 2.0 as OpenAPI 3 says: body and query parameters, shared responses, refs", async () => {
    const { swaggerToOpenapi } = await converter;
    const swagger = {
      swagger: "2.0",
      info: { title: "t", version: "1" },
      basePath: "/api/v1",
      produces: ["application/json", "text/html"],
      paths: {
        "/things/{id}": {
          patch: {
            operationId: "thingEdit",
            consumes: ["application/json"],
            parameters: [
              { name: "id", in: "path", required: true, type: "integer", format: "int64" },
              { name: "tags", in: "query", type: "array", items: { type: "string" }, collectionFormat: "multi" },
              { name: "body", in: "body", schema: { $ref: "#/definitions/EditThing" } },
            ],
            responses: { "200": { $ref: "#/responses/Thing" }, "204": { description: "empty" } },
          },
        },
      },
      definitions: { EditThing: { type: "object", properties: { name: { type: "string" } } }, Issue: { type: "object", properties: {} } },
      responses: { Thing: { description: "Thing", schema: { $ref: "#/definitions/EditThing" } } },
    };
    expect(() => swaggerToOpenapi(swagger)).toThrow("NULLABLE names Issue.assignee, which the description does not have");
    const issue = { type: "object", properties: Object.fromEntries(["assignee", "assignees", "milestone", "closed_at", "due_date", "pull_request"].map((p) => [p, { type: "string" }])) };
    const other = (names: string[]) => ({ type: "object", properties: Object.fromEntries(names.map((p) => [p, { type: "string" }])) });
    const definitions = {
      ...swagger.definitions,
      Issue: issue,
      PullRequestMeta: other(["merged_at"]),
      PullRequest: other(["assignee", "assignees", "milestone", "merged_at", "merge_commit_sha", "merged_by", "due_date", "closed_at", "requested_reviewers", "requested_reviewers_teams"]),
      Repository: other(["parent", "repo_transfer", "topics"]),
    };
    const converted = swaggerToOpenapi({ ...swagger, definitions });
    expect(converted.paths["/things/{id}"].patch).toEqual({
      operationId: "thingEdit",
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "integer", format: "int64" } },
        { name: "tags", in: "query", schema: { type: "array", items: { type: "string" } }, style: "form", explode: true },
      ],
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/EditThing" } } } },
      responses: { "200": { $ref: "#/components/responses/Thing" }, "204": { description: "empty" } },
    });
    expect(converted.components.responses.Thing).toEqual({ description: "Thing", content: { "application/json": { schema: { $ref: "#/components/schemas/EditThing" } } } });
    expect(converted.servers).toEqual([{ url: "/api/v1" }]);
  });
});

describe("the Forgejo fake's contract gate", () => {
  let gate: ContractGate;
  beforeAll(async () => {
    gate = await createForgejoContractGate();
  });
  const check = (method: string, path: string, body?: unknown, query = "") => gate.check({ method, path: `/api/v1${path}`, query, headers: { "content-type": "application/json" }, body });

  it("refuses what Forgejo refuses, naming why", () => {
    expect(check("POST", "/repos/o/r/issues", { body: "No title" })).toEqual({ ok: false, operationId: "issueCreateIssue", errors: ["/requestBody must have required property 'title'"] });
    // Labels are ids on create: names are refused.
    expect(check("POST", "/repos/o/r/issues", { title: "T", labels: ["bug"] })).toMatchObject({ ok: false, errors: ["/requestBody/labels/0 must be integer"] });
    expect(check("POST", "/repos/o/r/labels", { name: "bug" })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'color'"] });
    expect(check("POST", "/repos/o/r/issues/1/comments", {})).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'body'"] });
    expect(check("GET", "/repos/o/r/issues", undefined, "state=done")).toMatchObject({ ok: false, operationId: "issueListIssues" });
    expect(check("GET", "/repos/o/r/issues", undefined, "per_page=100")).toMatchObject({ ok: false, errors: ["/query must NOT have additional properties (per_page)"] });
    expect(check("GET", "/repos/o/r/issues/abc")).toMatchObject({ ok: false, operationId: "issueGetIssue" });
  });

  it("refuses an operation outside the subset", () => {
    expect(check("DELETE", "/repos/o/r/issues/1")).toEqual({ ok: false, operationId: null, errors: ["DELETE /api/v1/repos/o/r/issues/1 is not an operation of the vendored Forgejo API"] });
    expect(check("POST", "/repos/o/r/issues/1/labels", { labels: [1] })).toMatchObject({ ok: false, operationId: null });
    expect(gate.check({ method: "GET", path: "/repos/o/r", query: "", headers: {}, body: undefined })).toMatchObject({ ok: false, operationId: null });
  });

  it("lets correct requests through, with their parameters", () => {
    expect(check("POST", "/repos/acme/app/issues", { title: "Broken", body: "Details", labels: [3, 4] })).toEqual({ ok: true, operationId: "issueCreateIssue", params: { owner: "acme", repo: "app" } });
    expect(check("PATCH", "/repos/o/r/issues/7", { title: "T", body: "B", state: "closed" })).toMatchObject({ ok: true, operationId: "issueEditIssue", params: { index: "7" } });
    expect(check("PUT", "/repos/o/r/issues/7/labels", { labels: [1, 2] })).toMatchObject({ ok: true, operationId: "issueReplaceLabels" });
    expect(check("PUT", "/repos/o/r/issues/7/labels", { labels: [] })).toMatchObject({ ok: true });
    expect(check("POST", "/repos/o/r/labels", { name: "P0", color: "#ededed" })).toMatchObject({ ok: true, operationId: "issueCreateLabel" });
    expect(check("GET", "/repos/o/r/issues/comments/5")).toMatchObject({ ok: true, operationId: "issueGetComment", params: { id: "5" } });
    expect(check("PATCH", "/repos/o/r/issues/comments/5", { body: "x" })).toMatchObject({ ok: true, operationId: "issueEditComment" });
    expect(check("DELETE", "/repos/o/r/issues/comments/5")).toMatchObject({ ok: true, operationId: "issueDeleteComment" });
    expect(check("GET", "/repos/o/r/issues", undefined, "state=all&type=issues&page=1&limit=50&labels=a,b&since=2026-01-01T00:00:00Z")).toMatchObject({ ok: true });
    for (const path of ["/user", "/repos/o/r", "/repos/o/r/pulls/3", "/repos/o/r/issues/3/comments", "/repos/o/r/labels?limit=50"]) {
      const [route, query = ""] = path.split("?");
      expect(check("GET", route, undefined, query), path).toMatchObject({ ok: true });
    }
  });

  it("checks answers too: Forgejo's error shapes and its nulls pass, a wrongly typed issue does not", () => {
    expect(gate.checkResponse("issueGetIssue", 404, { message: "The target couldn't be found.", url: "http://x/api/swagger", errors: [] })).toEqual([]);
    expect(gate.checkResponse("issueCreateIssue", 422, { message: "[Title]: Required", url: "http://x/api/swagger" })).toEqual([]);
    expect(gate.checkResponse("issueGetIssue", 200, { number: 1, title: "T", milestone: null, assignees: null, closed_at: null, pull_request: null })).toEqual([]);
    expect(gate.checkResponse("issueGetIssue", 200, { number: "1", title: "T" })).toEqual(["response 200 /number must be integer"]);
  });
});
