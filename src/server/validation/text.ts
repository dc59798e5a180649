import { AppError } from "@/server/errors";

/**
 * The one rule for text that comes in from outside (REST bodies and query strings, tRPC inputs,
 * cursors): no NUL character and no lone UTF-16 surrogate, anywhere, however deeply nested. NUL
 * is refused by PostgreSQL in `text` and `jsonb` (a 500 on insert, or a row that cannot be copied
 * or deleted later); a lone surrogate is not a character and has no UTF-8 form (it would be stored
 * as U+FFFD, or break a hash or a JSON column). Refusing both at the edge with 422 naming the field
 * keeps every operation's text storable without each one checking its own fields.
 */
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = "Text may not contain a NUL character (\\u0000) or a lone UTF-16 surrogate";

export function isUnsafeText(text: string): boolean {
  return UNSAFE.test(text);
}

export type UnsafeTextField = { field: string; message: string };

/**
 * Every place in `value` (strings, and the keys of objects) that breaks the rule, as dotted paths
 * (`data.items.0.name`; `prefix` names the whole value, e.g. "body"). Stops after `max` findings.
 */
export function findUnsafeText(value: unknown, prefix = "", max = 20): UnsafeTextField[] {
  const found: UnsafeTextField[] = [];
  const walk = (node: unknown, path: string[], depth: number) => {
    if (found.length >= max) return;
    if (typeof node === "string") {
      if (UNSAFE.test(node)) found.push({ field: path.join(".") || prefix || "_", message: UNSAFE_TEXT_MESSAGE });
      return;
    }
    if (typeof node !== "object" || node === null || depth > 64) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, String(index)], depth + 1));
      return;
    }
    // Own enumerable keys only (JSON.parse makes `__proto__` an own key; nothing is inherited).
    for (const key of Object.keys(node)) {
      if (UNSAFE.test(key)) found.push({ field: [...path, safeName(key)].join("."), message: `${UNSAFE_TEXT_MESSAGE} (in a key)` });
      else walk((node as Record<string, unknown>)[key], [...path, key], depth + 1);
      if (found.length >= max) return;
    }
  };
  walk(value, prefix ? [prefix] : [], 0);
  return found;
}

/** A field name that can itself be shown safely (the offending characters escaped). */
function safeName(key: string): string {
  return JSON.stringify(key).slice(1, -1).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Throws a 422 naming each field that breaks the rule. `prefix` names the root of `value`. */
export function assertSafeText(value: unknown, prefix = ""): void {
  const found = findUnsafeText(value, prefix);
  if (!found.length) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, message } of found) (fieldErrors[field] ??= []).push(message);
  throw new AppError("UNPROCESSABLE", `${found.map((f) => f.field).join(", ")}: ${UNSAFE_TEXT_MESSAGE}`, { fieldErrors });
}
