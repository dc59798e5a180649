/**
 * Small readers for payloads that passed validation but are still `unknown` to TypeScript: the
 * mappers only pick a few fields and must not throw on a field a provider left out.
 */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `path` (`"pull_request.user.login"`, `"updates.0.id"`), or undefined if any step is missing. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

export function str(value: unknown, path: string): string | undefined {
  const found = at(value, path);
  if (typeof found === "string") return found;
  if (typeof found === "number") return String(found);
  return undefined;
}

export function num(value: unknown, path: string): number | undefined {
  const found = at(value, path);
  return typeof found === "number" && Number.isFinite(found) ? found : undefined;
}

/** The first of `paths` that holds a string. */
export function firstStr(value: unknown, ...paths: string[]): string | undefined {
  for (const path of paths) {
    const found = str(value, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `summary` without its undefined entries, so stored summaries stay small and JSON-clean. */
export function compact(summary: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined));
}

/** Free text (a message, an update) cut to `max` characters for a summary; the payload keeps it whole. */
export function clip(text: string | undefined, max = 280): string | undefined {
  return text && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
