import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { createContractGate, type ContractGate } from "../../shared/fake/contract-gate";

/**
 * The contract of the Jira fake, in two parts:
 *
 * - the gate (shared/fake/contract-gate.ts) over the issues subset of Jira Cloud's official REST
 *   v3 description, jira-issues.openapi.json — made by `node scripts/vendor-openapi-subset.mjs
 *   jira` from Atlassian's swagger-v3.v3.json (where from, its version and checksum in its
 *   `info`; never edited by hand). Its paths hang from the root (`/rest/api/3/…`), as on a site;
 * - every ADF body (an issue's description, a comment's body) against the JSON Schema of ADF that
 *   Atlassian publishes with `@atlaskit/adf-schema` (json-schema/v1/full.json): the OpenAPI
 *   description types them as "any", and Jira refuses a document that is not ADF.
 *
 * Jira's required fields are per project (createmeta) and not in either: the fake's own rules
 * (fake-jira-api.ts) require what a default project does — summary, project, issuetype.
 */
export const CONTRACT_FILE = path.join(import.meta.dirname, "jira-issues.openapi.json");
export const ADF_SCHEMA_FILE = createRequire(import.meta.url).resolve("@atlaskit/adf-schema/json-schema/v1/full.json");

export function loadContractDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

let shared: Promise<ContractGate> | null = null;

/**
 * The vendored document's gate, made once per process and shared by every fake in it (validators
 * hold no request state). Made warm: the ADF schema and the validators of a first push (create,
 * read, edit, search) are compiled up front — about 2 s together, which lazily, inside the
 * first create, would outlast the sync's timeout in tests and make every first create a lost one.
 */
export function createJiraContractGate(document?: Record<string, unknown>): Promise<ContractGate> {
  if (document) return createContractGate({ document, apiRoot: "/", label: "Jira" });
  shared ??= createContractGate({ document: loadContractDocument(), apiRoot: "/", label: "Jira" })
    .then((gate) => {
      adfProblems({ type: "doc", version: 1, content: [] });
      const request = (method: string, path: string, body?: unknown) => gate.check({ method, path, query: "", headers: { "content-type": "application/json" }, body });
      request("POST", "/rest/api/3/issue", { fields: {} });
      request("PUT", "/rest/api/3/issue/A-1", { fields: {} });
      request("POST", "/rest/api/3/search/jql", { jql: "" });
      gate.checkResponse("createIssue", 201, {});
      gate.checkResponse("getIssue", 200, {});
      gate.checkResponse("searchAndReconsileIssuesUsingJqlPost", 200, {});
      return gate;
    })
    .catch((error: unknown) => {
      shared = null;
      throw error;
    });
  return shared;
}

/**
 * ADF's schema is JSON Schema draft-04, and ajv 8 (what is installed; `ajv-draft-04` is not)
 * speaks draft-07. The two read this schema alike — it uses no keyword whose meaning changed
 * (no `id`, no boolean `exclusiveMinimum`/`exclusiveMaximum`; contract.test.ts checks that) — so
 * it is compiled as draft-07 with its `$schema` left out, strict except for `strictTuples` (its
 * `items` tuples without `minItems` mean in draft-04 exactly what ajv would warn about).
 */
export function loadAdfSchema(): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(ADF_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

let adf: ValidateFunction | null = null;

/** Why `value` is not an ADF document Jira would take: [] when it is one. */
export function adfProblems(value: unknown): string[] {
  adf ??= new Ajv({ strict: true, strictTuples: false, allErrors: false }).compile(loadAdfSchema());
  if (adf(value)) return [];
  return (adf.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "the document"} ${e.message ?? "is invalid"}`);
}
