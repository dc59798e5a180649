import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { EVENT_PAYLOAD_JOIN, withPayload } from "@/server/events/event-payload";
import { onOutboxSignal } from "@/server/events/outbox-signal";
import { dispatchQueuedWebhookEvents, type InboundEventsReceived } from "@/server/inbound/dispatch-webhook-events";
import { dispatchQueuedDeliveries, type DeliveriesRequested } from "@/server/webhooks/deliveries/dispatch-deliveries";
import { planWebhookDeliveries, subscribedEndpoints } from "@/server/webhooks/deliveries/fan-out";
import { dataspacesWithIssueSync } from "@/server/issue-sync/enabled";
import { dispatchQueuedNotifications, type NotificationsRequested } from "@/server/notifications/dispatch";
import { activeNotificationRules, planNotifications, wantedByRules } from "@/server/notifications/fan-out";
import { activePipelineRules, planPipelineRuns, wantedByPipelineRules } from "@/server/ci/pipeline-rules/plan-runs";
import { dispatchQueuedPipelineRuns, type RunsRequested } from "@/server/ci/pipeline-rules/start-runs";
import { batchByJsonSize } from "@/server/http/json-batches";
import { runtimePort } from "./port";

/**
 * Relays committed outbox rows (`Event` with `relayedAt` null) to Inngest, at least once: rows
 * are locked (FOR UPDATE SKIP LOCKED, so concurrent relays never take the same rows), sent with
 * the event's own id as Inngest's event id, and marked relayed in the same transaction. A crash
 * between the send and the commit leaves them unmarked; the next pass sends them again and
 * Inngest (or the embedded executor) drops the duplicate by id. Webhook deliveries for those
 * events are created in the same transaction (fan-out), then handed over by the dispatcher.
 */
export type RelayedEvent = {
  id: string;
  name: string;
  data: { dataspaceId: string; actorId: string | null; payload: unknown; payloadOmitted?: string };
  ts: number;
};
export type SendEvents = (events: (RelayedEvent | DeliveriesRequested | InboundEventsReceived | NotificationsRequested | RunsRequested)[]) => Promise<unknown>;

type Row = { id: string; type: string; data: unknown; dataspaceId: string; actorId: string | null; createdAt: Date };

const defaultSend: SendEvents = (events) => runtimePort().send(events);

// The runtime's event API takes bodies up to a few MB (Inngest's own limits are lower): sends are
// cut at 1 MB, and a payload over 512 KB is not sent at all — the function reads the event by id.
const MAX_SEND_BYTES = 1024 * 1024;
const MAX_EVENT_BYTES = 512 * 1024;

function toRelayedEvent(row: Row): RelayedEvent {
  const event = { id: row.id, name: row.type, data: { dataspaceId: row.dataspaceId, actorId: row.actorId, payload: row.data }, ts: row.createdAt.getTime() };
  if (JSON.stringify(event).length <= MAX_EVENT_BYTES) return event;
  return { ...event, data: { ...event.data, payload: null, payloadOmitted: `over ${MAX_EVENT_BYTES / 1024} KB; read event ${row.id} from the events API` } };
}

/**
 * One pass: relays everything unrelayed, in batches, oldest first, then dispatches queued
 * webhook deliveries and inbound events. Returns how many events it sent and when the next
 * deferred one falls due.
 */
export async function relayPass(options: RelayOptions = {}): Promise<{ relayed: number; dispatched: number; nextDueAt: Date | null }> {
  const send = options.send ?? defaultSend;
  const { relayed } = await relayOutbox({ send, wanted: options.wanted });
  const deliveries = await dispatchQueuedDeliveries({ send });
  const inbound = await dispatchQueuedWebhookEvents({ send });
  const notifications = await dispatchQueuedNotifications({ send });
  const runs = await dispatchQueuedPipelineRuns({ send });
  const due = [deliveries.nextDueAt, inbound.nextDueAt, notifications.nextDueAt, runs.nextDueAt].filter((at): at is Date => at !== null);
  const nextDueAt = due.length ? new Date(Math.min(...due.map((at) => at.getTime()))) : null;
  return { relayed, dispatched: deliveries.dispatched + inbound.dispatched + notifications.dispatched + runs.dispatched, nextDueAt };
}

/**
 * `wanted`: which event types the runtime gets (default: those a function here is triggered by).
 * Every unrelayed event is fanned out to webhooks and marked relayed either way.
 */
export type RelayOptions = { send?: SendEvents; wanted?: (type: string, dataspace?: { issueSync: boolean }) => boolean };

/** Relays everything unrelayed, in batches, oldest first. Returns how many it marked relayed. */
export async function relayOutbox(options: RelayOptions & { batchSize?: number } = {}): Promise<{ relayed: number }> {
  const batchSize = options.batchSize ?? 100;
  const send = options.send ?? defaultSend;
  const wanted = options.wanted ?? runtimePort().wants;
  let relayed = 0;
  for (;;) {
    const sent = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Omit<Row, "data">[]>`
          SELECT id, type, "dataspaceId", "actorId", "createdAt" FROM "Event"
          WHERE "relayedAt" IS NULL ORDER BY seq LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        // Payloads are read only for events that go somewhere: to a webhook of their dataspace or
        // to the runtime. Events nobody subscribes to are just marked (inbound payloads run large).
        const endpoints = await subscribedEndpoints(tx, rows.map((row) => row.dataspaceId));
        const issueSync = await dataspacesWithIssueSync(tx, rows.map((row) => row.dataspaceId));
        const rules = await activeNotificationRules(tx, rows.map((row) => row.dataspaceId));
        const pipelineRules = await activePipelineRules(tx, rows.map((row) => row.dataspaceId));
        const runtimeWants = (row: { type: string; dataspaceId: string }) => wanted(row.type, { issueSync: issueSync.has(row.dataspaceId) });
        const needed = rows.filter((row) => endpoints.has(row.dataspaceId) || runtimeWants(row) || wantedByRules(rules, row) || wantedByPipelineRules(pipelineRules, row));
        const data = needed.length
          ? new Map(
              (
                await tx.$queryRaw<{ id: string; data: unknown; payload: string | null }[]>`
                  SELECT e.id, e.data, payload_source.body AS payload FROM "Event" e ${Prisma.raw(EVENT_PAYLOAD_JOIN)}
                  WHERE e.id = ANY(${needed.map((row) => row.id)}::uuid[])`
              ).map((r) => [r.id, withPayload(r.data, r.payload)]),
            )
          : new Map<string, unknown>();
        const full: Row[] = needed.map((row) => ({ ...row, data: data.get(row.id) }));
        await planWebhookDeliveries(tx, full.filter((row) => endpoints.has(row.dataspaceId)), endpoints);
        await planNotifications(tx, full.filter((row) => wantedByRules(rules, row)), rules);
        await planPipelineRuns(tx, full.filter((row) => wantedByPipelineRules(pipelineRules, row)), pipelineRules);
        for (const chunk of batchByJsonSize(full.filter(runtimeWants).map(toRelayedEvent), MAX_SEND_BYTES)) await send(chunk);
        await tx.$executeRaw`UPDATE "Event" SET "relayedAt" = now() WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
        return rows.length;
      },
      { timeout: 30_000 }, // the send retries for a while when Inngest is briefly unreachable
    );
    relayed += sent;
    if (sent < batchSize) return { relayed };
  }
}

// ── the relay loop: woken after commits, with a periodic sweep for anything stranded ──

const state = globalThis as { __switchboardRelay?: RelayLoop };

// `pass` is the relay of the module graph that started the loop (server.ts's): the Next bundle's
// copy of this module wakes the loop but must not relay with its own, unconfigured client.
type RelayLoop = {
  running: boolean;
  again: boolean;
  failures: number;
  timer?: NodeJS.Timeout;
  sweep?: NodeJS.Timeout;
  pass: () => Promise<{ nextDueAt: Date | null }>;
  due?: NodeJS.Timeout;
  log: (message: string) => void;
  /** The pass under way, if any. */
  current?: Promise<void>;
};

/**
 * Call after a transaction that published events has committed: relays them now, off the
 * request (fire and forget; a failure is retried by the loop, never surfaced to the caller).
 * Does nothing until `startOutboxRelay` ran in this process.
 */
export function wakeOutboxRelay(): void {
  const loop = state.__switchboardRelay;
  if (!loop) return;
  if (loop.running) {
    loop.again = true;
    return;
  }
  loop.running = true;
  loop.current = loop.pass()
    .then(({ nextDueAt }) => {
      loop.failures = 0;
      // A deferred delivery (rate limit) wakes the loop when it falls due, not at the next sweep.
      clearTimeout(loop.due);
      if (nextDueAt) {
        loop.due = setTimeout(wakeOutboxRelay, Math.max(10, nextDueAt.getTime() - Date.now()));
        loop.due.unref();
      }
    })
    .catch((error: Error) => {
      loop.failures++;
      loop.log(`outbox relay failed (${loop.failures}x), will retry: ${error.message}`);
      clearTimeout(loop.timer);
      loop.timer = setTimeout(wakeOutboxRelay, Math.min(30_000, 500 * 2 ** Math.min(loop.failures, 6)));
      loop.timer.unref();
    })
    .finally(() => {
      loop.running = false;
      if (loop.again) {
        loop.again = false;
        wakeOutboxRelay();
      }
    });
}

/**
 * Starts the relay in this process (server.ts): one pass now, then a sweep every `sweepMs`.
 * `stop` resolves once a pass under way has ended (nothing is handed over after it).
 */
export function startOutboxRelay(options: { sweepMs?: number; log?: (message: string) => void; wanted?: (type: string) => boolean } = {}): { stop: () => Promise<void> } {
  const loop: RelayLoop = state.__switchboardRelay ?? {
    running: false,
    again: false,
    failures: 0,
    pass: () => relayPass({ wanted: options.wanted }),
    log: options.log ?? ((m) => console.warn(`[outbox] ${m}`)),
  };
  state.__switchboardRelay = loop;
  clearInterval(loop.sweep);
  loop.sweep = setInterval(wakeOutboxRelay, options.sweepMs ?? 5_000);
  loop.sweep.unref();
  onOutboxSignal(wakeOutboxRelay);
  wakeOutboxRelay();
  return {
    stop: async () => {
      onOutboxSignal(undefined);
      clearInterval(loop.sweep);
      clearTimeout(loop.timer);
      clearTimeout(loop.due);
      if (state.__switchboardRelay === loop) state.__switchboardRelay = undefined;
      await loop.current;
    },
  };
}
