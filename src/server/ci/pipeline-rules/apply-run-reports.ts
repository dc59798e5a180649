import type { ScopedTx } from "@/server/db/scoped";
import type { CiRunReport } from "../platform";

/**
 * A platform's `workflow_run` / pipeline webhooks, applied to the runs pipeline rules started
 * (matched by the integration and the platform's run id), in the transaction that processes the
 * delivery. A run only moves forward: a late `queued` after `in_progress` changes nothing, and a
 * completed run stays completed. Deliveries about runs Switchboard did not start match nothing.
 */
const ORDER = { pending: 0, queued: 1, in_progress: 2, completed: 3, failed: 3 } as const;

export async function applyCiRunReports(tx: ScopedTx, reports: { key: string; integrationId: string; report: CiRunReport }[]): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  for (const { key, integrationId, report } of reports) {
    const runs = await tx.pipelineRun.findMany({ where: { integrationId, externalId: report.externalId }, select: { id: true, status: true } });
    for (const run of runs) {
      if (ORDER[report.status] < ORDER[run.status as keyof typeof ORDER] || (run.status === report.status && report.status !== "completed")) continue;
      if (run.status === "completed" || run.status === "failed") continue;
      await tx.pipelineRun.update({ where: { id: run.id }, data: { status: report.status, conclusion: report.conclusion, ...(report.url ? { url: report.url } : {}) } });
      notes.set(key, `pipeline run ${report.externalId}: ${report.status}${report.conclusion ? ` (${report.conclusion})` : ""}`);
    }
  }
  return notes;
}
