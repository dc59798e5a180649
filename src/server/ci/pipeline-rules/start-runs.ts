import { z } from "zod";
import { scopedDb } from "@/server/db/scoped";
import { isIssueSyncApiError } from "@/server/issue-sync/errors";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { providerFor } from "@/server/integrations/registry";
import { dispatchQueuedRows, type QueuedRef } from "@/server/runtime/queue-dispatcher";

/**
 * Starting the runs the relay planned (plan-runs.ts): the dispatcher hands queued runs to the
 * runtime, a group per dataspace, and the runtime starts each in a step of its own
 * (inngest/functions/ci-pipeline-runs.ts): the platform's workflow dispatch or pipeline, with the
 * run's ref and inputs. A run whose step succeeded is `queued` with the platform's run id (what its
 * webhooks update); one the platform refused for good is `failed` with its words; an outage or a
 * rate limit is retried by the runtime. A run already started (a redelivered group) is left alone.
 */
export const RUNS_REQUESTED = "ci/pipeline-runs.requested";
const GROUP_SIZE = 20;
export const runsRequestedData = z.object({
  dataspaceId: z.string().uuid(),
  runs: z.array(z.object({ id: z.string().uuid(), dispatch: z.number().int().min(0) })).min(1).max(GROUP_SIZE),
});
export type RunsRequestedData = z.infer<typeof runsRequestedData>;
export type RunsRequested = { id: string; name: typeof RUNS_REQUESTED; data: RunsRequestedData };

export function dispatchQueuedPipelineRuns(options: { send: (events: RunsRequested[]) => Promise<unknown>; batchSize?: number }) {
  return dispatchQueuedRows<RunsRequested>({
    table: "PipelineRun",
    groupSize: GROUP_SIZE,
    toEvent: ({ groupId, dataspaceId, refs }) => ({ id: `pipeline-runs-${groupId}`, name: RUNS_REQUESTED, data: { dataspaceId, runs: refs } }),
    ...options,
  });
}

export type StartOutcome = { started: string | null; url: string | null } | { failed: string } | { skipped: string };

export async function startPipelineRun(dataspaceId: string, run: QueuedRef): Promise<StartOutcome> {
  const tdb = scopedDb(dataspaceId);
  const row = await tdb.pipelineRun.findFirst({
    where: { id: run.id },
    select: { id: true, status: true, dispatch: true, ref: true, inputs: true, rule: { select: { workflow: true, isActive: true } }, integration: { select: { id: true, type: true, config: true, isActive: true } } },
  });
  if (!row || row.dispatch !== run.dispatch) return { skipped: "superseded" };
  if (row.status !== "pending") return { skipped: `already ${row.status}` };
  const ci = providerFor(row.integration.type).ci;
  const fail = async (message: string) => {
    await tdb.pipelineRun.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "failed", error: message.slice(0, 2000) } });
    return { failed: message };
  };
  if (!ci || !row.integration.isActive) return fail("the integration is inactive or no longer a CI platform");
  try {
    const started = await ci.startRun(
      { integrationId: row.integration.id, config: row.integration.config as Record<string, unknown>, secrets: await loadIntegrationSecrets(tdb, row.integration.id) },
      { workflow: row.rule.workflow, ref: row.ref, inputs: row.inputs as Record<string, string> },
    );
    await tdb.pipelineRun.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "queued", externalId: started.externalId, url: started.url, error: null } });
    return { started: started.externalId, url: started.url };
  } catch (error) {
    if (isIssueSyncApiError(error) && !error.retryable) return fail(error.message);
    if (isIssueSyncApiError(error)) await tdb.pipelineRun.updateMany({ where: { id: row.id, status: "pending" }, data: { error: error.message.slice(0, 2000) } });
    throw error;
  }
}

/**
 * The runtime gave up on a group (a platform down for hours, the retries spent): its runs still
 * pending fail for good, with the last words the platform gave them — not left pending forever.
 */
export async function giveUpPendingRuns(group: RunsRequestedData, why: string): Promise<number> {
  const tdb = scopedDb(group.dataspaceId);
  const pending = await tdb.pipelineRun.findMany({ where: { id: { in: group.runs.map((run) => run.id) }, status: "pending" }, select: { id: true, error: true } });
  for (const run of pending) {
    await tdb.pipelineRun.updateMany({ where: { id: run.id, status: "pending" }, data: { status: "failed", error: `Gave up after the retries: ${run.error ?? why}`.slice(0, 2000) } });
  }
  return pending.length;
}
