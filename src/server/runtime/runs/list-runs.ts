import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { badRequest } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import { embeddedRuntime, resolveRunScope, runScopeCondition, type External, type RunsActor } from "./run-scope";
import { RUN_STATUS_SQL, storedStatus } from "./run-status";
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
};

export type RunList = { external: false; functions: { id: string; name: string }[] } & Page<RunSummary>;

type Row = {
  id: string;
  function_id: string;
  function_name: string | null;
  status: RunStatus;
  event_name: string | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [ms, id] = decodeCursor(cursor, 2);
  const createdAt = new Date(Number(ms));
  if (!/^\d{1,15}$/.test(ms) || Number.isNaN(createdAt.getTime()) || !UUID.test(id)) throw badRequest("Invalid cursor");
  return { createdAt, id };
}

/**
 * Runs of the caller's scope, newest first, keyset-paginated on (created_at, id), optionally of
 * one function and in one shown status. Also lists the app's functions, for the filter.
 */
export async function listRuns(actor: RunsActor, input: z.output<typeof listRunsInput>): Promise<RunList | External> {
  const scope = await resolveRunScope(actor);
  if (!embeddedRuntime()) return { external: true };
  const after = input.cursor ? parseCursor(input.cursor) : null;
  const conditions = [runScopeCondition(scope)];
  if (input.functionId) conditions.push(Prisma.sql`r.function_id = ${input.functionId}`);
  if (input.status) conditions.push(Prisma.sql`r.status = ${storedStatus(input.status)}::runtime_run_status`);
  if (after) conditions.push(Prisma.sql`(r.created_at, r.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);

  const [rows, functions] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT * FROM (
        SELECT r.id, r.function_id, f.name AS function_name, ${RUN_STATUS_SQL} AS status, r.event->>'name' AS event_name,
               r.created_at, r.started_at, r.ended_at
        FROM runtime_run r LEFT JOIN runtime_function f ON f.id = r.function_id
        WHERE ${Prisma.join(conditions, " AND ")}
      ) runs
      WHERE ${input.status ? Prisma.sql`runs.status = ${input.status}` : Prisma.sql`true`}
      ORDER BY runs.created_at DESC, runs.id DESC
      LIMIT ${input.limit + 1}`,
    db.runtimeFunction.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const items = rows.slice(0, input.limit).map(toSummary);
  const last = items.at(-1);
  return {
    external: false,
    functions,
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
  };
}

export function toSummary(row: Row): RunSummary {
  return {
    id: row.id,
    functionId: row.function_id,
    functionName: row.function_name ?? row.function_id,
    status: row.status,
    eventName: row.event_name ?? "",
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

export type { Row as RunRow };
