/** A one-line human summary of an event's payload, for the list (the full JSON is one click away). */
export function summarize(type: string, data: unknown): string {
  if (!data || typeof data !== "object") return "";
  const d = data as Record<string, unknown>;
  const request = d.request && typeof d.request === "object" ? (d.request as Record<string, unknown>) : undefined;
  if (type === "request_comment.added" && request) {
    const text = typeof d.text === "string" ? d.text.replace(/\s+/g, " ") : "";
    return `On “${String(request.title ?? "")}”: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`;
  }
  if (type === "request.updated" && d.changes && typeof d.changes === "object") {
    const fields = Object.keys(d.changes).map((f) => f.replace(/_/g, " "));
    return `“${String(d.title ?? "")}”: changed ${fields.join(", ") || "nothing"}`;
  }
  for (const key of ["title", "name", "summary", "message"]) {
    if (typeof d[key] === "string") return `“${d[key] as string}”`;
  }
  return "";
}
