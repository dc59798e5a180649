import { scopedDb, type ScopedDb } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { publishInboundEvents } from "@/server/events/publish-inbound-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { AlertSignal, InboundDeployment, IntegrationProvider, MappedEvent } from "@/server/integrations/provider";
import { applyPulledChanges, type PullItem } from "@/server/issue-sync/pull";
import { pulls, readIssueSyncSettings } from "@/server/issue-sync/settings";
import { applyAlertSignals } from "@/server/records/alerts/apply-alert-signals";
import { providerFor } from "@/server/integrations/registry";
import { notificationInteractionOf, performSlackInteraction } from "@/server/notifications/slack-actions";
import { recordInboundDeployments } from "@/server/records/deployments/record-inbound-deployments";
import { applyCiRunReports } from "@/server/ci/pipeline-rules/apply-run-reports";
import type { CiRunReport } from "@/server/ci/platform";
import { isFormBody, parseInboundPayload } from "./inbound-payload";
import { jsonbSafeText } from "./jsonb-safe";
import { failEvents, finishEvents, readEvents, readHandedOver, recordEventError, type ClaimedEvent, type Finished } from "./event-transitions";

export type WebhookEventRef = { id: string; dispatch: number };
export type ProcessOutcome = { processed: number; failed: number; retrying: number; skipped: number };

type Mapped = {
  row: ClaimedEvent;
  payload: unknown;
  mapped: MappedEvent | null;
  skipped?: string;
  deployments: InboundDeployment[];
  alert: AlertSignal | null;
  ciRun: CiRunReport | null;
  pulled: Omit<PullItem, "key">[];
  /** What a click on one of our Slack buttons, or our comment modal submitted, did (done before the group's transaction: it calls Slack). */
  clicked?: string;
};

class Superseded extends Error {}

/** A run's own group and the later ones it takes along (a group's statements stay well under a second). */
const MOST_EVENTS_PER_RUN = 1_000;

/**
 * Processes a dispatched group of one dataspace's inbound events (what the runtime runs per
 * invocation; handing them over made them PROCESSING). Each event is read, the provider maps it,
 * and its domain event is published (and what it reports about deployments and alerts applied,
 * see record-inbound-deployments.ts and apply-alert-signals.ts) in the same transaction that
 * counts and logs the attempt and marks it PROCESSED. The group commits in one transaction; if
 * that fails, each event is tried on its own, so one bad event costs the others nothing.
 *
 * An event that fails stores its error and stays PROCESSING, and the run throws, so the runtime
 * retries with its backoff; a retried group re-processes only its events not done yet. An
 * AppError (the mapping produced something that cannot be published) would fail the same way
 * every time: that event is FAILED at once. When the runtime gives up, `markWebhookEventsFailed`
 * ends the rest FAILED.
 *
 * The runtime delivers at least once: events of an older dispatch (replayed since) and finished
 * ones are skipped; of two runs of the same dispatch, whichever finishes first publishes, as each
 * write is guarded by the (dispatch, attempts) it read: an event is published once per
 * successful processing. The whole group is read, published and finished in three statements,
 * whatever its size (see event-transitions.ts).
 */
export async function processWebhookEvents(input: { dataspaceId: string; events: WebhookEventRef[] }): Promise<ProcessOutcome> {
  const { dataspaceId } = input;
  const tdb = scopedDb(dataspaceId);
  const own = await readEvents(tdb, dataspaceId, input.events);
  const outcome: ProcessOutcome = { processed: 0, failed: 0, retrying: 0, skipped: input.events.length - own.length };
  if (own.length === 0) return outcome;
  // With the events handed over since in later groups (see readHandedOver), in received order
  // (ids are time-ordered UUIDv7), so the group's domain events keep it too.
  const integrationIds = [...new Set(own.map((row) => row.integration.id))];
  const later = await readHandedOver(tdb, dataspaceId, integrationIds, input.events.map((ref) => ref.id), MOST_EVENTS_PER_RUN - own.length);
  const claimed = [...own, ...later].sort((a, b) => (a.id < b.id ? -1 : 1));

  const failures: { row: ClaimedEvent; error: unknown }[] = [];
  const ready: Mapped[] = [];
  let dataspace: { id: string; slug: string; name: string } | undefined;
  for (const row of claimed) {
    try {
      const provider = providerFor(row.integration.type);
      const payload = parseInboundPayload(provider, row.contentType, row.body);
      const integration = { id: row.integration.id, name: row.integration.name };
      const skipped = provider.inbound.outOfScope?.(payload, row.integration.config) ?? undefined;
      const mapped = skipped ? null : provider.inbound.map({ eventType: row.eventType, payload, integration });
      const deployments = skipped ? [] : (provider.inbound.deployments?.({ eventType: row.eventType, payload, config: row.integration.config }) ?? []);
      const alert = skipped ? null : (provider.inbound.alert?.({ eventType: row.eventType, payload }) ?? null);
      const ciRun = skipped ? null : (provider.inbound.ciRun?.({ eventType: row.eventType, payload }) ?? null);
      const interaction = skipped ? null : notificationInteractionOf(row.integration.type, payload);
      const clicked = interaction
        ? await performSlackInteraction((dataspace ??= await tdb.dataspace.findFirstOrThrow({ select: { id: true, slug: true, name: true } })), row.integration, interaction, row)
        : undefined;
      ready.push({ row, payload, skipped, mapped, deployments, alert, ciRun, pulled: skipped ? [] : pulledChangesOf(provider, row, payload), clicked });
    } catch (error) {
      failures.push({ row, error });
    }
  }

  if (ready.length > 0) {
    try {
      outcome.processed += await publishAndFinish(tdb, dataspaceId, ready);
    } catch (error) {
      if (ready.length === 1) failures.push({ row: ready[0].row, error });
      // Something in the group failed: each on its own, so the rest still commits.
      else {
        for (const item of ready) {
          try {
            outcome.processed += await publishAndFinish(tdb, dataspaceId, [item]);
          } catch (error) {
            failures.push({ row: item.row, error });
          }
        }
      }
    }
  }

  const at = new Date();
  for (const { row, error } of failures) {
    if (error instanceof Superseded) {
      outcome.skipped++;
      continue;
    }
    const final = error instanceof AppError;
    await recordEventError(tdb, dataspaceId, row, errorMessage(error), at, final);
    if (final) outcome.failed++;
    else outcome.retrying++;
  }
  if (outcome.retrying > 0) {
    const first = failures.find(({ error }) => !(error instanceof AppError) && !(error instanceof Superseded))!;
    throw new Error(`${outcome.retrying} of ${claimed.length} inbound events failed (retried); first: ${errorMessage(first.error)}`);
  }
  return outcome;
}

/** Publishes the mapped events and marks them PROCESSED, all or none, in one statement each. */
async function publishAndFinish(tdb: ScopedDb, dataspaceId: string, items: Mapped[]): Promise<number> {
  return transactionWithEvents(tdb, async (tx) => {
    const published = items.flatMap(({ row, payload, mapped }) =>
      mapped
        ? [{
            type: mapped.type,
            envelope: {
              integration: { uuid: row.integration.id, name: row.integration.name, type: row.integration.type },
              event_type: row.eventType,
              delivery_id: row.providerDeliveryId,
              summary: mapped.summary,
            },
            // A JSON body is the payload as is: referenced, not copied.
            ...(isFormBody(row.contentType) ? { payload } : { payloadFromId: row.id }),
          }]
        : [],
    );
    await publishInboundEvents(tx, dataspaceId, published);
    // Records the group reports (GitHub's deployments): created or updated with this commit, or not at all.
    const recorded = items.some((item) => item.deployments.length > 0)
      ? await recordInboundDeployments(tx, dataspaceId, items.map(({ row, deployments }) => ({ integrationId: row.integration.id, deployments })))
      : [];
    // Monitors' deliveries raise, acknowledge and resolve alerts, in the same transaction.
    const alerts = await applyAlertSignals(
      tx,
      dataspaceId,
      items.flatMap(({ row, payload, alert }) =>
        alert ? [{ key: row.id, at: row.receivedAt, source: row.integration.type.toLowerCase(), sourceIntegrationId: row.integration.id, signal: alert, payload }] : [],
      ),
    );
    // Platforms' issue and comment webhooks update the requests linked to them (issue sync).
    const pulled = items.flatMap(({ row, pulled }) => pulled.map((item, i) => ({ key: `${row.id}:${i}`, ...item })));
    // Workflow runs and pipelines that pipeline rules started move on.
    const ciRuns = items.flatMap(({ row, ciRun }) => (ciRun ? [{ key: row.id, integrationId: row.integration.id, report: ciRun }] : []));
    const runNotes = ciRuns.length > 0 ? await applyCiRunReports(tx, ciRuns) : new Map<string, string>();
    const synced = pulled.length > 0 ? await applyPulledChanges(tx, await tx.dataspace.findFirstOrThrow({ select: { id: true, slug: true, name: true } }), pulled) : new Map<string, string>();
    const finished: Finished[] = items.map(({ row, mapped, skipped, clicked }, index) => ({
      id: row.id,
      attempts: row.attempts,
      dispatch: row.dispatch,
      type: mapped?.type ?? null,
      message: [mapped ? `Published ${mapped.type}` : skipped ? `Skipped: ${skipped}` : `Stored only: no domain event for ${row.eventType}`, recorded[index], alerts.get(row.id), runNotes.get(row.id), clicked, ...issueSyncMessages(synced, row.id)]
        .filter(Boolean)
        .join("; "),
    }));
    const count = await finishEvents(tx, dataspaceId, finished, new Date());
    if (count !== finished.length) throw new Superseded(); // rolls the publications back
    return count;
  });
}

/** What a delivery says to the issue sync of its integration, when the integration pulls from its platform. */
function pulledChangesOf(provider: IntegrationProvider, row: ClaimedEvent, payload: unknown): Omit<PullItem, "key">[] {
  const platform = provider.issueSync;
  const settings = platform ? readIssueSyncSettings(row.integration.config) : null;
  if (!platform || !settings || !pulls(settings)) return [];
  const config = (row.integration.config ?? {}) as Record<string, unknown>;
  const changes = platform.pull({ eventType: row.eventType, payload, config }) ?? [];
  return (Array.isArray(changes) ? changes : [changes]).map((change) => ({ integrationId: row.integration.id, platform: platform.platform, settings, change }));
}

/** The issue sync's messages about one delivery's changes, in order. */
const issueSyncMessages = (synced: Map<string, string>, rowId: string) => [...synced].filter(([key]) => key.startsWith(`${rowId}:`)).map(([, message]) => message);

/** When the runtime gives up on a group (retries exhausted): its events not yet done end FAILED. */
export async function markWebhookEventsFailed(input: { dataspaceId: string; events: WebhookEventRef[] }, reason: string): Promise<void> {
  await failEvents(scopedDb(input.dataspaceId), input.dataspaceId, input.events, errorMessage(reason), new Date());
}

/**
 * What is stored and shown as the error. Prisma's messages start with the calling source file
 * and a code excerpt ("Invalid `tx.event.create()` invocation in …"); only their last line, the
 * database's own message, says what went wrong.
 */
export function errorMessage(error: unknown): string {
  let message = (error instanceof Error ? error.message : String(error)).trim();
  if (/^Invalid `[^`]+` invocation/.test(message)) message = message.split("\n").filter((line) => line.trim()).at(-1)!.trim();
  // Stored in a text column and the jsonb log; it may quote what the sender sent.
  return jsonbSafeText(message.length > 2_000 ? `${message.slice(0, 2_000)}…` : message);
}
