import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** "This dataspace" / "Instance-wide", for instance admins (who also see runs of no dataspace). */
export function RunsTabs({ slug, current }: { slug: string; current: "dataspace" | "instance" }) {
  const tabs = [
    { key: "dataspace", href: `/d/${slug}/runs`, label: "This dataspace" },
    { key: "instance", href: `/d/${slug}/runs/instance`, label: "Instance-wide" },
  ] as const;
  return (
    <nav aria-label="Run scope" className="mb-4 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.key === current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
