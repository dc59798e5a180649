import { readFileSync } from "node:fs";
import path from "node:path";
import { createContractGate, type ContractGate } from "../../shared/fake/contract-gate";

/**
 * The contract gate of the GitLab fake (the gate itself: shared/fake/contract-gate.ts) over two
 * vendored documents, merged:
 *
 * - gitlab-issues.openapi.json: the issue operations of GitLab's official OpenAPI 3.0 description
 *   (doc/api/openapi/openapi_v3.yaml), made by `node scripts/vendor-openapi-subset.mjs gitlab`
 *   (source, commit and date in its `info`; never edited by hand);
 * - gitlab-docs-derived.openapi.json: notes, `GET /user`, `GET /projects/:id`,
 *   `GET /personal_access_tokens/self`, deployments (create, get, update) and pipelines (trigger
 *   with a token, create, get), built by hand from GitLab's Markdown API docs and marked so in its
 *   `info` (why: scripts/openapi-sources/gitlab.mjs).
 *
 * Requests are checked against them as they are. Answers are checked against the official entity
 * schemas made lenient in two ways GitLab's generator cannot express (it documents Grape entity
 * exposures without nullability and without `is_array`): every entity field may be null (an open
 * issue's `closed_at`, an issue without milestone), and an entity may come as a list of itself
 * (`assignees`, and the issue list itself, which the description types as one issue). Required
 * fields and every non-null type stay checked.
 */
const OFFICIAL_FILE = path.join(import.meta.dirname, "gitlab-issues.openapi.json");
const DOCS_FILE = path.join(import.meta.dirname, "gitlab-docs-derived.openapi.json");
export const CONTRACT_FILES = [OFFICIAL_FILE, DOCS_FILE];

type Json = Record<string, unknown>;
type Document = { openapi: string; info: Json; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

export const loadContractDocument = (file = OFFICIAL_FILE) => JSON.parse(readFileSync(file, "utf8")) as Document;

const isRef = (schema: unknown): schema is { $ref: string } => typeof schema === "object" && schema !== null && typeof (schema as Json).$ref === "string";
// Fresh reference objects each time: the dereferencer replaces them in place, a shared one only once.
const oneOrList = ({ $ref }: { $ref: string }) => ({ anyOf: [{ $ref }, { type: "array", items: { $ref } }, { enum: [null] }] });

/** An entity schema whose fields may be null or, for entities, lists (see above). */
function lenient(schema: Json): Json {
  const out: Json = { ...schema };
  if (typeof out.type === "string" && out.type !== "object") {
    out.nullable = true;
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  }
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Json>).map(([name, field]) => [name, isRef(field) ? oneOrList(field) : lenient(field)]),
    );
  }
  if (out.items && !isRef(out.items)) out.items = lenient(out.items as Json);
  return out;
}

/** The two documents as one, with lenient entity schemas and answers (requests untouched). */
export function gateDocument(official = loadContractDocument(OFFICIAL_FILE), docs = loadContractDocument(DOCS_FILE)): Document {
  const schemas: Record<string, Json> = Object.fromEntries(Object.entries(official.components.schemas).map(([name, schema]) => [name, name.startsWith("RequestBody_") ? schema : lenient(schema)]));
  const paths = structuredClone(official.paths);
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const parameter of (operation.parameters ?? []) as { in: string; schema?: Json }[]) {
        // `oneOf: [string, integer]` (a project's id or path): a path parameter arrives as text, and
        // the gate coerces types, so "42" would match both and fail "exactly one". GitLab takes either.
        if (parameter.in === "path" && Array.isArray(parameter.schema?.oneOf)) parameter.schema = { anyOf: parameter.schema.oneOf };
      }
      for (const response of Object.values((operation.responses ?? {}) as Record<string, { content?: Record<string, { schema?: unknown }> }>)) {
        for (const media of Object.values(response.content ?? {})) {
          if (!isRef(media.schema)) continue;
          // A schema of the components (openapi-backend resolves references from there only).
          const { $ref } = media.schema;
          const name = `${$ref.split("/").at(-1)}_OneOrList`;
          schemas[name] = { anyOf: [{ $ref }, { type: "array", items: { $ref } }] };
          media.schema = { $ref: `#/components/schemas/${name}` };
        }
      }
    }
  }
  return {
    openapi: official.openapi,
    info: { title: "GitLab REST API (v4) as the fake GitLab serves it", version: String(official.info.version) },
    paths: { ...paths, ...structuredClone(docs.paths) },
    components: { schemas: { ...schemas, ...structuredClone(docs.components.schemas) } },
  };
}

/**
 * One gate per process, shared by every fake started in it: openapi-backend compiles each
 * operation's validators on first use, and they hold no request state.
 */
let shared: Promise<ContractGate> | null = null;

/** `document`: another document instead of the vendored ones (tests of the gate itself); not shared. */
export function createGitlabContractGate(document?: Record<string, unknown>): Promise<ContractGate> {
  if (document) return createContractGate({ document, apiRoot: "/", label: "GitLab" });
  shared ??= createContractGate({ document: gateDocument() as unknown as Record<string, unknown>, apiRoot: "/", label: "GitLab" }).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}
