import type { InngestFunction } from "inngest";
import { deliverNotificationMessages } from "./deliver-notifications";
import { deliverWebhooks } from "./deliver-webhooks";
import { issueSyncBackfill, issueSyncPushComment, issueSyncPushRequest, issueSyncPushRequested } from "./issue-sync-push";
import { maintenanceWindow } from "./maintenance-window";
import { processInboundEvent } from "./process-inbound-event";
import { resumeWebhookEndpoint } from "./resume-webhook-endpoint";
import { statuspagePublishIncident, statuspagePublishMaintenance } from "./statuspage-publish";
import { statuspageReconcile, statuspageReconcileTick } from "./statuspage-reconcile";
import { statuspageSyncComponent } from "./statuspage-sync-component";
import { mailDefaultNoticeFunction } from "./mail-default-notice";
import { metricsRollup } from "./metrics-rollup";
import { ciPushDeployment, ciStartPipelineRuns } from "./ci";
import { telemetryForwardAlert, telemetryForwardDeployment, telemetryForwardMetrics, telemetryForwardTick } from "./telemetry-forward";

/**
 * Every function the app serves, one file each in this folder, each a thin adapter over domain
 * code in src/server/.
 */
export const functions: InngestFunction.Any[] = [
  deliverWebhooks,
  deliverNotificationMessages,
  resumeWebhookEndpoint,
  processInboundEvent,
  statuspageSyncComponent,
  statuspagePublishIncident,
  statuspagePublishMaintenance,
  statuspageReconcileTick,
  statuspageReconcile,
  maintenanceWindow,
  issueSyncPushRequest,
  issueSyncPushComment,
  issueSyncPushRequested,
  issueSyncBackfill,
  mailDefaultNoticeFunction,
  metricsRollup,
  telemetryForwardTick,
  telemetryForwardMetrics,
  telemetryForwardAlert,
  telemetryForwardDeployment,
  ciPushDeployment,
  ciStartPipelineRuns,
];

/**
 * Whether some function here is triggered by events named `name` (exactly, or by an Inngest
 * `prefix/*` wildcard). The outbox relay hands the runtime only those: the rest are kept in the
 * outbox (the Events page) and fanned out to webhooks from there, and sending them on would only
 * copy their payloads once more.
 */
type TriggerOption = { event?: string | { name: string } };
// A trigger's event is a name, or a typed event (`{ event: domainEvents[…], if: "…" }`) that carries its name.
const triggersOf = (fn: InngestFunction.Any) =>
  ((fn as unknown as { opts: { triggers?: TriggerOption[] } }).opts.triggers ?? []).flatMap((t) => (typeof t.event === "string" ? [t.event] : t.event ? [t.event.name] : []));

/**
 * Functions that act only in a dataspace with issue sync turned on: elsewhere their triggers
 * (every request change) need not reach the runtime at all (src/server/events/relay-needed.ts).
 */
const ISSUE_SYNC_FUNCTIONS = new Set<InngestFunction.Any>([issueSyncPushRequest, issueSyncPushComment]);
const allTriggers = functions.flatMap(triggersOf);
const triggersWithoutIssueSync = functions.filter((fn) => !ISSUE_SYNC_FUNCTIONS.has(fn)).flatMap(triggersOf);

const matches = (triggers: string[], name: string) => triggers.some((trigger) => trigger === name || (trigger.endsWith("*") && name.startsWith(trigger.slice(0, -1))));

/** `dataspace`: what the publishing dataspace has turned on; without it, whether any dataspace's runs could want it. */
export function runtimeWants(name: string, dataspace?: { issueSync: boolean }): boolean {
  return matches(dataspace && !dataspace.issueSync ? triggersWithoutIssueSync : allTriggers, name);
}
