import type { inferRouterOutputs } from "@trpc/server";
import { Badge, type Tone } from "@/components/ui/badge";
import type { AppRouter } from "@/server/api/root";
import type { ApiLevel, ApiResource } from "@/server/api-tokens/scopes";

export type ApiToken = inferRouterOutputs<AppRouter>["apiToken"]["list"][number];

const STATUS_TONES: Record<ApiToken["status"], Tone> = { active: "emerald", expired: "slate", revoked: "red" };
const STATUS_LABELS: Record<ApiToken["status"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

export function TokenStatusBadge({ status }: { status: ApiToken["status"] }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export const RESOURCE_LABELS: Record<ApiResource, string> = {
  requests: "Requests",
  events: "Events",
  webhooks: "Webhooks",
  integrations: "Integrations",
  members: "Members",
  services: "Services",
  incidents: "Incidents",
  maintenances: "Maintenance",
  alerts: "Alerts",
  deployments: "Deployments",
  notifications: "Notifications",
  metrics: "Metrics",
};

export const LEVEL_LABELS: Record<ApiLevel, string> = { read: "Read", write: "Write", admin: "Admin" };

/** A token's scopes as compact badges: `read` reads "All: read", `requests:write` "Requests: write". */
export function ScopeList({ scopes }: { scopes: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((scope) => {
        const [first, second] = scope.split(":");
        const text = second ? `${RESOURCE_LABELS[first as ApiResource] ?? first}: ${second}` : `All: ${first}`;
        return (
          <li key={scope}>
            <Badge tone={second ? "sky" : "indigo"}>{text}</Badge>
          </li>
        );
      })}
    </ul>
  );
}
