import { Badge, type Tone } from "@/components/ui/badge";
import type { RunOutcome } from "@/server/runtime/runs/run-outcome";
import type { RunStatus } from "@/server/runtime/runs/runs.schema";

// Mirrors RUN_STATUSES in src/server/runtime/runs/runs.schema.ts (a type-only import there keeps
// the server's zod schemas out of client bundles).
export const RUN_STATUSES: RunStatus[] = ["QUEUED", "RUNNING", "SLEEPING", "WAITING", "COMPLETED", "FAILED", "CANCELLED"];

/** The list's page size, shared by the pages' prefetch and the client's query (same query key). */
export const RUNS_PAGE_SIZE = 50;

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  SLEEPING: "Sleeping",
  WAITING: "Waiting",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const TONES: Record<RunStatus, Tone> = {
  QUEUED: "slate",
  RUNNING: "indigo",
  SLEEPING: "sky",
  WAITING: "amber",
  COMPLETED: "emerald",
  FAILED: "red",
  CANCELLED: "slate",
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={TONES[status]}>{RUN_STATUS_LABELS[status]}</Badge>;
}

const OUTCOME_CLASSES: Record<RunOutcome["tone"], string> = {
  success: "text-slate-600",
  neutral: "text-slate-500",
  warning: "text-amber-700",
  failure: "text-red-700",
};

/** What the run came to ("Completed — 3 of 5 deliveries failed"), as the domain words it. */
export function RunOutcomeText({ outcome, className }: { outcome: RunOutcome; className?: string }) {
  if (!outcome.text) return null;
  return <span className={`${OUTCOME_CLASSES[outcome.tone]} ${className ?? ""}`}>{outcome.text}</span>;
}

export const isActiveRun = (status: RunStatus) => status === "QUEUED" || status === "RUNNING" || status === "SLEEPING" || status === "WAITING";

/** "850 ms", "1.2 s", "3 min 4 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.floor((ms % 60_000) / 1_000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre aria-label={label} className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">
      {JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), 2) ?? "null"}
    </pre>
  );
}
