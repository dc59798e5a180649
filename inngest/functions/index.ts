import type { InngestFunction } from "inngest";
import { deliverWebhooks } from "./deliver-webhooks";
import { processInboundEvent } from "./process-inbound-event";
import { resumeWebhookEndpoint } from "./resume-webhook-endpoint";
import { statuspageReconcile, statuspageReconcileTick } from "./statuspage-reconcile";
import { statuspageSyncComponent } from "./statuspage-sync-component";

/**
 * Every function the app serves, one file each in this folder, each a thin adapter over domain
 * code in src/server/.
 */
export const functions: InngestFunction.Any[] = [
  deliverWebhooks,
  resumeWebhookEndpoint,
  processInboundEvent,
  statuspageSyncComponent,
  statuspageReconcileTick,
  statuspageReconcile,
];

/**
 * Whether some function here is triggered by events named `name` (exactly, or by an Inngest
 * `prefix/*` wildcard). The outbox relay hands the runtime only those: the rest are kept in the
 * outbox (the Events page) and fanned out to webhooks from there, and sending them on would only
 * copy their payloads once more.
 */
const triggerNames = functions.flatMap((fn) => ((fn as unknown as { opts: { triggers?: { event?: string }[] } }).opts.triggers ?? []).flatMap((t) => (t.event ? [t.event] : [])));
export function runtimeWants(name: string): boolean {
  return triggerNames.some((trigger) => trigger === name || (trigger.endsWith("*") && name.startsWith(trigger.slice(0, -1))));
}
