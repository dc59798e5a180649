import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import draft06MetaSchema from "ajv/dist/refs/json-schema-draft-06.json";
import { addContractFormats } from "../../shared/fake/contract-gate";

/**
 * The official Adaptive Card 1.5 schema (adaptive-card-1.5.schema.json, vendored unmodified; see
 * SOURCE.md), compiled with ajv in strict mode. The file is draft-06 as Microsoft publishes it,
 * which ajv 8 does not take as is; each adaptation below is the least that makes it compile and
 * none of them loosens a rule (card-schema.test.ts proves the validator still refuses):
 * - the root's `id` is draft-04 spelling, which ajv 8 refuses outright: renamed `$id`;
 * - `version`, `features` and `example` are Microsoft's annotations (the card version a property
 *   came in, feature ids, one example): declared as annotation keywords, as `description` is,
 *   since strict mode refuses unknown keywords;
 * - `uri-reference` is a format ajv knows none of by itself: checked here (a URI or a relative
 *   reference, no spaces or control characters); `uri` is the shared contract format.
 */
export const ADAPTIVE_CARD_SCHEMA_FILE = path.join(import.meta.dirname, "adaptive-card-1.5.schema.json");
const ANNOTATIONS = ["version", "features", "example"];

export function loadAdaptiveCardSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
}

function compileAdaptiveCardSchema(): ValidateFunction {
  const { id, ...rest } = loadAdaptiveCardSchema();
  const schema = { $id: id, ...rest } as Record<string, unknown>;
  // Two of strict mode's style checks are off, both for valid draft-06 the file uses throughout:
  // strictTypes (the enum-or-pattern unions such as `Colors` leave `type` implied) and
  // strictRequired (each `ImplementationsOf.*` branch requires `type` beside an `allOf` whose
  // `$ref` defines it). Unknown keywords and formats stay errors.
  const ajv = addContractFormats(new Ajv({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, verbose: true }));
  ajv.addMetaSchema(draft06MetaSchema); // the file's `$schema` names it, so the file is checked against it as it compiles
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword });
  ajv.addFormat("uri-reference", (value: string) => !/[\s\u0000-\u001f\u007f]/.test(value) && URL.canParse(value, "http://relative.invalid/"));
  return ajv.compile(schema);
}

let compiled: { validate: ValidateFunction; typed: Set<string> } | null = null;

/** Why `card` is not a valid Adaptive Card 1.5 by the official schema: [] when it is. */
export function adaptiveCardErrors(card: unknown): string[] {
  compiled ??= { validate: compileAdaptiveCardSchema(), typed: typedDefinitions() };
  if (compiled.validate(card)) return [];
  return describeErrors(card, compiled.validate.errors ?? [], compiled.typed);
}

/** The definitions an element's `type` names (`TextBlock`, `Action.OpenUrl`, …). */
function typedDefinitions(): Set<string> {
  const definitions = loadAdaptiveCardSchema().definitions as Record<string, { properties?: { type?: { enum?: unknown[] } } }>;
  return new Set(Object.keys(definitions).filter((name) => definitions[name].properties?.type?.enum?.[0] === name));
}

/**
 * The schema lists elements as `anyOf` every element type, so one bad element yields an error per
 * type it is not. Only the errors of the definition its `type` names say what is wrong; an
 * element of a type no branch has gets one line naming the types allowed there. At most 10.
 */
function describeErrors(card: unknown, errors: ErrorObject[], typed: Set<string>): string[] {
  const lines: string[] = [];
  const allowedTypes = new Map<string, string[]>();
  const fromBases: string[] = [];
  for (const e of errors) {
    if (e.keyword === "anyOf") continue;
    const definition = definitionOf(e);
    const ownerPath = typeof valueAt(card, e.instancePath) === "object" ? e.instancePath : e.instancePath.replace(/\/[^/]*$/, "");
    const ownerType = (valueAt(card, ownerPath) as { type?: unknown } | undefined)?.type;
    if (definition && typed.has(definition) && typeof ownerType === "string") {
      if (!typed.has(ownerType)) {
        allowedTypes.set(ownerPath, [...(allowedTypes.get(ownerPath) ?? []), definition]);
        continue;
      }
      if (definition !== ownerType) continue;
    }
    const extra = e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : "";
    const line = `${e.instancePath || "card"} ${e.message ?? "is invalid"}${extra}`;
    // From a base every branch shares (`Extendable.Input` requires `id`): shown only when its own branch said nothing.
    if (!definition && typeof ownerType === "string" && ownerPath === e.instancePath && (e.keyword === "required" || e.keyword === "additionalProperties")) fromBases.push(line);
    else lines.push(line);
  }
  for (const [at, types] of allowedTypes) {
    const type = String((valueAt(card, at) as { type: unknown }).type);
    lines.unshift(`${at}/type "${type}" is not an Adaptive Card 1.5 type allowed here (${[...new Set(types)].join(", ")})`);
  }
  if (lines.length === 0) lines.push(...fromBases);
  if (lines.length === 0) lines.push("card does not match the Adaptive Card 1.5 schema");
  return [...new Set(lines)].slice(0, 10);
}

/**
 * The element definition an error comes from, when it is about the element as a whole (a missing
 * or extra property, or its `type`); `verbose` gives the schema each error came from.
 */
function definitionOf(e: ErrorObject): string | undefined {
  if (e.keyword === "required" || e.keyword === "additionalProperties") {
    const type = (e.parentSchema as { properties?: { type?: { enum?: unknown[] } } } | undefined)?.properties?.type?.enum?.[0];
    return typeof type === "string" ? type : undefined;
  }
  if (e.keyword === "enum" && e.instancePath.endsWith("/type") && Array.isArray(e.schema) && typeof e.schema[0] === "string") return e.schema[0];
  return undefined;
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of pointer.split("/").slice(1)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[segment.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return value;
}
