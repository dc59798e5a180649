import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { AppError, type FieldErrors } from "@/server/errors";

/**
 * The JSON Schemas (draft 2020-12) of custom event types. A schema comes from a dataspace admin
 * and runs on the server for every published event, so it is treated as untrusted (Ajv's own
 * advice): its size and depth are capped, it may only reference itself (`#…`: no remote URLs, no
 * other tenant's schema), and regular expressions that can backtrack catastrophically are refused.
 * Each schema is compiled once per version (type id + updatedAt) in its own Ajv instance, so one
 * dataspace's `$id`s can never resolve in another's.
 */
export const MAX_SCHEMA_BYTES = 32 * 1024;
export const MAX_SCHEMA_DEPTH = 32;
const MAX_PATTERN_LENGTH = 500;
const MAX_DATA_ERRORS = 20;
const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

// Keywords whose values are data, not schemas: a `$ref` or `pattern` inside them means nothing.
const DATA_KEYWORDS = new Set(["const", "enum", "default", "examples"]);

// Formats are annotations only: checking them needs ajv-formats, and a format Ajv does not know
// would otherwise make the schema fail to compile.
const newAjv = () => new Ajv2020({ allErrors: true, strict: false, validateFormats: false, logger: false, addUsedSchema: false });

function refuse(messages: string[]): never {
  throw new AppError("BAD_REQUEST", `schema: ${messages[0]}`, { fieldErrors: { schema: messages } });
}

/** Checks a schema before it is stored: every problem found, by JSON pointer into the schema. */
export function checkEventSchema(schema: unknown): Record<string, unknown> {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    refuse(['Must be a JSON Schema object, e.g. {"type": "object", "properties": {…}}']);
  }
  const size = Buffer.byteLength(JSON.stringify(schema));
  if (size > MAX_SCHEMA_BYTES) refuse([`At most ${MAX_SCHEMA_BYTES / 1024} KB as JSON (this one is ${Math.ceil(size / 1024)} KB)`]);
  const declared = (schema as Record<string, unknown>).$schema;
  if (declared !== undefined && declared !== DRAFT_2020_12 && declared !== `${DRAFT_2020_12}#`) {
    refuse([`$schema: only JSON Schema draft 2020-12 is supported ("${DRAFT_2020_12}"), or leave $schema out`]);
  }
  const problems: string[] = [];
  walk(schema, "", 0, problems);
  if (problems.length) refuse(problems.slice(0, 10));

  const ajv = newAjv();
  if (!ajv.validateSchema(schema)) {
    refuse((ajv.errors ?? []).slice(0, 10).map((error) => `${error.instancePath || "/"}: ${error.message ?? "is invalid"}`));
  }
  try {
    ajv.compile(schema);
  } catch (error) {
    refuse([`Cannot be compiled: ${(error as Error).message}`]);
  }
  return schema as Record<string, unknown>;
}

function walk(node: unknown, pointer: string, depth: number, problems: string[]): void {
  if (typeof node !== "object" || node === null) return;
  if (depth > MAX_SCHEMA_DEPTH) {
    problems.push(`${pointer}: nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
    return;
  }
  const entries = Array.isArray(node) ? node.map((value, i) => [String(i), value] as const) : Object.entries(node);
  for (const [key, value] of entries) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (!Array.isArray(node)) {
      if ((key === "$ref" || key === "$dynamicRef") && typeof value === "string" && !value.startsWith("#")) {
        problems.push(`${at}: only references inside this schema ("#/$defs/…") are allowed, not "${value.slice(0, 100)}"`);
      }
      if (key === "pattern" && typeof value === "string") checkPattern(value, at, problems);
      if (key === "patternProperties" && typeof value === "object" && value !== null) {
        for (const pattern of Object.keys(value)) checkPattern(pattern, `${at}/${escapePointer(pattern)}`, problems);
      }
      if (DATA_KEYWORDS.has(key)) continue;
    }
    walk(value, at, depth + 1, problems);
  }
}

function checkPattern(pattern: string, at: string, problems: string[]): void {
  if (pattern.length > MAX_PATTERN_LENGTH) problems.push(`${at}: a pattern is at most ${MAX_PATTERN_LENGTH} characters`);
  else if (/\\[1-9]|\\k</.test(pattern)) problems.push(`${at}: back-references are not allowed in patterns`);
  else if (repeatsARepetition(pattern)) {
    problems.push(`${at}: a repeated group may not itself repeat or alternate, e.g. (a+)+ or (a|b)*: such patterns can take exponential time`);
  }
}

/**
 * Whether a regular expression has a quantified group (`*`, `+`, `{…}`) holding a quantifier or
 * an alternation: the shape of catastrophic backtracking (star height above one). Conservative
 * by design — `(\.[a-z]+)*` is refused too; a schema can say the same with a simpler pattern.
 */
export function repeatsARepetition(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: holds a quantifier or `|`
  let inClass = false;
  const isRepeat = (c: string | undefined) => c === "*" || c === "+" || c === "{";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") groups.push(false);
    else if (c === ")") {
      const inner = groups.pop() ?? false;
      const repeated = isRepeat(pattern[i + 1]);
      if (inner && repeated) return true;
      if (groups.length && (inner || repeated)) groups[groups.length - 1] = true;
    } else if ((isRepeat(c) || c === "|") && groups.length) groups[groups.length - 1] = true;
  }
  return false;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

// ── validating published data ──

export type CheckData = (data: unknown) => void;

const MAX_CACHED = 500;
const compiled = new Map<string, ValidateFunction>();

/**
 * The check of one version of a type's schema: compiled on first use, then cached (a new
 * `updatedAt` is a new entry, so an edited schema applies at once). It throws a 422 naming each
 * failing field by its JSON pointer in the request body (`/data/build/number`).
 */
export function dataCheckFor(type: { id: string; name: string; updatedAt: Date; schema: unknown }): CheckData {
  const key = `${type.id}:${type.updatedAt.getTime()}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = newAjv().compile(type.schema as Record<string, unknown>);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!); // oldest first
    compiled.set(key, validate);
  }
  const check = validate;
  return (data) => {
    if (check(data)) return;
    const fieldErrors: FieldErrors = {};
    for (const error of (check.errors ?? []).slice(0, MAX_DATA_ERRORS)) {
      const { pointer, message } = describe(error);
      (fieldErrors[pointer] ??= []).push(message);
    }
    const [pointer, messages] = Object.entries(fieldErrors)[0] ?? ["/data", ["does not match"]];
    throw new AppError("UNPROCESSABLE", `The data does not match the schema of ${type.name}: ${pointer} ${messages[0]}`, { fieldErrors });
  };
}

/** Required and unknown properties are named in the pointer itself: `/data/build/id: is required`. */
function describe(error: ErrorObject): { pointer: string; message: string } {
  const base = `/data${error.instancePath}`;
  if (error.keyword === "required") return { pointer: `${base}/${escapePointer(String(error.params.missingProperty))}`, message: "is required" };
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    const name = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
    return { pointer: `${base}/${escapePointer(name)}`, message: "is not allowed by the schema" };
  }
  return { pointer: base, message: error.message ?? "is invalid" };
}
