import { z } from "zod";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { isHttpUrl } from "@/server/validation/url";

/**
 * Links an alert carries back to where it can be looked into: the alert at its source (a Datadog
 * event, a New Relic issue), a trace, the APM service page, a graph, a runbook, a dashboard. A
 * monitor's webhook brings them (its provider reads them from the payload), a script raising an
 * alert through the API sends them; they are kept on the alert and shown on its page, so nobody
 * has to dig through the raw payload for the trace that explains it.
 */
export const ALERT_LINK_KINDS = ["source", "trace", "apm", "graph", "runbook", "dashboard", "other"] as const;
export type AlertLinkKind = (typeof ALERT_LINK_KINDS)[number];
export type AlertLink = { kind: AlertLinkKind; label: string; url: string };

export const ALERT_LINK_KIND_LABELS: Record<AlertLinkKind, string> = {
  source: "Source",
  trace: "Trace",
  apm: "APM",
  graph: "Graph",
  runbook: "Runbook",
  dashboard: "Dashboard",
  other: "Link",
};

export const MAX_ALERT_LINKS = 10;
const MAX_URL = 2_048;
const MAX_LABEL = 100;

/** Links as given (a sender's, read from a payload): only http(s) URLs, each once, labels made storable; at most MAX_ALERT_LINKS. */
export function alertLinks(candidates: { kind: AlertLinkKind; label?: string | null; url: unknown }[]): AlertLink[] {
  const seen = new Set<string>();
  const links: AlertLink[] = [];
  for (const { kind, label, url } of candidates) {
    if (typeof url !== "string") continue;
    const trimmed = url.trim();
    if (trimmed.length > MAX_URL || !isHttpUrl(trimmed) || seen.has(trimmed)) continue;
    seen.add(trimmed);
    const text = jsonbSafeText(label ?? "").trim().slice(0, MAX_LABEL).toWellFormed();
    links.push({ kind, label: text || ALERT_LINK_KIND_LABELS[kind], url: trimmed });
    if (links.length === MAX_ALERT_LINKS) break;
  }
  return links;
}

/** The links stored on an alert (a JSON column), read defensively. */
export function readAlertLinks(value: unknown): AlertLink[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const link = item as Partial<AlertLink> | null;
    return link && typeof link.url === "string" && typeof link.label === "string" && (ALERT_LINK_KINDS as readonly string[]).includes(link.kind as string)
      ? [{ kind: link.kind as AlertLinkKind, label: link.label, url: link.url }]
      : [];
  });
}

/** A link as the API takes it. */
export const alertLinkInput = z.strictObject({
  url: z
    .string()
    .trim()
    .max(MAX_URL, `A link's URL is at most ${MAX_URL} characters`)
    .refine(isHttpUrl, "A link's URL must be an absolute http:// or https:// address"),
  label: z.string().trim().max(MAX_LABEL, `A link's label is at most ${MAX_LABEL} characters`).optional(),
  kind: z.enum(ALERT_LINK_KINDS, { error: `A link's kind is one of ${ALERT_LINK_KINDS.join(", ")}` }).default("other"),
});

export const alertLinkSchema = z.object({
  kind: z.enum(ALERT_LINK_KINDS).describe("What it leads to: source (the alert where it was raised), trace, apm (the service's APM page), graph, runbook, dashboard or other"),
  label: z.string(),
  url: z.string(),
});
