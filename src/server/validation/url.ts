/** Whether `value` is an absolute http(s) URL: the only kind a record links to (no `javascript:`, no `file:`). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
