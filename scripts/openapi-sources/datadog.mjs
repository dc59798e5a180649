// Datadog's official API descriptions: .generator/schemas/v1/openapi.yaml and
// .generator/schemas/v2/openapi.yaml in DataDog/datadog-api-client-typescript (Apache-2.0; the
// same files, same blob ids, are in the Go and Python clients, all generated from Datadog's spec
// repository), pinned to one commit and checked against their git blob ids, so every run vendors
// the same bytes and anyone can check them with `git rev-parse <commit>:<file>` in a clone.
// `DATADOG_OPENAPI_V1` / `DATADOG_OPENAPI_V2=<a local copy>` read those files instead of downloading
// them (the blob ids are checked all the same). The YAML is parsed with the `yaml` package,
// `npm pack`ed into a temporary directory (no dependency added), as gitlab.mjs does.
//
// The commit is the newest whose v2 file could be read when the subset was made; the generated
// models of every schema in the subset (packages/datadog-api-client-v{1,2}/models/) are the same
// at the client's HEAD of 2026-08-21 (a6d174205b047bd01a9df066deae5d7fee9c436c).
//
// `load()` merges the two documents into one, since Switchboard calls both versions (the shared
// script reads one description):
// - paths: both sets (they do not overlap: every path starts /api/v1/ or /api/v2/);
// - components: a v1 component whose name v2 also uses (APIErrorResponse, EventCreateRequest,
//   Event, EventCreateResponse, EventPriority…, whether or not the two are alike) is renamed
//   `V1<name>`, and every v1 `$ref` to it follows, so the vendored file says which version a
//   schema comes from wherever the two differ;
// - operations: likewise a v1 operationId v2 also uses (CreateEvent, SubmitMetrics, ListEvents…)
//   becomes `V1<operationId>` (`V1CreateEvent` is v1's POST /api/v1/events), since an operationId
//   names one operation in a document;
// - `format: double` is dropped (MetricPoint.value): a JSON number is a double already, and ajv in
//   strict mode refuses a format the contract gates do not define (shared/fake/contract-gate.ts);
//   `type: number` still checks it.
// The shared script keeps only the operations' schemas: `components.securitySchemes` is not
// carried over, so the operations' `security: [{apiKeyAuth: []}]` names the scheme Datadog
// documents as the header `DD-API-KEY` (checked by the fake itself, not by the gate).
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const REPOSITORY = "DataDog/datadog-api-client-typescript";
const COMMIT = "f722578514a6b8d464aa1ecdf909bb39260c0dc3";
const FILES = {
  v1: { file: ".generator/schemas/v1/openapi.yaml", blob: "6ccf9dc7662c5f9cdadec4712d7df7706f9c82f8", env: "DATADOG_OPENAPI_V1" },
  v2: { file: ".generator/schemas/v2/openapi.yaml", blob: "be7bf771e30e6431a0c98a87ccec7cbaa0ee3907", env: "DATADOG_OPENAPI_V2" },
};
const YAML_PACKAGE = "yaml@2.9.1";
const V1_PREFIX = "V1";

/** The `yaml` package, packed into `dir` and imported from there. */
async function yamlParser(dir) {
  const packed = JSON.parse(execFileSync("npm", ["pack", YAML_PACKAGE, "--json", "--pack-destination", dir], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
  execFileSync("tar", ["-xzf", path.join(dir, packed[0].filename), "-C", dir], { stdio: "inherit" });
  return import(pathToFileURL(path.join(dir, "package/dist/index.js")).href);
}

/** One of the two files, its git blob id checked. */
async function yamlText({ file, blob, env }) {
  const local = process.env[env];
  const url = `https://raw.githubusercontent.com/${REPOSITORY}/${COMMIT}/${file}`;
  if (!local) console.log(`downloading ${url}…`);
  const bytes = local ? readFileSync(local) : Buffer.from(await (await fetch(url)).arrayBuffer());
  const id = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
  if (id !== blob) throw new Error(`${local ?? url} has git blob id ${id}, not ${blob} (${file} at ${REPOSITORY}@${COMMIT})`);
  return bytes.toString("utf8");
}

/** Every `$ref` to a renamed v1 component rewritten, and `format: double` dropped (see the top of this file). */
function rewrite(value, renamed) {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, renamed));
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$ref" && typeof inner === "string") out.$ref = renamed.get(inner) ?? inner;
    else if (key === "format" && inner === "double") continue;
    else out[key] = rewrite(inner, renamed);
  }
  return out;
}

/** v1 and v2 as one OpenAPI document (see the top of this file). */
export function mergeVersions(v1, v2) {
  const renamed = new Map();
  for (const [kind, entries] of Object.entries(v1.components ?? {})) {
    for (const name of Object.keys(entries ?? {})) {
      if (v2.components?.[kind]?.[name] !== undefined) renamed.set(`#/components/${kind}/${name}`, `#/components/${kind}/${V1_PREFIX}${name}`);
    }
  }
  const components = {};
  for (const [kind, entries] of Object.entries(v1.components ?? {})) {
    components[kind] = Object.fromEntries(Object.entries(entries ?? {}).map(([name, value]) => [renamed.has(`#/components/${kind}/${name}`) ? `${V1_PREFIX}${name}` : name, rewrite(value, renamed)]));
  }
  for (const [kind, entries] of Object.entries(v2.components ?? {})) {
    for (const [name, value] of Object.entries(entries ?? {})) {
      if (components[kind]?.[name] !== undefined) throw new Error(`components/${kind}/${name} is in v2 and, renamed, in v1`);
      (components[kind] ??= {})[name] = rewrite(value, new Map());
    }
  }
  const operationIds = (paths) => Object.values(paths).flatMap((item) => Object.values(item).filter((operation) => typeof operation?.operationId === "string"));
  const v2Operations = new Set(operationIds(v2.paths).map((operation) => operation.operationId));
  const paths = rewrite(v1.paths, renamed);
  for (const operation of operationIds(paths)) {
    if (v2Operations.has(operation.operationId)) operation.operationId = `${V1_PREFIX}${operation.operationId}`;
  }
  for (const [route, item] of Object.entries(v2.paths)) {
    if (paths[route]) throw new Error(`${route} is in both v1 and v2`);
    paths[route] = rewrite(item, new Map());
  }
  return { openapi: v2.openapi, info: { title: "Datadog API (v1 and v2)", version: v2.info?.version }, paths, components, renamed: [...renamed.values()].map((ref) => ref.split("/").pop()) };
}

async function load() {
  const work = mkdtempSync(path.join(tmpdir(), "vendor-openapi-datadog-"));
  try {
    const [{ parse }, v1, v2] = await Promise.all([yamlParser(work), yamlText(FILES.v1), yamlText(FILES.v2)]);
    const { renamed: _, ...document } = mergeVersions(parse(v1, { maxAliasCount: -1 }), parse(v2, { maxAliasCount: -1 }));
    return {
      document,
      source: `github:${REPOSITORY}@${COMMIT} (Apache-2.0), v1 and v2 merged by scripts/openapi-sources/datadog.mjs: v1 components and operationIds whose name v2 also uses are prefixed ${V1_PREFIX}; format double dropped`,
      file: `${FILES.v1.file} (git blob ${FILES.v1.blob}) + ${FILES.v2.file} (git blob ${FILES.v2.blob})`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export default {
  load,
  version: "1.0",
  output: "src/server/integrations/datadog/fake/datadog-api.openapi.json",
  title: "Datadog API (v1 and v2): the metrics, events and DORA deployments subset the fake Datadog serves",
  operations: ["Validate", "SubmitMetrics", "V1CreateEvent", "CreateDORADeployment"],
};
