import { Card } from "@/components/ui/card";
import { ALERT_LINK_KIND_LABELS, readAlertLinks } from "@/server/records/alerts/alert-links";

/** Where the alert can be looked into — its source, a trace, the APM page, a runbook — as its sender named them. */
export function AlertLinks({ links }: { links: unknown }) {
  const list = readAlertLinks(links);
  if (list.length === 0) return null;
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Links</h2>
      <ul className="mt-3 space-y-2" aria-label="Links to look into it">
        {list.map((link) => (
          <li key={link.url} className="flex min-w-0 items-baseline gap-2 text-sm">
            <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">{ALERT_LINK_KIND_LABELS[link.kind]}</span>
            <a href={link.url} target="_blank" rel="noopener noreferrer nofollow" className="min-w-0 truncate text-indigo-600 hover:text-indigo-800" title={link.url}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
