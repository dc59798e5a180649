#!/usr/bin/env node
// Vendors the subset of a provider's official OpenAPI description that a test fake's contract
// gate validates against: `node scripts/vendor-openapi-subset.mjs <provider>` (see scripts/openapi-sources/).
//
// The official descriptions are published in npm packages far too large to install or commit
// (GitHub's, @octokit/openapi, is 385 MB unpacked), so the script `npm pack`s the pinned version
// into a temporary directory, extracts only the one file it needs, keeps only the listed
// operations and every schema they reach through `$ref`, and writes that next to the fake.
// Parameters, responses and headers from `components` are copied into the places that use them
// (only schemas stay references): statuspage/fake/contract.test.ts compiles every vendored
// `*.openapi.json` and looks for each parameter's `schema` where the parameter is.
// On the way it turns the description into one ajv compiles in strict mode (what openapi-backend
// runs with in the gates), because a schema ajv cannot compile makes a gate fail open or not at
// all:
//
// - OpenAPI 3.0 `nullable: true` without `type` (ajv: '"nullable" cannot be used without
//   "type"') becomes `anyOf: [<the schema without nullable>, { enum: [null] }]`;
// - `nullable: true` with `type` stays (ajv implements it, as openapi-backend expects), but an
//   `enum` beside it gets `null` added: ajv checks `enum` on its own, so null would still fail;
// - `discriminator` is dropped: ajv refuses it in strict mode unless told to, and then refuses
//   the `mapping` GitHub uses; the `oneOf` it annotates validates the same without it;
// - extensions (`x-…`), `example`, `examples` and the component `examples` are dropped: noise
//   for validation, and most of the file's size.
//
// The output is stable: schemas in name order, everything else in the source's order. When
// only the date would change, the file is left as it is.
//
// To add a provider (GitLab, Jira, Forgejo…), add its module to scripts/openapi-sources/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * One module per provider in scripts/openapi-sources/<provider>.mjs, its default export saying
 * where the description comes from — `package`, `version` and `file` (an npm tarball, fetched with
 * `npm pack`), or `load()` (async; answers `{ document, source, file }` for descriptions published
 * elsewhere, converted to OpenAPI 3 there when they are Swagger 2) — the operations to keep (by
 * operationId), where to write the subset, and its title.
 */
async function loadSources() {
  const dir = path.join(root, "scripts/openapi-sources");
  const entries = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".mjs")).sort()) {
    entries[file.replace(/\.mjs$/, "")] = (await import(pathToFileURL(path.join(dir, file)).href)).default;
  }
  return entries;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
/** Keywords whose value is a map of names to schemas: the names are not keywords. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);
/** Keywords whose value is one schema, or a list of schemas. */
const SCHEMA_ONE = new Set(["items", "additionalProperties", "not", "additionalItems", "contains", "propertyNames", "if", "then", "else"]);
const SCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf"]);
/** Dropped everywhere: annotations ajv does not know and that only add size. */
const NOISE = new Set(["example", "examples", "discriminator"]);
const isExtension = (key) => key.startsWith("x-");

function fail(message) {
  console.error(`vendor-openapi-subset: ${message}`);
  process.exit(1);
}

/** The one file of the package's tarball, parsed. */
function fetchDescription(source) {
  const work = mkdtempSync(path.join(tmpdir(), "vendor-openapi-"));
  try {
    const spec = `${source.package}@${source.version}`;
    console.log(`npm pack ${spec} (into ${work})…`);
    const packed = JSON.parse(execFileSync("npm", ["pack", spec, "--json", "--pack-destination", work], { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    const tarball = path.join(work, packed[0].filename);
    execFileSync("tar", ["-xzf", tarball, "-C", work, source.file], { stdio: "inherit" });
    return JSON.parse(readFileSync(path.join(work, source.file), "utf8"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A schema, cleaned and made strict-ajv-compilable (see the top of this file). */
function cleanSchema(schema) {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (NOISE.has(key) || isExtension(key)) continue;
    if (SCHEMA_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, cleanSchema(s)]));
    else if (SCHEMA_ONE.has(key)) out[key] = cleanSchema(value);
    else if (SCHEMA_LIST.has(key)) out[key] = value.map(cleanSchema);
    else out[key] = structuredClone(value);
  }
  if (out.nullable === false) delete out.nullable;
  if (out.nullable !== true) return out;
  if (out.type === undefined) {
    const { nullable: _, description, ...rest } = out;
    return { ...(description === undefined ? {} : { description }), anyOf: [rest, { enum: [null] }] };
  }
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/** A parameter, header or media type object: the `schema` in it cleaned, noise dropped. */
function cleanHolder(holder) {
  const out = {};
  for (const [key, value] of Object.entries(holder)) {
    if (NOISE.has(key) || isExtension(key)) continue;
    if (key === "schema") out.schema = cleanSchema(value);
    else if (key === "content") out.content = Object.fromEntries(Object.entries(value).map(([type, media]) => [type, cleanHolder(media)]));
    else if (key === "headers") out.headers = Object.fromEntries(Object.entries(value).map(([name, header]) => [name, cleanHolder(header)]));
    else out[key] = structuredClone(value);
  }
  return out;
}

function cleanOperation(operation) {
  const out = {};
  for (const [key, value] of Object.entries(operation)) {
    if (NOISE.has(key) || isExtension(key)) continue;
    if (key === "parameters") out.parameters = value.map(cleanHolder);
    else if (key === "requestBody") out.requestBody = cleanHolder(value);
    else if (key === "responses") out.responses = Object.fromEntries(Object.entries(value).map(([status, response]) => [status, cleanHolder(response)]));
    else out[key] = structuredClone(value);
  }
  return out;
}

/** Every `$ref` in a value. */
function refsIn(value, found = []) {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

function component(document, ref) {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match) fail(`unsupported $ref ${ref}`);
  const found = document.components?.[match[1]]?.[match[2]];
  if (!found) fail(`dangling $ref ${ref}`);
  return { kind: match[1], name: match[2], value: found };
}

/**
 * Parameters, responses and headers referenced from `components` are copied into each place
 * that uses them (they are small), so that only schemas remain references: a reader or a tool
 * that compiles each operation's parameter and response schemas finds them where it looks.
 */
function inlineHolders(document, value) {
  if (Array.isArray(value)) return value.map((item) => inlineHolders(document, item));
  if (typeof value !== "object" || value === null) return value;
  if (typeof value.$ref === "string" && !value.$ref.startsWith("#/components/schemas/")) {
    const { kind, value: found } = component(document, value.$ref);
    if (!["parameters", "responses", "headers", "requestBodies"].includes(kind)) fail(`$ref to components/${kind} is not handled: ${value.$ref}`);
    return inlineHolders(document, found);
  }
  if ("schema" in value || "type" in value || "properties" in value) return value; // a schema: only schema refs inside
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, inlineHolders(document, inner)]));
}

function subset(document, source) {
  const wanted = new Set(source.operations);
  const paths = {};
  for (const [route, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !wanted.has(operation.operationId)) continue;
      paths[route] ??= item.parameters ? { parameters: inlineHolders(document, item.parameters).map(cleanHolder) } : {};
      paths[route][method] = cleanOperation(inlineHolders(document, operation));
      wanted.delete(operation.operationId);
    }
  }
  if (wanted.size > 0) fail(`the description has no operation ${[...wanted].join(", ")}`);

  const schemas = {};
  const pending = refsIn(paths);
  while (pending.length > 0) {
    const { kind, name, value } = component(document, pending.pop());
    if (kind !== "schemas") fail(`a schema refers to components/${kind}/${name}`);
    if (schemas[name]) continue;
    schemas[name] = cleanSchema(value);
    pending.push(...refsIn(schemas[name]));
  }
  return { paths, components: { schemas: Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemas[name]])) } };
}

async function main() {
  const SOURCES = await loadSources();
  const name = process.argv[2];
  const source = Object.hasOwn(SOURCES, name) ? SOURCES[name] : undefined;
  if (!source) fail(`usage: node scripts/vendor-openapi-subset.mjs <${Object.keys(SOURCES).join("|")}>`);
  const loaded = source.load ? await source.load() : { document: fetchDescription(source), source: `npm:${source.package}@${source.version}`, file: source.file.replace(/^package\//, "") };
  const document = loaded.document;
  const { paths, components } = subset(document, source);
  const output = path.join(root, source.output);
  const made = new Date().toISOString().slice(0, 10);
  const info = (date) => ({
    title: source.title,
    version: document.info?.version ?? source.version,
    description: `Generated by scripts/vendor-openapi-subset.mjs ${name}; do not edit. Only the operations listed in x-operations and the components they reach.`,
    "x-source": loaded.source,
    "x-source-file": loaded.file,
    "x-retrieved": date,
    "x-operations": source.operations,
  });
  const text = (date) => `${JSON.stringify({ openapi: document.openapi, info: info(date), paths, components }, null, 2)}\n`;
  let date = made;
  if (existsSync(output)) {
    const previous = JSON.parse(readFileSync(output, "utf8")).info?.["x-retrieved"];
    if (previous && text(previous) === readFileSync(output, "utf8")) date = previous;
  }
  writeFileSync(output, text(date));
  const counts = Object.entries(components).map(([kind, entries]) => `${Object.keys(entries).length} ${kind}`);
  console.log(`wrote ${source.output}: ${source.operations.length} operations, ${counts.join(", ")}, ${Buffer.byteLength(text(date))} bytes`);
}

await main();
