import { beforeAll, describe, expect, it } from "vitest";
import { compileEverySchema } from "../../shared/fake/compile-schemas";
import type { ContractGate } from "../../shared/fake/contract-gate";
import { createGithubContractGate, loadContractDocument } from "./contract";

/**
 * The vendored subset of GitHub's REST description compiles — every schema in it, with ajv in
 * strict mode, up front — and the fake's contract gate refuses what GitHub would refuse. The gate
 * runs openapi-backend with `quick: true`, which compiles lazily and never checks the document,
 * so without the first tests a schema ajv cannot compile (GitHub's spec has 145 OpenAPI 3.0
 * `nullable` schemas without `type`, `issues/create` and `issues/update` among them) would only
 * show when a request happened to hit it.
 */

const OPERATIONS = [
  "users/get-authenticated",
  "repos/get",
  "issues/create",
  "issues/get",
  "issues/update",
  "issues/list-for-repo",
  "issues/create-comment",
  "issues/update-comment",
  "issues/list-comments",
  "issues/get-comment",
  "issues/delete-comment",
  "pulls/get",
  "rate-limit/get",
  "repos/create-deployment",
  "repos/get-deployment",
  "repos/create-deployment-status",
  "repos/list-deployment-statuses",
  "actions/create-workflow-dispatch",
  "actions/get-workflow-run",
  "actions/list-workflow-runs",
];

describe("the vendored GitHub subset", () => {
  const document = loadContractDocument();

  it("has exactly the listed operations, and says where it comes from and when", () => {
    const operationIds = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((o) => o.operationId));
    expect(operationIds.sort()).toEqual([...OPERATIONS].sort());
    expect(document.info).toMatchObject({
      "x-source": "npm:@octokit/openapi@23.0.2",
      "x-source-file": "generated/api.github.com.json",
      "x-retrieved": expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      "x-operations": OPERATIONS,
    });
  });

  it("compiles, every schema of it, with ajv in strict mode", () => {
    expect(compileEverySchema(document, "github")).toBeGreaterThan(100);
  });

  it("has no OpenAPI 3.0 construct ajv refuses (nullable without type, discriminator) and no examples left", () => {
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/"(discriminator|example|examples|x-github)":/);
    // GitHub's own form, as in issues/update's `title`: what the script rewrites, and why.
    const github = { openapi: "3.0.3", paths: {}, components: { schemas: { Title: { nullable: true, oneOf: [{ type: "string" }, { type: "integer" }] } } } };
    expect(() => compileEverySchema(github, "github")).toThrow(/#\/components\/schemas\/Title does not compile: "nullable" cannot be used without "type"/);
  });

  it("fails closed: an operation whose schema does not compile refuses every request", async () => {
    const schema = { type: "object", properties: { title: { nullable: true, oneOf: [{ type: "string" }] } } };
    const create = { operationId: "things/create", requestBody: { content: { "application/json": { schema } } }, responses: { "201": { description: "Created" } } };
    const broken = { openapi: "3.0.3", info: { title: "broken", version: "1" }, paths: { "/things": { post: create } } };
    const gate = await createGithubContractGate(broken);
    const verdict = gate.check({ method: "POST", path: "/things", query: "", headers: { "content-type": "application/json" }, body: { title: "x" } });
    expect(verdict).toEqual({ ok: false, operationId: "things/create", errors: [expect.stringContaining("does not compile")] });
  });
});

describe("the GitHub fake's contract gate", () => {
  let gate: ContractGate;
  beforeAll(async () => {
    gate = await createGithubContractGate();
  });
  const check = (method: string, path: string, body?: unknown, query = "") => gate.check({ method, path, query, headers: { "content-type": "application/json" }, body });

  it("refuses what GitHub refuses, naming why", () => {
    expect(check("POST", "/repos/o/r/issues", { body: "No title" })).toEqual({
      ok: false,
      operationId: "issues/create",
      errors: ["/requestBody must have required property 'title'"],
    });
    expect(check("POST", "/repos/o/r/issues", { title: "T", labels: "bug" })).toMatchObject({ ok: false, errors: ["/requestBody/labels must be array"] });
    expect(check("PATCH", "/repos/o/r/issues/1", { state: "done" })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^\/requestBody\/state must be equal to one of the allowed values \(open, closed\)/)],
    });
    expect(check("PATCH", "/repos/o/r/issues/1", { state: "closed", state_reason: "bogus" })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("/requestBody/state_reason must be equal to one of the allowed values (completed, not_planned, duplicate, reopened, null)")],
    });
    expect(check("POST", "/repos/o/r/issues/1/comments", {})).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'body'"] });
    expect(check("GET", "/repos/o/r/issues", undefined, "state=done")).toMatchObject({ ok: false, operationId: "issues/list-for-repo" });
    expect(check("GET", "/repos/o/r/issues", undefined, "labels=a&filter=all")).toMatchObject({ ok: false, errors: ["/query must NOT have additional properties (filter)"] });
    expect(check("GET", "/repos/o/r/issues/abc")).toMatchObject({ ok: false, operationId: "issues/get" });
  });

  it("refuses an operation outside the subset", () => {
    expect(check("POST", "/repos/o/r/issues/1/transfer", { new_owner: "x", new_name: "y" })).toEqual({
      ok: false,
      operationId: null,
      errors: ["POST /repos/o/r/issues/1/transfer is not an operation of the vendored GitHub API"],
    });
    expect(check("PUT", "/repos/o/r/issues/1/labels", { labels: ["a"] })).toMatchObject({ ok: false, operationId: null });
  });

  it("lets correct requests through, with their parameters", () => {
    expect(check("POST", "/repos/octo/hello/issues", { title: "Broken", body: "Details", labels: ["a"] })).toEqual({
      ok: true,
      operationId: "issues/create",
      params: { owner: "octo", repo: "hello" },
    });
    expect(check("POST", "/repos/o/r/issues", { title: "T", labels: [{ name: "a" }], assignees: ["octo"] })).toMatchObject({ ok: true });
    expect(check("PATCH", "/repos/o/r/issues/7", { state: "closed", state_reason: "completed" })).toEqual({
      ok: true,
      operationId: "issues/update",
      params: { owner: "o", repo: "r", issue_number: "7" },
    });
    // Nullable in GitHub's spec: body, state_reason, title, milestone.
    expect(check("PATCH", "/repos/o/r/issues/7", { body: null, state_reason: null, title: null, milestone: null })).toMatchObject({ ok: true });
    expect(check("PATCH", "/repos/o/r/issues/7", { labels: [] })).toMatchObject({ ok: true });
    expect(check("GET", "/repos/o/r/issues/comments/5")).toMatchObject({ ok: true, operationId: "issues/get-comment" });
    expect(check("DELETE", "/repos/o/r/issues/comments/5")).toMatchObject({ ok: true, operationId: "issues/delete-comment" });
    const query = "state=all&labels=a,b&sort=updated&direction=asc&since=2026-01-01T00:00:00Z&per_page=100&page=2";
    expect(check("GET", "/repos/o/r/issues", undefined, query)).toMatchObject({ ok: true });
    for (const [method, path] of [["GET", "/user"], ["GET", "/rate_limit"], ["GET", "/repos/o/r"], ["GET", "/repos/o/r/pulls/3"], ["GET", "/repos/o/r/issues/3/comments"]]) {
      expect(check(method, path), `${method} ${path}`).toMatchObject({ ok: true });
    }
  });

  it("refuses deployments and dispatches GitHub refuses, and lets the right ones through", () => {
    expect(check("POST", "/repos/o/r/deployments", { environment: "production" })).toMatchObject({ ok: false, operationId: "repos/create-deployment", errors: ["/requestBody must have required property 'ref'"] });
    expect(check("POST", "/repos/o/r/deployments", { ref: "main", environment: "staging", payload: { build: 7 }, required_contexts: [], auto_merge: false })).toMatchObject({ ok: true });
    expect(check("POST", "/repos/o/r/deployments/5/statuses", { state: "done" })).toMatchObject({
      ok: false,
      operationId: "repos/create-deployment-status",
      errors: [expect.stringMatching(/^\/requestBody\/state must be equal to one of the allowed values \(error, failure, inactive, in_progress, queued, pending, success\)/)],
    });
    expect(check("POST", "/repos/o/r/deployments/5/statuses", { environment_url: "https://x.test" })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'state'"] });
    const status = { state: "success", environment_url: "https://x.test", log_url: "https://ci.test/1", description: "Deployed", environment: "production", auto_inactive: false };
    expect(check("POST", "/repos/o/r/deployments/5/statuses", status)).toEqual({ ok: true, operationId: "repos/create-deployment-status", params: { owner: "o", repo: "r", deployment_id: "5" } });
    expect(check("GET", "/repos/o/r/deployments/abc")).toMatchObject({ ok: false, operationId: "repos/get-deployment" });

    expect(check("POST", "/repos/o/r/actions/workflows/eval.yml/dispatches", { inputs: { model: "x" } })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'ref'"] });
    expect(check("POST", "/repos/o/r/actions/workflows/eval.yml/dispatches", { ref: "main", inputs: "model=x" })).toMatchObject({ ok: false, errors: ["/requestBody/inputs must be object"] });
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`input${i}`, "x"]));
    expect(check("POST", "/repos/o/r/actions/workflows/eval.yml/dispatches", { ref: "main", inputs: many })).toMatchObject({ ok: false, errors: ["/requestBody/inputs must NOT have more than 25 properties"] });
    // workflow_id is the id or the file name: "42" is both an integer and a string once coerced, which `oneOf` would refuse.
    for (const id of ["42", "eval.yml"]) {
      expect(check("POST", `/repos/o/r/actions/workflows/${id}/dispatches`, { ref: "main", inputs: { model: "x" } })).toEqual({
        ok: true,
        operationId: "actions/create-workflow-dispatch",
        params: { owner: "o", repo: "r", workflow_id: id },
      });
    }
    expect(check("GET", "/repos/o/r/actions/runs/77")).toMatchObject({ ok: true, operationId: "actions/get-workflow-run" });
    expect(check("GET", "/repos/o/r/actions/workflows/eval.yml/runs", undefined, "branch=main&status=completed&event=workflow_dispatch")).toMatchObject({ ok: true });
    expect(check("GET", "/repos/o/r/actions/workflows/eval.yml/runs", undefined, "status=done")).toMatchObject({ ok: false, operationId: "actions/list-workflow-runs" });
  });

  it("checks answers too: GitHub's error shapes pass, an issue missing required fields does not", () => {
    expect(gate.checkResponse("issues/get", 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" })).toEqual([]);
    const errors = [{ resource: "Issue", code: "missing_field", field: "title" }];
    const failed = { message: "Validation Failed", errors, documentation_url: "https://docs.github.com/rest", status: "422" };
    expect(gate.checkResponse("issues/create", 422, failed)).toEqual([]);
    expect(gate.checkResponse("issues/delete-comment", 204, null)).toEqual([]);
    expect(gate.checkResponse("issues/get", 200, { id: 1, number: 1, title: "T" })).toContain("response 200 body must have required property 'node_id'");
    expect(gate.checkResponse("actions/create-workflow-dispatch", 204, null)).toEqual([]);
    expect(gate.checkResponse("repos/create-deployment-status", 201, { id: 1, state: "done" })).toContain("response 201 body must have required property 'node_id'");
  });

  it("takes GitHub's own default for a URL field, \"\", as a URL (a deployment status without log or environment URL)", () => {
    const status = {
      url: "https://api.github.com/repos/o/r/deployments/5/statuses/9",
      id: 9,
      node_id: "DS_9",
      state: "success",
      creator: null,
      description: "",
      environment: "production",
      target_url: "",
      log_url: "",
      environment_url: "",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      deployment_url: "https://api.github.com/repos/o/r/deployments/5",
      repository_url: "https://api.github.com/repos/o/r",
    };
    expect(gate.checkResponse("repos/create-deployment-status", 201, status)).toEqual([]);
    const problems = gate.checkResponse("repos/create-deployment-status", 201, { ...status, target_url: "not a url" });
    expect(problems).toContain('response 201 /target_url must match format "uri"');
    expect(problems.every((p) => p.startsWith("response 201 /target_url "))).toBe(true);
  });
});
