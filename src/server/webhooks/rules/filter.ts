import { Environment, type ASTNode, type ParseResult } from "@marcbachmann/cel-js";
import { AppError } from "@/server/errors";

/**
 * Webhook filters
 * ===============
 *
 * A filter is an optional condition on each event; the webhook receives only the events for which
 * it is true. It is written in CEL, the Common Expression Language (https://cel.dev), the small,
 * side-effect-free language that Kubernetes, Envoy and Inngest also use. No code runs: CEL has no
 * loops, no I/O and no way to reach anything but the two variables below.
 *
 * Variables
 * - `event`: `event.id` (string, the same id as the `webhook-id` header), `event.type` (e.g.
 *   `"request.updated"`) and `event.timestamp` (ISO 8601 string; `timestamp(event.timestamp)`
 *   makes it comparable).
 * - `data`: the event's payload, as in the body's `data` (see the event catalog). For requests:
 *   `data.title`, `data.status` (`draft`, `open`, `in_progress`, `blocked`, `closed`),
 *   `data.priority` (the label: `Low`, `Normal`, `High`, `Urgent`), `data.assignee` (email or
 *   null), `data.serialized_data`, `data.comments`, …; `request.updated` adds `data.changes`,
 *   `{field: {from, to}}` for each field that changed.
 *
 * Examples
 * - `data.priority == "High"`: high-priority requests only.
 * - `data.status in ["open", "in_progress"]`: requests that are still being worked on.
 * - `data.title.contains("outage")`: titles that mention an outage (case-sensitive;
 *   `data.title.lowerAscii().contains("outage")` ignores case).
 * - `event.type == "request.updated" && "status" in data.changes`: status changes only.
 * - `data.assignee != null && data.assignee.endsWith("@example.com")`: assigned to your team.
 *
 * Operators: `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&`, `||`, `!`, `? :`, `in` (list or map keys),
 * `+ - * / %`. Functions: `size()`, `has()`, `contains()`, `startsWith()`, `endsWith()`,
 * `lowerAscii()`, `upperAscii()`, `int()`, `string()`, `timestamp()`, and on lists `all`, `exists`,
 * `exists_one`, `map`, `filter` (nested at most two deep). `matches()` is not available: regular
 * expressions can take exponential time on crafted input.
 *
 * Rules: at most 2 000 characters; syntax and type errors are reported when the webhook is saved.
 * When an event does not fit the filter — a field it names is missing, a value has another type,
 * or the result is not `true` — the event is not sent: a filter never makes a delivery fail.
 */
export const MAX_FILTER_LENGTH = 2_000;
const MAX_MACRO_NESTING = 2;
const MACROS = new Set(["all", "exists", "exists_one", "map", "filter"]);

export type FilterVariables = {
  event: { id: string; type: string; timestamp: string };
  data: unknown;
};

// Building an environment is the costly part of cel-js: once per process.
const env = new Environment({ limits: { maxDepth: 32 } })
  .registerVariable("event", "map")
  .registerVariable("data", "map");

type Compiled = ParseResult | { error: string };
const cache = new Map<string, Compiled>();

/**
 * What an expression must yield: a condition (filters), a number (a metric mapping's value) or a
 * text (its tags). `dyn` — a field of the payload, whose type is known only per event — passes.
 */
export type ExpressionResult = "bool" | "number" | "string";
const ACCEPTED: Record<ExpressionResult, { types: string[]; wanted: string }> = {
  bool: { types: ["bool", "dyn"], wanted: "a condition (true or false)" },
  number: { types: ["int", "uint", "double", "dyn"], wanted: "a number" },
  string: { types: ["string", "int", "uint", "double", "bool", "dyn"], wanted: "a text" },
};

function locate(error: unknown): string {
  const e = error as { summary?: string; message?: string; range?: { start: number } };
  const summary = e.summary ?? e.message?.split("\n")[0] ?? String(error);
  return e.range ? `${summary} (at character ${e.range.start + 1})` : summary;
}

/** Refuses what parses but is not welcome: `matches()` and deeply nested list macros. */
function policyError(node: ASTNode, depth: number): string | null {
  let name: string | null = null;
  if (node.op === "call") name = node.args[0];
  else if (node.op === "rcall") name = node.args[0];
  if (name === "matches") return "matches() is not available in filters; use contains, startsWith or endsWith";
  const nested = name !== null && node.op === "rcall" && MACROS.has(name) ? depth + 1 : depth;
  if (nested > MAX_MACRO_NESTING) return `${name}() may be nested at most ${MAX_MACRO_NESTING} deep`;
  for (const child of children(node)) {
    const found = policyError(child, nested);
    if (found) return found;
  }
  return null;
}

function children(node: ASTNode): ASTNode[] {
  const out: ASTNode[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object" && "op" in value) out.push(value as ASTNode);
  };
  if (node.op !== "value" && node.op !== "id") visit(node.args);
  return out;
}

function compile(expression: string, result: ExpressionResult = "bool"): Compiled {
  const key = `${result}\u0000${expression}`;
  let compiled = cache.get(key);
  if (compiled) return compiled;
  try {
    const parsed = env.parse(expression);
    const checked = parsed.check();
    const policy = policyError(parsed.ast, 0);
    if (!checked.valid) compiled = { error: locate(checked.error) };
    else if (policy) compiled = { error: policy };
    else if (!ACCEPTED[result].types.includes(checked.type ?? "dyn")) {
      compiled = { error: `must be ${ACCEPTED[result].wanted}, but its result is of type ${checked.type}` };
    } else compiled = parsed;
  } catch (error) {
    compiled = { error: locate(error) };
  }
  if (cache.size >= 5_000) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** The filter as stored: trimmed, "" for none. Throws a BAD_REQUEST AppError "filter: …". */
export function validateFilter(expression: string): string {
  if (typeof expression !== "string") throw new AppError("BAD_REQUEST", "filter: expected text");
  const trimmed = expression.trim();
  if (trimmed === "") return "";
  if (trimmed.length > MAX_FILTER_LENGTH) {
    throw new AppError("BAD_REQUEST", `filter: at most ${MAX_FILTER_LENGTH} characters (got ${trimmed.length})`);
  }
  const compiled = compile(trimmed);
  if ("error" in compiled) throw new AppError("BAD_REQUEST", `filter: ${compiled.error}`);
  return trimmed;
}

/** Whether an event passes the filter. No filter passes everything; this never throws. */
export function filterMatches(expression: string | null, variables: FilterVariables): boolean {
  if (expression === null) return true;
  const trimmed = expression.trim();
  if (trimmed === "") return true;
  const compiled = compile(trimmed);
  if ("error" in compiled) return false;
  try {
    return compiled(variables) === true;
  } catch {
    return false;
  }
}

/**
 * An expression over an event that yields a value (a metric mapping's value and tags), checked
 * as filters are: trimmed; throws a BAD_REQUEST AppError "<field>: …" for an empty, too long,
 * malformed or mistyped one.
 */
export function validateExpression(field: string, expression: string, result: ExpressionResult): string {
  if (typeof expression !== "string") throw new AppError("BAD_REQUEST", `${field}: expected text`);
  const trimmed = expression.trim();
  if (trimmed === "") throw new AppError("BAD_REQUEST", `${field}: an expression is required`);
  if (trimmed.length > MAX_FILTER_LENGTH) throw new AppError("BAD_REQUEST", `${field}: at most ${MAX_FILTER_LENGTH} characters (got ${trimmed.length})`);
  const compiled = compile(trimmed, result);
  if ("error" in compiled) throw new AppError("BAD_REQUEST", `${field}: ${compiled.error}`);
  return trimmed;
}

/** An expression's value for one event, or undefined when it does not apply (a missing field, a type error); never throws. */
export function evaluateExpression(expression: string, result: ExpressionResult, variables: FilterVariables): unknown {
  const compiled = compile(expression.trim(), result);
  if ("error" in compiled) return undefined;
  try {
    return compiled(variables);
  } catch {
    return undefined;
  }
}
