import { deploymentPushTargets, pushDeploymentTo } from "@/server/ci/push-deployments";
import { giveUpPendingRuns, startPipelineRun, type RunsRequestedData } from "@/server/ci/pipeline-rules/start-runs";
import { ciPipelineRunsRequested, domainEvents, inngest } from "../client";
import { issueSyncSteps } from "../issue-sync-step";

/**
 * A deployment created or moved on → GitHub and GitLab integrations that push deployments
 * (src/server/ci/push-deployments.ts), a step each, with the platform's verdict as the runtime's
 * (issueSyncSteps: waits out rate limits and outages, gives up on refusals). One run at a time per
 * deployment, so its creation on the platform is not raced by its first status.
 */
export const ciPushDeployment = inngest.createFunction(
  {
    id: "ci-push-deployment",
    name: "CI: push deployment",
    retries: 8,
    concurrency: [{ limit: 1, key: "event.data.payload.uuid" }],
    triggers: [domainEvents["deployment.created"], domainEvents["deployment.status_changed"]],
  },
  async ({ event, step }) => {
    const { dataspaceId, actorId, payload } = event.data;
    const targets = await step.run("targets", () => deploymentPushTargets(dataspaceId));
    const run = issueSyncSteps(step);
    const outcomes: Record<string, unknown> = {};
    for (const integrationId of targets) outcomes[integrationId] = await run(`push to ${integrationId}`, () => pushDeploymentTo({ dataspaceId, integrationId }, payload.uuid, actorId));
    return outcomes;
  },
);

/**
 * Pipeline runs the relay planned → started on their platform, a step each
 * (src/server/ci/pipeline-rules/start-runs.ts); runs still pending once the retries are spent fail.
 */
export const ciStartPipelineRuns = inngest.createFunction(
  {
    id: "ci-start-pipeline-runs",
    name: "CI: start pipeline runs",
    retries: 6,
    triggers: [ciPipelineRunsRequested],
    onFailure: async ({ event, error }) => giveUpPendingRuns(event.data.event.data as RunsRequestedData, error.message),
  },
  async ({ event, step }) => {
    const run = issueSyncSteps(step);
    const outcomes: Record<string, unknown> = {};
    for (const ref of event.data.runs) outcomes[ref.id] = await run(`start ${ref.id}`, () => startPipelineRun(event.data.dataspaceId, ref));
    return outcomes;
  },
);
