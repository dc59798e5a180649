import { AppError } from "@/server/errors";

/**
 * Custom payload templates
 * ========================
 *
 * A custom template is a JSON object written as you want the body to look. Any string in it may
 * hold placeholders, `{{ path }}`, filled in from the event when each delivery is rendered:
 *
 * - A string that is exactly one placeholder is replaced by the value itself, of any JSON type:
 *   `"assignee": "{{ data.assignee }}"` gives `"assignee": null` or `"assignee": "ops@…"`, and
 *   `"comments": "{{ data.comments }}"` gives the whole list. A path that leads nowhere gives null.
 * - Placeholders inside a longer string are written as text: `"text": "{{ data.title }} is
 *   {{ data.status }}"`. Objects and lists are written as JSON, null or missing as nothing.
 *
 * Paths start with one of:
 * - `event`: `event.id` (also sent as the `webhook-id` header; use it to drop duplicates),
 *   `event.type`, `event.timestamp` (ISO 8601);
 * - `data`: the event's payload, as in the default body's `data` (see the event catalog);
 * - `hook`: `hook.uuid`, `hook.event`, `hook.target`, as in the default body's `hook`.
 * then go down with `.field` and `[index]`: `{{ data.comments[0].text }}`,
 * `{{ data.changes.status.to }}`. Placeholders go in values, not in keys; nothing in a template
 * is executed. Key order and layout are kept as written. At most 16 KB.
 *
 * Example, a Slack-style message:
 *   {"text": "{{ data.title }} ({{ data.priority }}) is now {{ data.status }}",
 *    "request": "{{ data.absolute_url }}", "event": "{{ event.type }}"}
 */
export const MAX_TEMPLATE_BYTES = 16 * 1024;

export type TemplateRoots = {
  event: { id: string; type: string; timestamp: string };
  data: unknown;
  hook: { uuid: string; event: string; target: string };
};

type Segment = string | number;
type Slot = { whole: Segment[] } | { parts: (string | Segment[])[] };
/** The template cut into literal JSON text and the string tokens that hold placeholders. */
type Compiled = (string | Slot)[];

const ROOT_FIELDS: Record<string, readonly string[] | null> = {
  event: ["id", "type", "timestamp"],
  hook: ["uuid", "event", "target"],
  data: null,
};
const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const WHOLE = /^\{\{(.*?)\}\}$/;
const PATH = /^([A-Za-z_$][\w$-]*)((?:\.[\w$-]+|\[\d+\])*)$/;

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", `template: ${message}`);
}

function parsePath(inner: string): Segment[] {
  const text = inner.trim();
  const shown = `"{{ ${text} }}"`;
  const match = PATH.exec(text);
  if (!match) refuse(`${shown} is not a path; write e.g. {{ data.title }} or {{ data.comments[0].text }}`);
  const segments: Segment[] = [match[1]];
  for (const [, key, index] of match[2].matchAll(/\.([\w$-]+)|\[(\d+)\]/g)) {
    segments.push(key ?? Number(index));
  }
  const root = segments[0] as string;
  if (!Object.hasOwn(ROOT_FIELDS, root)) refuse(`unknown placeholder ${shown}: paths start with event, data or hook`);
  const fields = ROOT_FIELDS[root];
  if (fields && segments.length > 1 && (segments.length > 2 || !fields.includes(segments[1] as string))) {
    refuse(`unknown placeholder ${shown}: ${root} has ${fields.join(", ")}`);
  }
  return segments;
}

function compileString(value: string): Slot | null {
  if (!value.includes("{{")) return null;
  const whole = WHOLE.exec(value);
  if (whole && !whole[1].includes("}}")) return { whole: parsePath(whole[1]) };
  const parts: (string | Segment[])[] = [];
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    parts.push(value.slice(last, match.index), parsePath(match[1]));
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return null;
  parts.push(value.slice(last));
  return { parts };
}

function compile(source: string): Compiled {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    refuse(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) refuse("must be a JSON object, {…}");
  const out: Compiled = [];
  let literalFrom = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '"') continue;
    let end = i + 1;
    while (source[end] !== '"') end += source[end] === "\\" ? 2 : 1;
    const token = source.slice(i, end + 1);
    let next = end + 1;
    while (/\s/.test(source[next] ?? "")) next++;
    const isKey = source[next] === ":";
    const value = JSON.parse(token) as string;
    if (isKey && value.includes("{{")) refuse(`placeholders go in values, not in keys (${token})`);
    const slot = isKey ? null : compileString(value);
    if (slot) {
      out.push(source.slice(literalFrom, i), slot);
      literalFrom = end + 1;
    }
    i = end;
  }
  out.push(source.slice(literalFrom));
  return out;
}

const cache = new Map<string, Compiled>();

function compiled(source: string): Compiled {
  let result = cache.get(source);
  if (!result) {
    result = compile(source);
    if (cache.size >= 1_000) cache.clear();
    cache.set(source, result);
  }
  return result;
}

/** The template as stored (trimmed); throws a BAD_REQUEST AppError naming the bad placeholder. */
export function validateTemplate(source: string): string {
  if (typeof source !== "string") refuse("expected JSON text");
  const trimmed = source.trim();
  const bytes = Buffer.byteLength(trimmed, "utf8");
  if (bytes > MAX_TEMPLATE_BYTES) refuse(`at most 16 KB (got ${bytes} bytes)`);
  compiled(trimmed);
  return trimmed;
}

function resolve(roots: TemplateRoots, path: Segment[]): unknown {
  let current: unknown = roots;
  for (const segment of path) {
    if (typeof segment === "number") {
      current = Array.isArray(current) ? current[segment] : undefined;
    } else if (typeof current === "object" && current !== null && !Array.isArray(current)) {
      // Own properties only: `{{ data.constructor }}` must not reach into the prototype.
      current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The body's JSON text, the template's own text with each placeholder string filled in. */
export function renderTemplate(source: string, roots: TemplateRoots): string {
  let out = "";
  for (const piece of compiled(source.trim())) {
    if (typeof piece === "string") out += piece;
    else if ("whole" in piece) out += JSON.stringify(resolve(roots, piece.whole) ?? null);
    else {
      const text = piece.parts.map((p) => (typeof p === "string" ? p : asText(resolve(roots, p)))).join("");
      out += JSON.stringify(text);
    }
  }
  return out;
}
