"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { Icon, type IconName } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useDataspace } from "./dataspace-context";

export function DataspaceNav() {
  const { slug, isAdmin } = useDataspace();
  const pathname = usePathname();
  const items: { href: string; label: string; icon: IconName; show: boolean }[] = [
    { href: `/d/${slug}/overview`, label: "Overview", icon: "chart", show: true },
    { href: `/d/${slug}/requests`, label: "Requests", icon: "inbox", show: true },
    { href: `/d/${slug}/incidents`, label: "Incidents", icon: "fire", show: true },
    { href: `/d/${slug}/alerts`, label: "Alerts", icon: "bell", show: true },
    { href: `/d/${slug}/maintenance`, label: "Maintenance", icon: "wrench", show: true },
    { href: `/d/${slug}/services`, label: "Services", icon: "server", show: true },
    { href: `/d/${slug}/deployments`, label: "Deployments", icon: "rocket", show: true },
    { href: `/d/${slug}/events`, label: "Events", icon: "bolt", show: isAdmin },
    { href: `/d/${slug}/runs`, label: "Runs", icon: "squares", show: isAdmin },
    { href: `/d/${slug}/notifications`, label: "Notifications", icon: "chat", show: true },
    { href: `/d/${slug}/webhooks`, label: "Webhooks", icon: "link", show: isAdmin },
    { href: `/d/${slug}/integrations`, label: "Integrations", icon: "puzzle", show: isAdmin },
    { href: `/d/${slug}/api-tokens`, label: "API tokens", icon: "key", show: isAdmin },
    { href: `/d/${slug}/members`, label: "Members", icon: "users", show: true },
    { href: `/d/${slug}/api`, label: "REST API", icon: "key", show: true },
    { href: `/d/${slug}/graphql`, label: "GraphQL", icon: "key", show: true },
    { href: `/d/${slug}/settings`, label: "Settings", icon: "settings", show: true },
  ];
  return (
    <nav aria-label="Dataspace">
      <ul className="space-y-0.5">
        {items
          .filter((item) => item.show)
          .map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "group flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium",
                    active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                  )}
                >
                  <Icon name={item.icon} className={cn("size-5", active ? "text-indigo-600" : "text-slate-400 group-hover:text-slate-600")} />
                  {item.label}
                  <PendingHint />
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}

/** No loading.tsx sits above these pages (see the dashboard layout), so the link shows the wait. */
function PendingHint() {
  const { pending } = useLinkStatus();
  return pending ? <Spinner className="ml-auto size-3.5 text-slate-400" /> : null;
}
