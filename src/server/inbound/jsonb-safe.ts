/**
 * The one rule for text that inbound senders control on its way into PostgreSQL: `jsonb` (and
 * `text`) cannot hold U+0000, and `jsonb` refuses a lone UTF-16 surrogate (`"\ud800"`), both
 * valid in JSON. Such a character becomes U+FFFD (the replacement character) — in strings and in
 * keys — so what a sender wrote is kept as closely as PostgreSQL allows and nothing it sends can
 * make a statement fail (22P05). The raw body stays as received in `WebhookEvent.body` (text,
 * where the JSON escape `\u0000` is six harmless characters); every copy of it, or of anything
 * read from it (summaries, form payloads, headers, error messages), into `jsonb` goes through here.
 */
export function jsonbSafeText(value: string): string {
  const wellFormed = value.isWellFormed() ? value : value.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\ufffd") : wellFormed;
}

/** A JSON value with every string and key made safe (see jsonbSafeText); non-finite numbers become null, as JSON has them. */
export function jsonbSafe<T>(value: T): T {
  return clean(value) as T;
}

/**
 * `JSON.stringify(jsonbSafe(value))`, without copying the value when nothing in it needs
 * cleaning — the common case, and the hot path of inbound processing (payloads of hundreds of
 * alerts per statement). JSON.stringify escapes every NUL and lone surrogate (`\u0000`,
 * `\ud800`), so a text without such an escape needs nothing; one with it (or with a sender's
 * literal backslash-u text, a harmless false alarm) is cleaned value by value.
 */
export function jsonbSafeJson(value: unknown): string {
  const text = JSON.stringify(value);
  return UNSAFE_ESCAPE.test(text) ? JSON.stringify(clean(value)) : text;
}

const UNSAFE_ESCAPE = /\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

function clean(value: unknown): unknown {
  if (typeof value === "string") return jsonbSafeText(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(clean);
  if (value === null || typeof value !== "object") return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return clean((value as { toJSON: () => unknown }).toJSON());
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [jsonbSafeText(key), clean(item)]));
}

/** Whether the text holds a character jsonbSafeText would replace. */
export function needsJsonbCleaning(value: string): boolean {
  return !value.isWellFormed() || value.includes("\u0000");
}

/**
 * A PostgreSQL regular expression matching every JSON text whose `jsonb` cast could fail on the
 * characters above: a `\u0000` escape or any surrogate escape (`\ud800`–`\udfff`, paired ones
 * included — it is a cheap, conservative filter; the rows it matches are cleaned by jsonbSafe).
 */
export const JSONB_UNSAFE_ESCAPE_PATTERN = "\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})";
