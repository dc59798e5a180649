import { MAX_ALERT_LINKS, type AlertLinkKind } from "@/server/records/alerts/alert-links";
import { at } from "./read";

/** Helpers for monitors' alert signals (Datadog, New Relic): their text, cut to what an alert keeps, and their links. */

export const MAX_ALERT_TITLE = 300;
export const MAX_ALERT_DESCRIPTION = 20_000;
export const MAX_FINGERPRINT = 255;

/** Text cut to `max` characters (an ellipsis marks the cut), trimmed. */
export function cut(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/**
 * A template variable the sender did not fill in: Datadog leaves `$VARIABLE` as written when it
 * has no value for it, and sends "" for some; both mean "not given".
 */
export function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || /^\$[A-Z_]+$/.test(trimmed)) return undefined;
  return trimmed;
}

/** Fields a monitor's payload template may add for links (snake_case as Datadog's, camelCase as New Relic's): strings, or lists of them. */
const LINK_FIELDS: [string[], AlertLinkKind, string][] = [
  [["trace_url", "traceUrl"], "trace", "Trace"],
  [["apm_url", "apmUrl"], "apm", "APM service"],
  [["runbook_url", "runbookUrl"], "runbook", "Runbook"],
  [["dashboard_url", "dashboardUrl"], "dashboard", "Dashboard"],
];

/** The links a payload names in the fields a template may add (LINK_FIELDS). */
export function templateLinks(payload: unknown): { kind: AlertLinkKind; label: string; url: unknown }[] {
  return LINK_FIELDS.flatMap(([paths, kind, label]) =>
    paths.flatMap((path) => {
      const value = at(payload, path);
      return (Array.isArray(value) ? value : [value]).slice(0, MAX_ALERT_LINKS).map((url) => ({ kind, label, url }));
    }),
  );
}

// Datadog's APM pages: a trace (/apm/trace/<id>) and a service or entity page.
const DATADOG_TRACE = /^https:\/\/[a-z0-9.-]*datadoghq\.(?:com|eu)\/apm\/trace\//i;
const DATADOG_APM = /^https:\/\/[a-z0-9.-]*datadoghq\.(?:com|eu)\/apm\/(?:services?|entity)\//i;

/** Trace and APM links in a monitor's message (Markdown), which is where Datadog's own templates put them. */
export function apmLinksInText(text: string): { kind: AlertLinkKind; label: string; url: string }[] {
  const urls = text.match(/https:\/\/[^\s)\]>"'<]+/g) ?? [];
  return urls.flatMap((url): { kind: AlertLinkKind; label: string; url: string }[] => {
    if (DATADOG_TRACE.test(url)) return [{ kind: "trace", label: "Trace", url }];
    return DATADOG_APM.test(url) ? [{ kind: "apm", label: "APM service", url }] : [];
  });
}
