// Forgejo's official API description: the Swagger 2.0 document every Forgejo instance serves at
// /swagger.v1.json, kept in Forgejo's repository as a Go template, templates/swagger/v1_json.tmpl.
// Pinned to the v11.0.1 release (v11.0 is Forgejo's long-term-support line) and checked against its
// git blob id, so every run vendors the same bytes and anyone can check them with
// `git rev-parse v11.0.1:templates/swagger/v1_json.tmpl` in a Forgejo clone. Downloaded from
// codeberg.org, where Forgejo is developed; `FORGEJO_SWAGGER_TMPL=<a local copy>` reads that file
// instead (the blob id is checked all the same). Gitea's file of the same name is the same API for
// issues (gitea-js 1.23 is generated from Gitea 1.23's); Forgejo's is the one we target.
//
// `load()` fills the template's two placeholders and converts the Swagger 2.0 document to
// OpenAPI 3.0 (the shared script and the contract gates read OpenAPI 3), then marks as nullable the
// properties Forgejo writes as `null`: its answers are Go structs, whose nil pointers and nil slices
// marshal to null, which go-swagger's description does not say (NULLABLE below, read from
// modules/structs at the same commit).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const TAG = "v11.0.1";
const COMMIT = "661028623c7876bc112deff80239d5ea199dcff8";
const FILE = "templates/swagger/v1_json.tmpl";
const BLOB = "a16deb61a85f24020dc86996b04fc123ad8f1f98";
const SHA256 = "8eadb817dcdc477e4790587f4243c24d007b576f4d8e8344e4d738df8a83a047";

/** Per definition, the properties that are pointers or slices in Forgejo's Go structs: null when unset. */
const NULLABLE = {
  Issue: ["assignee", "assignees", "milestone", "closed_at", "due_date", "pull_request"],
  PullRequestMeta: ["merged_at"],
  PullRequest: ["assignee", "assignees", "milestone", "merged_at", "merge_commit_sha", "merged_by", "due_date", "closed_at", "requested_reviewers", "requested_reviewers_teams"],
  Repository: ["parent", "repo_transfer", "topics"],
};

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$ref" && typeof inner === "string") {
      out.$ref = inner.replace(/^#\/definitions\//, "#/components/schemas/").replace(/^#\/responses\//, "#/components/responses/").replace(/^#\/parameters\//, "#/components/parameters/");
    } else out[key] = rewriteRefs(inner);
  }
  return out;
}

/** The keywords of a Swagger 2.0 non-body parameter that are its schema in OpenAPI 3. */
const PARAMETER_SCHEMA = ["type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf"];

function parameter(p) {
  const schema = Object.fromEntries(PARAMETER_SCHEMA.filter((key) => p[key] !== undefined).map((key) => [key, rewriteRefs(p[key])]));
  const out = { name: p.name, in: p.in, ...(p.description ? { description: p.description } : {}), ...(p.required ? { required: true } : {}), schema };
  if (p.type === "array") Object.assign(out, p.collectionFormat === "multi" ? { style: "form", explode: true } : { style: p.in === "query" ? "form" : "simple", explode: false });
  return out;
}

function response(r, produces) {
  const out = { description: r.description ?? "" };
  if (r.schema) out.content = Object.fromEntries(produces.map((type) => [type, { schema: rewriteRefs(r.schema) }]));
  if (r.headers) out.headers = Object.fromEntries(Object.entries(r.headers).map(([name, h]) => [name, { ...(h.description ? { description: h.description } : {}), schema: { type: h.type, ...(h.format ? { format: h.format } : {}) } }]));
  return out;
}

/** The media types an operation answers or takes, JSON ones only when it has any (the global lists add text/html and text/plain to every operation). */
const mediaTypes = (listed) => (listed.some((t) => JSON_TYPE.test(t)) ? listed.filter((t) => JSON_TYPE.test(t)) : listed);

function operation(op, document) {
  const produces = mediaTypes(op.produces ?? document.produces ?? ["application/json"]);
  const consumes = mediaTypes(op.consumes ?? document.consumes ?? ["application/json"]);
  const out = {};
  for (const [key, value] of Object.entries(op)) {
    if (key === "parameters") {
      const body = value.find((p) => p.in === "body");
      const form = value.filter((p) => p.in === "formData");
      const rest = value.filter((p) => p.in !== "body" && p.in !== "formData");
      if (rest.length > 0) out.parameters = rest.map((p) => (p.$ref ? rewriteRefs(p) : parameter(p)));
      if (body) out.requestBody = { ...(body.required ? { required: true } : {}), content: Object.fromEntries(consumes.map((type) => [type, { schema: rewriteRefs(body.schema) }])) };
      if (form.length > 0) {
        const properties = Object.fromEntries(form.map((p) => [p.name, p.type === "file" ? { type: "string", format: "binary" } : parameter(p).schema]));
        const required = form.filter((p) => p.required).map((p) => p.name);
        out.requestBody = { content: { "multipart/form-data": { schema: { type: "object", properties, ...(required.length ? { required } : {}) } } } };
      }
    } else if (key === "responses") {
      out.responses = Object.fromEntries(Object.entries(value).map(([status, r]) => [status, r.$ref ? rewriteRefs(r) : response(r, produces)]));
    } else if (!["produces", "consumes", "security", "schemes"].includes(key)) out[key] = value;
  }
  return out;
}

/** Swagger 2.0 → OpenAPI 3.0.3: paths, schemas and shared responses (the rest the vendored subsets never use). */
export function swaggerToOpenapi(document) {
  const paths = {};
  for (const [route, item] of Object.entries(document.paths)) {
    paths[route] = Object.fromEntries(Object.entries(item).map(([method, op]) => [method, method === "parameters" ? op.map(parameter) : operation(op, document)]));
  }
  const schemas = rewriteRefs(document.definitions ?? {});
  for (const [name, fields] of Object.entries(NULLABLE)) {
    for (const field of fields) {
      const property = schemas[name]?.properties?.[field];
      if (!property) throw new Error(`NULLABLE names ${name}.${field}, which the description does not have`);
      property.nullable = true;
    }
  }
  const responses = Object.fromEntries(Object.entries(document.responses ?? {}).map(([name, r]) => [name, response(r, ["application/json"])]));
  return { openapi: "3.0.3", info: document.info, servers: [{ url: document.basePath }], paths, components: { schemas, responses } };
}

async function load() {
  const local = process.env.FORGEJO_SWAGGER_TMPL;
  const url = `https://codeberg.org/forgejo/forgejo/raw/commit/${COMMIT}/${FILE}`;
  const bytes = local ? readFileSync(local) : Buffer.from(await (await fetch(url)).arrayBuffer());
  const blob = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
  if (blob !== BLOB) throw new Error(`${local ?? url} has git blob id ${blob}, not ${BLOB} (${FILE} at Forgejo ${TAG})`);
  const text = bytes
    .toString("utf8")
    .replace(/\{\{\s*AppVer\b[^}]*\}\}/g, TAG.slice(1))
    .replace(/\{\{\s*AppSubUrl\b[^}]*\}\}/g, "");
  if (text.includes("{{")) throw new Error(`${FILE} has a template placeholder this script does not fill: ${/\{\{[^}]*\}\}/.exec(text)[0]}`);
  return {
    document: swaggerToOpenapi(JSON.parse(text)),
    source: `git:https://codeberg.org/forgejo/forgejo@${TAG} (${COMMIT}), converted from Swagger 2.0 by scripts/openapi-sources/forgejo.mjs`,
    file: `${FILE} (git blob ${BLOB}, sha256 ${SHA256})`,
  };
}

export default {
  load,
  version: TAG.slice(1),
  output: "src/server/integrations/forgejo/fake/forgejo-issues.openapi.json",
  title: "Forgejo API (v1): the issues subset the fake Forgejo serves",
  operations: [
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
  ],
};
