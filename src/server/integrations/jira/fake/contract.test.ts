import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { compileEverySchema } from "../../shared/fake/compile-schemas";
import type { ContractGate } from "../../shared/fake/contract-gate";
import { markdownToAdf } from "../issue-sync/markdown-to-adf";
import { adfProblems, createJiraContractGate, loadAdfSchema, loadContractDocument } from "./contract";

/**
 * The vendored subset of Jira Cloud's REST v3 description and ADF's JSON Schema compile — every
 * schema, with ajv in strict mode, up front (the gate compiles lazily and would show a broken
 * schema only when a request hit it) — and the fake's contract refuses what Jira would refuse.
 */

const OPERATIONS = [
  "getCurrentUser",
  "getProject",
  "getMyPermissions",
  "createIssue",
  "getIssue",
  "editIssue",
  "getTransitions",
  "doTransition",
  "searchAndReconsileIssuesUsingJqlPost",
  "addComment",
  "getComments",
  "getComment",
  "updateComment",
  "deleteComment",
];

describe("the vendored Jira subset", () => {
  const document = loadContractDocument();

  it("has exactly the listed operations, and says where it comes from, which version and when", () => {
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((o) => o.operationId));
    expect(ids.sort()).toEqual([...OPERATIONS].sort());
    expect(document.info).toMatchObject({
      version: "1001.0.0-SNAPSHOT-57a0ca5b4a0bb0ac5f3fee4764acb1c14e4d7e71",
      "x-source": "https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json as committed at github:jarekbird/jira-api-mcp-wrapper@9a9e84dacce9900b0bd4f1f095f5f1bdf3ce0168",
      "x-source-file": "swagger-v3.v3.json (sha256 1f0911c58a45c712ba748f6b2b71bad688a0d28283296e6d24c7b2cc0d304624)",
      "x-retrieved": expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      "x-operations": OPERATIONS,
    });
  });

  it("compiles, every schema of it, with ajv in strict mode, and has nothing strict ajv refuses left", () => {
    expect(compileEverySchema(document, "jira")).toBeGreaterThan(80);
    expect(JSON.stringify(document)).not.toMatch(/"(discriminator|example|examples|xml)":|"format":"uuid"/);
  });
});

describe("ADF's JSON Schema", () => {
  it("uses nothing draft-04 reads differently from draft-07, and compiles in strict mode", () => {
    const schema = loadAdfSchema();
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
    // `id` as a keyword (draft-04's `$id`) would be a string beside `type`; ADF's `id`s are all property names.
    const ids: unknown[] = [];
    JSON.stringify(schema, (key, value) => (key === "id" && typeof value === "string" && ids.push(value), value));
    expect(ids).toEqual([]);
    expect(() => new Ajv({ strict: true, strictTuples: false }).compile(schema)).not.toThrow();
  });

  it("takes the documents the sync writes and refuses what Jira refuses", () => {
    expect(adfProblems(markdownToAdf("**Ada** wrote:\n\n- a\n  1. b\n\n```js\nx\n```"))).toEqual([]);
    expect(adfProblems("plain text")).not.toEqual([]);
    expect(adfProblems({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }] })).not.toEqual([]);
    expect(adfProblems({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "code" }, { type: "strong" }] }] }] })).not.toEqual([]);
    expect(adfProblems({ type: "doc", version: 1, content: [{ type: "text", text: "text at the top" }] })).not.toEqual([]);
  });
});

describe("the Jira fake's contract gate", () => {
  let gate: ContractGate;
  beforeAll(async () => {
    gate = await createJiraContractGate();
  });
  const check = (method: string, path: string, body?: unknown, query = "") => gate.check({ method, path, query, headers: { "content-type": "application/json" }, body });

  it("lets what jira.js sends through, with its parameters", () => {
    expect(check("GET", "/rest/api/3/issue/OPS-7", undefined, "fields=summary,description&expand=transitions")).toEqual({ ok: true, operationId: "getIssue", params: { issueIdOrKey: "OPS-7" } });
    expect(check("PUT", "/rest/api/3/issue/OPS-7", { fields: { summary: "x" } }, "returnIssue=true")).toMatchObject({ ok: true, operationId: "editIssue" });
    expect(check("POST", "/rest/api/3/issue/OPS-7/transitions", { transition: { id: "31" } })).toMatchObject({ ok: true, operationId: "doTransition" });
    expect(check("POST", "/rest/api/3/search/jql", { jql: "project = OPS", fields: ["summary"], maxResults: 50 })).toMatchObject({ ok: true });
    expect(check("GET", "/rest/api/3/mypermissions", undefined, "projectKey=OPS&permissions=BROWSE_PROJECTS")).toMatchObject({ ok: true, operationId: "getMyPermissions" });
    expect(check("DELETE", "/rest/api/3/issue/OPS-7/comment/10010")).toMatchObject({ ok: true, params: { issueIdOrKey: "OPS-7", id: "10010" } });
  });

  it("refuses what Jira refuses, naming why, and operations outside the subset", () => {
    expect(check("POST", "/rest/api/3/search/jql", { jql: "project = OPS", startAt: 50 })).toMatchObject({ ok: false, errors: ["/requestBody must NOT have additional properties (startAt)"] });
    expect(check("POST", "/rest/api/3/search/jql", { jql: "project = OPS", maxResults: "many" })).toMatchObject({ ok: false, operationId: "searchAndReconsileIssuesUsingJqlPost" });
    expect(check("POST", "/rest/api/3/issue", { fields: "summary" })).toMatchObject({ ok: false, errors: ["/requestBody/fields must be object"] });
    expect(check("POST", "/rest/api/3/search", { jql: "project = OPS" })).toEqual({ ok: false, operationId: null, errors: ["POST /rest/api/3/search is not an operation of the vendored Jira API"] });
    expect(check("DELETE", "/rest/api/3/issue/OPS-7")).toMatchObject({ ok: false, operationId: null });
  });

  it("checks answers too", () => {
    expect(gate.checkResponse("createIssue", 201, { id: "10001", key: "OPS-1", self: "https://acme.atlassian.net/rest/api/3/issue/10001" })).toEqual([]);
    expect(gate.checkResponse("createIssue", 400, { errorMessages: [], errors: { summary: "You must specify a summary of the issue." } })).toEqual([]);
    expect(gate.checkResponse("getIssue", 200, { id: "1", key: "OPS-1", fields: {}, summary: "x" })).toEqual(["response 200 body must NOT have additional properties"]);
    expect(gate.checkResponse("getCurrentUser", 200, { accountId: "x", login: "x" })).not.toEqual([]);
  });
});
