import published from "@octokit/webhooks-schemas/schema.json" with { type: "json" };
import type { PayloadCheck } from "../provider";
import { definitionsValidator } from "../shared/json-schema";
import { missingEventType, requireObject } from "../shared/payload-check";

/**
 * GitHub payloads against the published schemas of `@octokit/webhooks-schemas`
 * ==========================================================================
 *
 * The package has one definition per event and action, `<event>$<action>` (`pull_request$opened`)
 * or `<event>$event` for events without actions (`push$event`). Its schemas are stricter than
 * what GitHub sends: run as published, they refuse 51 of the 329 real payloads in
 * `@octokit/webhooks-examples` (fields GitHub added since, fields older or GHES payloads lack,
 * nulls typed as strings). Refusing a real delivery loses an event; accepting a payload with an
 * unexpected nested field costs nothing, since mapping reads a few fields defensively. So each
 * definition is relaxed, once, as follows:
 *
 * - kept: the structure — `type` of every known property at every depth (objects stay objects,
 *   numbers numbers), `properties`, `items`, `allOf`, and at the event's top level its required
 *   properties: `pull_request.opened` without `pull_request` is refused, naming `/pull_request`;
 * - not required at the top level: properties that may be null anyway (absent ≈ null) and
 *   `installation`, which GitHub includes only for GitHub Apps;
 * - relaxed below the top level: no `required`, `additionalProperties`, `enum` or `const` (GitHub
 *   adds fields and values first), every type also accepts null, `oneOf` becomes `anyOf` (without
 *   `required` the branches overlap), and a property typed only `null` accepts anything (the
 *   schema knew nothing of it);
 * - not checked: `format` (`uri`, `date-time`, `uri-template`): GitHub's URLs are URL templates
 *   more often than not, and nothing downstream parses them.
 *
 * Event types the package does not know (GitHub ships new events and actions before the package
 * does) are accepted when the payload is a JSON object; `github.test.ts` shows every published
 * example passes and that breaking the structure fails with the path.
 */
type Schema = Record<string, unknown>;
const definitions = (published as unknown as { definitions: Record<string, Schema> }).definitions;

function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === "string" && hops < 20; hops++) {
    current = definitions[current.$ref.replace("#/definitions/", "")];
  }
  return current;
}

function acceptsNull(schema: Schema | undefined): boolean {
  const resolved = resolve(schema);
  if (!resolved) return true;
  const { type } = resolved;
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  return [...((resolved.oneOf as Schema[]) ?? []), ...((resolved.anyOf as Schema[]) ?? [])].some(acceptsNull);
}

function relax(schema: Schema, topLevel: boolean): Schema {
  const out: Schema = {};
  if (typeof schema.$ref === "string") out.$ref = schema.$ref;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (topLevel) out.type = schema.type;
    else if (!(types.length === 1 && types[0] === "null")) out.type = [...new Set([...types, "null"])];
  }
  if (isSchema(schema.properties)) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, relax(value as Schema, false)]));
  }
  if (isSchema(schema.items)) out.items = relax(schema.items, false);
  if (isSchema(schema.additionalProperties)) out.additionalProperties = relax(schema.additionalProperties, false);
  if (Array.isArray(schema.allOf)) out.allOf = (schema.allOf as Schema[]).map((part) => relax(part, false));
  const branches = [...((schema.oneOf as Schema[]) ?? []), ...((schema.anyOf as Schema[]) ?? [])];
  if (branches.length > 0) out.anyOf = branches.map((part) => relax(part, false));
  if (topLevel && Array.isArray(schema.required)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    out.required = (schema.required as string[]).filter((name) => name !== "installation" && !acceptsNull(properties[name]));
  }
  return out;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const validator = definitionsValidator(() => ({
  definitions: Object.fromEntries(Object.entries(definitions).map(([name, schema]) => [name, relax(schema, name.includes("$"))])),
}));

/** The schema definition for a GitHub event type (`pull_request.opened`, `push`), or null if the package has none. */
export function definitionFor(eventType: string): string | null {
  const dot = eventType.indexOf(".");
  const event = dot === -1 ? eventType : eventType.slice(0, dot);
  const action = dot === -1 ? null : eventType.slice(dot + 1);
  if (action && validator.has(`${event}$${action}`)) return `${event}$${action}`;
  // Events without actions; also where a payload carries an action the schema does not split by.
  if (validator.has(`${event}$event`)) return `${event}$event`;
  return null;
}

export function validateGithubPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the X-GitHub-Event header");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  const definition = definitionFor(eventType);
  return definition ? validator.validate(definition, payload) : { ok: true };
}
