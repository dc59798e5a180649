import { readFileSync } from "node:fs";
import path from "node:path";
import { createContractGate, type ContractGate } from "../../shared/fake/contract-gate";

/**
 * The contract gate of the GitHub fake (the gate itself: shared/fake/contract-gate.ts) over the
 * issues, deployments and Actions subset of GitHub's official REST description,
 * github-issues.openapi.json — made by `node scripts/vendor-openapi-subset.mjs github` from
 * `@octokit/openapi` (package, version, file and date in its `info`; never edited by hand). Its
 * paths hang from the root, as at https://api.github.com; the fake strips GitHub Enterprise's
 * `/api/v3` before asking.
 */
export const CONTRACT_FILE = path.join(import.meta.dirname, "github-issues.openapi.json");

export function loadContractDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

/**
 * The vendored document as the gate runs it, with two changes GitHub's own answers call for:
 *
 * - a path parameter typed `oneOf: [integer, string]` (`workflow_id`: a workflow's id or its file
 *   name) becomes `anyOf`: a path parameter arrives as text and the gate coerces types, so "42"
 *   would match both branches and fail "exactly one"; GitHub takes either;
 * - a `format: uri` string whose documented default is "" (a deployment status's `target_url`,
 *   `log_url`, `environment_url`) also takes "", the value GitHub answers with when none was set.
 */
export function gateDocument(document: Record<string, unknown> = loadContractDocument()): Record<string, unknown> {
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths as Record<string, Record<string, { parameters?: { in: string; schema?: Record<string, unknown> }[] }>>)) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === "path" && Array.isArray(parameter.schema?.oneOf)) parameter.schema = { anyOf: parameter.schema.oneOf };
      }
    }
  }
  return emptyUriDefaults(copy) as Record<string, unknown>;
}

function emptyUriDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(emptyUriDefaults);
  if (typeof value !== "object" || value === null) return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, emptyUriDefaults(inner)]));
  if (schema.type !== "string" || schema.format !== "uri" || schema.default !== "") return schema;
  const { format: _, ...rest } = schema;
  return { ...rest, anyOf: [{ format: "uri" }, { maxLength: 0 }] };
}

/**
 * The vendored document's gate is made once per process and shared by every fake started in it:
 * openapi-backend compiles each operation's validators on first use, about 2 s for the whole
 * subset (GitHub's issue and repository schemas are large), and they hold no request state.
 */
let shared: Promise<ContractGate> | null = null;

/** `document`: another document instead of the vendored one (tests of the gate itself); not shared. */
export function createGithubContractGate(document?: Record<string, unknown>): Promise<ContractGate> {
  if (document) return createContractGate({ document, apiRoot: "/", label: "GitHub" });
  shared ??= createContractGate({ document: gateDocument(), apiRoot: "/", label: "GitHub" }).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

/** Each operation's documentation page, from the vendored document: GitHub's `documentation_url` in its errors. */
export function operationDocs(document: Record<string, unknown> = loadContractDocument()): Map<string, string> {
  const docs = new Map<string, string>();
  for (const item of Object.values(document.paths as Record<string, Record<string, { operationId?: string; externalDocs?: { url?: string } }>>)) {
    for (const operation of Object.values(item)) {
      if (operation.operationId && operation.externalDocs?.url) docs.set(operation.operationId, operation.externalDocs.url);
    }
  }
  return docs;
}
