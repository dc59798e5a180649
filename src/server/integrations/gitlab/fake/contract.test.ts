import { beforeAll, describe, expect, it } from "vitest";
import { compileEverySchema } from "../../shared/fake/compile-schemas";
import type { ContractGate } from "../../shared/fake/contract-gate";
import { CONTRACT_FILES, createGitlabContractGate, gateDocument, loadContractDocument } from "./contract";

/**
 * The vendored GitLab documents compile — every schema, with ajv in strict mode, up front, and so
 * does the merged, lenient document the gate runs on — and the fake's gate refuses what GitLab
 * would refuse and lets through what the sync sends. The gate runs openapi-backend with
 * `quick: true`, which compiles lazily, so without the first tests a schema ajv cannot compile
 * would only show when a request happened to hit it.
 */

const operationIds = (document: { paths: Record<string, Record<string, { operationId?: string }>> }) =>
  Object.values(document.paths).flatMap((item) => Object.values(item).map((o) => o.operationId ?? ""));

describe("the vendored GitLab documents", () => {
  const official = loadContractDocument(CONTRACT_FILES[0]);
  const docs = loadContractDocument(CONTRACT_FILES[1]);

  it("the official subset has exactly the issue operations, and says where it comes from and when", () => {
    const operations = ["getApiV4ProjectsIdIssues", "postApiV4ProjectsIdIssues", "getApiV4ProjectsIdIssuesIssueIid", "putApiV4ProjectsIdIssuesIssueIid"];
    expect(operationIds(official).sort()).toEqual([...operations].sort());
    expect(official.info).toMatchObject({
      "x-source": "gitlab-org/gitlab@045bf8777ea893e770b49d420febaeb7bf89e24a",
      "x-source-file": "doc/api/openapi/openapi_v3.yaml",
      "x-retrieved": expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      "x-operations": operations,
    });
  });

  it("the hand-built document says it is derived from GitLab's docs, and which", () => {
    expect(docs.info).toMatchObject({
      "x-derived-from-docs": true,
      "x-source-file": expect.arrayContaining(["doc/api/notes.md#issues", "doc/api/deployments.md#update-a-deployment", "doc/api/pipeline_triggers.md#trigger-a-pipeline-with-a-token"]),
      "x-retrieved": expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(operationIds(docs).sort()).toEqual([
      "createIssueNote",
      "createPipeline",
      "deleteIssueNote",
      "getApiV4ProjectsIdDeploymentsDeploymentId",
      "getCurrentUser",
      "getIssueNote",
      "getPersonalAccessTokenSelf",
      "getPipeline",
      "getProject",
      "listIssueNotes",
      "postApiV4ProjectsIdDeployments",
      "putApiV4ProjectsIdDeploymentsDeploymentId",
      "triggerPipeline",
      "updateIssueNote",
    ]);
    // The deployments and pipelines, added with their documentation pages.
    const documented = Object.values(docs.paths).flatMap((item) => Object.values(item)).filter((o) => /Deployment|Pipeline/.test(String(o.operationId)));
    expect(documented.map((o) => (o.externalDocs as { url?: string } | undefined)?.url)).toEqual(Array(6).fill(expect.stringMatching(/^https:\/\/docs\.gitlab\.com\/api\/(deployments|pipelines|pipeline_triggers)\/#/)));
  });

  it("compiles, every schema of each and of the gate's merged document, with ajv in strict mode", () => {
    expect(compileEverySchema(official as unknown as Record<string, unknown>, "gitlab")).toBeGreaterThan(15);
    expect(compileEverySchema(docs as unknown as Record<string, unknown>, "gitlab")).toBeGreaterThan(10);
    expect(compileEverySchema(gateDocument() as unknown as Record<string, unknown>, "gitlab")).toBeGreaterThan(25);
  });
});

describe("the GitLab fake's contract gate", () => {
  let gate: ContractGate;
  beforeAll(async () => {
    gate = await createGitlabContractGate();
  });
  const check = (method: string, path: string, body?: unknown, query = "") => gate.check({ method, path, query, headers: { "content-type": "application/json" }, body });

  it("lets through what the sync sends, by numeric id and by URL-encoded path", () => {
    expect(check("POST", "/api/v4/projects/42/issues", { title: "Slow", description: "Body", labels: ["switchboard", "P1"] })).toEqual({ ok: true, operationId: "postApiV4ProjectsIdIssues", params: { id: "42" } });
    expect(check("PUT", "/api/v4/projects/acme%2Fapp/issues/7", { title: "T", description: "D", state_event: "close", labels: [] })).toEqual({
      ok: true,
      operationId: "putApiV4ProjectsIdIssuesIssueIid",
      params: { id: "acme/app", issue_iid: "7" },
    });
    expect(check("GET", "/api/v4/projects/acme%2Fapp/issues", undefined, "order_by=created_at&page=1&per_page=50&sort=desc&state=all")).toMatchObject({ ok: true });
    expect(check("POST", "/api/v4/projects/acme%2Fapp/issues/7/notes", { body: "A comment" })).toMatchObject({ ok: true, operationId: "createIssueNote" });
    for (const [method, path] of [["GET", "/api/v4/user"], ["GET", "/api/v4/projects/acme%2Fapp"], ["GET", "/api/v4/personal_access_tokens/self"], ["GET", "/api/v4/projects/1/issues/2"]]) {
      expect(check(method, path), `${method} ${path}`).toMatchObject({ ok: true });
    }
  });

  it("refuses what GitLab refuses, naming why", () => {
    expect(check("POST", "/api/v4/projects/42/issues", { description: "No title" })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'title'"] });
    expect(check("POST", "/api/v4/projects/42/issues", { title: "T", labels: "a,b" })).toMatchObject({ ok: false, errors: ["/requestBody/labels must be array"] });
    expect(check("PUT", "/api/v4/projects/42/issues/1", { state_event: "closed" })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("/requestBody/state_event must be equal to one of the allowed values (reopen, close, null)")],
    });
    expect(check("GET", "/api/v4/projects/42/issues", undefined, "state=done")).toMatchObject({ ok: false, operationId: "getApiV4ProjectsIdIssues" });
    expect(check("GET", "/api/v4/projects/42/issues/abc")).toMatchObject({ ok: false, operationId: "getApiV4ProjectsIdIssuesIssueIid" });
    expect(check("POST", "/api/v4/projects/42/issues/1/notes", {})).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'body'"] });
    expect(check("DELETE", "/api/v4/projects/42/issues/1")).toMatchObject({ ok: false, operationId: null });
  });

  it("refuses deployments and pipelines GitLab refuses, and lets the documented ones through", () => {
    const deployment = { environment: "production", sha: "a".repeat(40), ref: "main", tag: false, status: "running" };
    expect(check("POST", "/api/v4/projects/acme%2Fapp/deployments", deployment)).toEqual({ ok: true, operationId: "postApiV4ProjectsIdDeployments", params: { id: "acme/app" } });
    expect(check("POST", "/api/v4/projects/42/deployments", { ...deployment, status: "blocked" })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("/requestBody/status must be equal to one of the allowed values (running, success, failed, canceled)")],
    });
    const { status: _, ...withoutStatus } = deployment;
    expect(check("POST", "/api/v4/projects/42/deployments", withoutStatus)).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'status'"] });
    expect(check("PUT", "/api/v4/projects/42/deployments/7", { status: "success" })).toEqual({ ok: true, operationId: "putApiV4ProjectsIdDeploymentsDeploymentId", params: { id: "42", deployment_id: "7" } });
    expect(check("PUT", "/api/v4/projects/42/deployments/7", { status: "created" })).toMatchObject({ ok: false, operationId: "putApiV4ProjectsIdDeploymentsDeploymentId" });
    expect(check("GET", "/api/v4/projects/42/deployments/7")).toMatchObject({ ok: true });

    expect(check("POST", "/api/v4/projects/42/trigger/pipeline", { token: "glptt-x", ref: "main", variables: { DEPLOY: "true" } })).toMatchObject({ ok: true, operationId: "triggerPipeline" });
    expect(check("POST", "/api/v4/projects/42/trigger/pipeline", { variables: { DEPLOY: "true" } }, "token=glptt-x&ref=main")).toMatchObject({ ok: true });
    expect(check("POST", "/api/v4/projects/42/trigger/pipeline", { token: "t", ref: "main", variables: ["DEPLOY=true"] })).toMatchObject({ ok: false, errors: ["/requestBody/variables must be object"] });
    // Grape takes any map here; the fake refuses values that are not strings in GitLab's own words (fake-gitlab-api.ts).
    expect(check("POST", "/api/v4/projects/42/trigger/pipeline", { token: "t", ref: "main", variables: { RETRIES: 3 } })).toMatchObject({ ok: true });
    expect(check("POST", "/api/v4/projects/42/pipeline", { ref: "main", variables: [{ key: "A", value: "1", variable_type: "env_var" }] })).toMatchObject({ ok: true, operationId: "createPipeline" });
    expect(check("POST", "/api/v4/projects/42/pipeline", { variables: [] })).toMatchObject({ ok: false, errors: ["/requestBody must have required property 'ref'"] });
    expect(check("POST", "/api/v4/projects/42/pipeline", { ref: "main", variables: { A: "1" } })).toMatchObject({ ok: false, errors: ["/requestBody/variables must be array"] });
    expect(check("POST", "/api/v4/projects/42/pipeline", { ref: "main", variables: [{ key: "A", value: "1", variable_type: "secret" }] })).toMatchObject({ ok: false });
    expect(check("GET", "/api/v4/projects/42/pipelines/9")).toMatchObject({ ok: true, operationId: "getPipeline" });
  });

  it("checks answers against the official entities, lenient only about nulls and lists", () => {
    const issue = { id: 1, iid: 1, project_id: 2, title: "T", description: null, state: "opened", closed_at: null, milestone: null, assignees: [], labels: ["a"] };
    expect(gate.checkResponse("getApiV4ProjectsIdIssuesIssueIid", 200, issue)).toEqual([]);
    expect(gate.checkResponse("getApiV4ProjectsIdIssues", 200, [issue])).toEqual([]);
    expect(gate.checkResponse("getApiV4ProjectsIdIssuesIssueIid", 200, { ...issue, iid: "1" })).toContain("response 200 /iid must be integer");
    expect(gate.checkResponse("createIssueNote", 201, { id: 1, body: "x" })).toContain("response 201 body must have required property 'author'");
  });
});
