import type { RunStatus } from "./runs.schema";

/**
 * What a run came to, in words, beyond its status. Functions that work through a group of items
 * (webhook deliveries, inbound events) complete even when some items fail — each item's state is
 * in its own row and is retried there — and return their counts; a run whose deliveries failed
 * must not read as a plain "Completed". Tone: `warning` when some items failed or wait for a retry.
 */
export type RunOutcome = { tone: "success" | "warning" | "failure" | "neutral"; text: string };

type Counted = { one: string; many: string; done: string };

// The group functions of inngest/functions/, by id (after the app's `<app id>-`), and what they count.
const COUNTED: Record<string, Counted> = {
  "deliver-webhooks": { one: "delivery", many: "deliveries", done: "succeeded" },
  "process-inbound-events": { one: "inbound event", many: "inbound events", done: "processed" },
};
const ANY_ITEM: Counted = { one: "item", many: "items", done: "succeeded" };

const LATER: Record<string, string> = { retrying: "will be retried", held: "held", deferred: "deferred", skipped: "skipped" };

/** An output made only of non-negative integer counts, with a `failed` count: a group's tally. */
function tally(output: unknown): Record<string, number> | null {
  if (!output || typeof output !== "object" || Array.isArray(output)) return null;
  const entries = Object.entries(output);
  if (!entries.some(([key]) => key === "failed")) return null;
  if (!entries.every(([, value]) => Number.isSafeInteger(value) && (value as number) >= 0)) return null;
  return Object.fromEntries(entries) as Record<string, number>;
}

function errorMessage(error: unknown): string | null {
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  return typeof error === "string" ? error : null;
}

/** "switchboard-deliver-webhooks" → "Deliver webhooks", for runs whose function the app no longer serves. */
export function functionLabel(functionId: string, name: string | null | undefined): string {
  if (name && name !== functionId) return name;
  const bare = functionId.replace(/^switchboard-/, "").replace(/[-_]+/g, " ").trim();
  return bare ? bare[0].toUpperCase() + bare.slice(1) : functionId;
}

export function runOutcome(run: { functionId: string; status: RunStatus; output: unknown; error: unknown }): RunOutcome {
  if (run.status === "FAILED") {
    const message = errorMessage(run.error);
    return { tone: "failure", text: message ? `Failed — ${message}` : "Failed" };
  }
  if (run.status === "CANCELLED") return { tone: "neutral", text: "Cancelled" };
  if (run.status !== "COMPLETED") return { tone: "neutral", text: "" };
  const counts = tally(run.output);
  if (!counts) return { tone: "success", text: "Completed" };
  const noun = Object.entries(COUNTED).find(([id]) => run.functionId === id || run.functionId.endsWith(`-${id}`))?.[1] ?? ANY_ITEM;
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const of = (n: number) => `${n} of ${total} ${total === 1 ? noun.one : noun.many}`;
  const later = Object.entries(LATER).flatMap(([key, words]) => (counts[key] ? [`${counts[key]} ${words}`] : []));
  if (counts.failed > 0) return { tone: "warning", text: [`Completed — ${of(counts.failed)} failed`, ...later].join(", ") };
  if (counts.retrying > 0) return { tone: "warning", text: [`Completed — ${of(counts.retrying)} will be retried`, ...later.slice(1)].join(", ") };
  const done = counts.succeeded ?? counts.processed ?? total;
  return { tone: "success", text: [`Completed — ${of(done)} ${noun.done}`, ...later].join(", ") };
}
