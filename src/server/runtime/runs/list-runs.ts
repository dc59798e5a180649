import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { badRequest } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import { embeddedRuntime, resolveRunScope, type External, type RunsActor } from "./run-scope";
import { functionLabel, runOutcome, type RunOutcome } from "./run-outcome";
import { pendingWorkSelect, shownStatus, shownStatusWhere } from "./run-status";
import type { listRunsInput, RunStatus } from "./runs.schema";

export type RunSummary = {
  id: string;
  functionId: string;
  functionName: string;
  status: RunStatus;
  eventName: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** null while the run goes on. */
  durationMs: number | null;
  outcome: RunOutcome;
};

export type RunList = { external: false; functions: { id: string; name: string }[] } & Page<RunSummary>;

/** What a run is loaded with wherever it is summarized. */
export const runSummarySelect = {
  ...pendingWorkSelect,
  id: true,
  functionId: true,
  event: true,
  createdAt: true,
  startedAt: true,
  endedAt: true,
  output: true,
  error: true,
  function: { select: { name: true } },
} satisfies Prisma.RuntimeRunSelect;

type SummaryRow = Prisma.RuntimeRunGetPayload<{ select: typeof runSummarySelect }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [ms, id] = decodeCursor(cursor, "runs:-createdAt", 2);
  const createdAt = new Date(Number(ms));
  if (!/^\d{1,15}$/.test(ms) || Number.isNaN(createdAt.getTime()) || !UUID.test(id)) throw badRequest("Invalid cursor");
  return { createdAt, id };
}

/**
 * Runs of the caller's scope, newest first, keyset-paginated on (createdAt, id), optionally of
 * one function and in one shown status. Also lists the app's functions, for the filter.
 */
export async function listRuns(actor: RunsActor, input: z.output<typeof listRunsInput>): Promise<RunList | External> {
  const scope = await resolveRunScope(actor);
  if (!embeddedRuntime()) return { external: true };
  const filters: Prisma.RuntimeRunWhereInput[] = [scope.where];
  if (input.functionId) filters.push({ functionId: input.functionId });
  if (input.status) filters.push(shownStatusWhere(input.status));
  if (input.cursor) {
    const after = parseCursor(input.cursor);
    // `lte` gives the index a range to scan; the OR breaks ties on id.
    filters.push({ createdAt: { lte: after.createdAt } }, { OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] });
  }
  const [rows, functions] = await Promise.all([
    scope.client.runtimeRun.findMany({
      where: { AND: filters },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: runSummarySelect,
    }),
    scope.client.runtimeFunction.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }).then((rows) => rows.map((f) => ({ id: f.id, name: functionLabel(f.id, f.name) }))),
  ]);
  const items = rows.slice(0, input.limit).map(toSummary);
  const last = items.at(-1);
  return {
    external: false,
    functions,
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor("runs:-createdAt", [last.createdAt.getTime(), last.id]) : null,
  };
}

export function toSummary(row: SummaryRow): RunSummary {
  const status = shownStatus(row);
  return {
    id: row.id,
    functionId: row.functionId,
    functionName: functionLabel(row.functionId, row.function?.name),
    status,
    eventName: String((row.event as { name?: unknown } | null)?.name ?? ""),
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationMs: row.startedAt && row.endedAt ? row.endedAt.getTime() - row.startedAt.getTime() : null,
    outcome: runOutcome({ functionId: row.functionId, status, output: row.output, error: row.error }),
  };
}
