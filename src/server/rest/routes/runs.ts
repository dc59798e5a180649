import { z } from "zod";
import { appUrl } from "@/env";
import { AppError } from "@/server/errors";
import { getRun, type RunDetail } from "@/server/runtime/runs/get-run";
import { listRuns, type RunSummary } from "@/server/runtime/runs/list-runs";
import type { External } from "@/server/runtime/runs/run-scope";
import { RUN_STATUSES } from "@/server/runtime/runs/runs.schema";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * The durable runtime's runs of the dataspace — what each event set off (deliveries, syncs,
 * notifications) and how it went — as the Runs page shows them. Like the page, admins only:
 * a run holds its trigger event's whole payload. On an external Inngest the runs live in its own
 * dashboard, and these routes say so (409).
 */
const isoOrNull = z.string().nullable().describe("ISO 8601, or null");
const summaryShape = {
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  function: z.string().describe("The durable function's id, e.g. switchboard-webhook-deliver"),
  function_name: z.string(),
  status: z.enum(RUN_STATUSES).describe("SLEEPING and WAITING are a running run's pauses"),
  event: z.string().describe("The name of the event that started it"),
  created_date: z.string().describe("ISO 8601"),
  started_date: isoOrNull,
  ended_date: isoOrNull,
  duration_ms: z.number().int().nullable().describe("null while it goes on"),
  outcome: z.object({ tone: z.enum(["success", "warning", "failure", "neutral"]), text: z.string() }).describe("What came of it, in one line"),
};
const runSummaryObject = z.object(summaryShape).meta({ id: "RunSummary", description: "A run of a durable function, newest first in lists" });
const runObject = z
  .object({
    ...summaryShape,
    trigger: z.unknown().describe("The event that started it, whole"),
    output: z.unknown(),
    error: z.unknown(),
    parent_run: z.string().uuid().nullable().describe("The run that invoked this one, if any"),
    steps: z.array(
      z.object({ step_id: z.string(), name: z.string(), op: z.string(), ok: z.boolean(), result: z.unknown(), attempts: z.number().int(), started_date: isoOrNull, ended_date: z.string() }),
    ),
    attempts: z.array(z.object({ step_name: z.string().nullable(), attempt: z.number().int(), error: z.unknown(), retry_date: isoOrNull, created_date: z.string() })).describe("Failed attempts, oldest first"),
    pending: z.array(z.record(z.string(), z.unknown())).describe("What it waits for: a call, a sleep, an event or an invoked run"),
  })
  .meta({ id: "Run", description: "A run with its trigger, steps, failed attempts and pending work" });

function onEmbeddedRuntime<T>(result: T | External): T {
  if ((result as External).external === true) throw new AppError("CONFLICT", "Runs are kept by the Inngest server this instance uses: see its dashboard");
  return result as T;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function summaryOf(run: RunSummary, slug: string) {
  return {
    api_url: `/api/v1/runs/${run.id}`,
    absolute_url: `${appUrl()}/d/${slug}/runs/${run.id}`,
    uuid: run.id,
    function: run.functionId,
    function_name: run.functionName,
    status: run.status,
    event: run.eventName,
    created_date: run.createdAt.toISOString(),
    started_date: iso(run.startedAt),
    ended_date: iso(run.endedAt),
    duration_ms: run.durationMs,
    outcome: run.outcome,
  };
}

function detailOf(run: RunDetail, slug: string) {
  return {
    ...summaryOf(run, slug),
    trigger: run.event,
    output: run.output,
    error: run.error,
    parent_run: run.parentRunId,
    steps: run.steps.map((s) => ({ step_id: s.stepId, name: s.name, op: s.op, ok: s.ok, result: s.result, attempts: s.attempts, started_date: iso(s.startedAt), ended_date: s.endedAt.toISOString() })),
    attempts: run.attempts.map((a) => ({ step_name: a.stepName, attempt: a.attempt, error: a.error, retry_date: iso(a.retryAt), created_date: a.createdAt.toISOString() })),
    pending: run.pending.map((p) => JSON.parse(JSON.stringify(p)) as Record<string, unknown>),
  };
}

export const runRoutes = [
  defineRoute({
    method: "GET",
    path: "/runs",
    operationId: "listRuns",
    tag: "Runs",
    summary: "List runs",
    description: "Newest first. Runs hold their trigger event's payload, so reading them takes the `events:admin` scope (or `admin`) and a creator who is an admin.",
    scope: { resource: "events", level: "admin" },
    kind: "list",
    query: z.object({
      status: z.enum(RUN_STATUSES, { error: "Unknown run status" }).optional().meta({ description: "Only runs in this state" }),
      function: z.string().trim().min(1).max(200).optional().meta({ description: "Only runs of this function id" }),
      ...pageQuery,
    }),
    response: runSummaryObject,
    errors: [400, 409, 422],
    handle: async ({ tenant, query }) => {
      const page = onEmbeddedRuntime(await listRuns({ tenant }, { status: query.status, functionId: query.function, limit: query.limit, cursor: query.cursor }));
      return { items: page.items.map((run) => summaryOf(run, tenant.dataspace.slug)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/runs/{uuid}",
    operationId: "getRun",
    tag: "Runs",
    summary: "Get a run",
    description: "With its trigger event, each step's output or error, failed attempts and what it waits for.",
    scope: { resource: "events", level: "admin" },
    kind: "object",
    params: uuidParams,
    response: runObject,
    errors: [404, 409],
    handle: async ({ tenant, params }) => detailOf(onEmbeddedRuntime(await getRun({ tenant }, params.uuid)), tenant.dataspace.slug),
  }),
];
