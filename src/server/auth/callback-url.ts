/**
 * Where to go after signing in: a same-origin path, never another site. Anything else ("//evil",
 * "/\evil", "https://evil", "javascript:") becomes "/".
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length > 2000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Browsers ignore tabs and newlines inside URLs, so "/\t/evil" would become "//evil".
  if (/[\u0000-\u001f\\]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, "http://switchboard.invalid");
    if (url.origin !== "http://switchboard.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
