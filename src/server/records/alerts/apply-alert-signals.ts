import type { ScopedTx } from "@/server/db/scoped";
import type { EventType } from "@/server/events/catalog";
import { publishEvents } from "@/server/events/publish-event";
import type { AlertSignal } from "@/server/integrations/provider";
import { worseSeverity, type AlertSeverity } from "./alert.schema";
import { acknowledgeOpenAlerts, resolveOpenAlerts, upsertOpenAlerts, type AlertRaise, type AlertRow } from "./alert-store";
import { alertInclude, alertView, serializeAlert } from "./serialize-alert";

/** One delivery's signal, with what it came from: `key` names it in the outcome (the inbound event's id). */
export type DeliveredSignal = {
  key: string;
  at: Date;
  source: string;
  sourceIntegrationId: string;
  signal: AlertSignal;
  /** The delivery's payload, kept on the alert as its last occurrence's. */
  payload: unknown;
};

type Step = { action: AlertSignal["action"]; items: DeliveredSignal[] };

/**
 * Applies a group of monitor deliveries to the dataspace's alerts, in the caller's transaction
 * (the one that publishes the deliveries' family events and marks them processed), as a few
 * statements whatever the group's size: each delivery's effect is the same as if they were
 * applied one by one in the order given.
 *
 * Each fingerprint's signals, in order, fold into steps: consecutive raises become one raise
 * counted n times (first time, last payload, worst severity), consecutive acknowledgements or
 * recoveries one each. Step k of every fingerprint is applied together — one upsert, one
 * acknowledge and one resolve statement — so a group where every fingerprint fires, repeats and
 * recovers takes three rounds, not one per delivery. Services named by the deliveries are looked
 * up once. Events (`alert.triggered` for new alerts, `alert.acknowledged`, `alert.resolved`) are
 * published together, in delivery order, with one more read for their relations.
 *
 * Concurrent groups of one dataspace take turns on a transaction-scoped advisory lock (held to
 * their commit), as inbound deployments do. Without it, two groups where each raises open alerts
 * the other resolves lock the rows in opposite orders and deadlock (concurrent-groups.test.ts):
 * PostgreSQL aborts one after deadlock_timeout (1 s), and inbound processing then re-applies its
 * deliveries one by one, after the other group's — out of order. Taking turns does not order
 * groups that run at the same time; it keeps one group's statements from interleaving with another's.
 *
 * Returns, for each delivery, what it did (for its processing log).
 */
export async function applyAlertSignals(tx: ScopedTx, dataspaceId: string, delivered: DeliveredSignal[]): Promise<Map<string, string>> {
  const outcome = new Map<string, string>();
  if (delivered.length === 0) return outcome;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`switchboard:alerts:${dataspaceId}`}, 0))`;
  const order = new Map(delivered.map((item, index) => [item.key, index]));

  const stepsOf = new Map<string, Step[]>();
  for (const item of delivered) {
    const steps = stepsOf.get(item.signal.fingerprint) ?? [];
    const last = steps.at(-1);
    if (last && last.action === item.signal.action) last.items.push(item);
    else steps.push({ action: item.signal.action, items: [item] });
    stepsOf.set(item.signal.fingerprint, steps);
  }
  const serviceIds = await servicesNamed(tx, dataspaceId, delivered);

  const published: { order: number; type: EventType; row: AlertRow }[] = [];
  const rounds = Math.max(...[...stepsOf.values()].map((steps) => steps.length));
  for (let round = 0; round < rounds; round++) {
    const raises: { fingerprint: string; step: Step }[] = [];
    const acknowledgements: Step[] = [];
    const recoveries: Step[] = [];
    for (const [fingerprint, steps] of stepsOf) {
      const step = steps[round];
      if (!step) continue;
      if (step.action === "raise") raises.push({ fingerprint, step });
      else (step.action === "acknowledge" ? acknowledgements : recoveries).push(step);
    }

    const raised = await upsertOpenAlerts(tx, dataspaceId, raises.map(({ fingerprint, step }) => raiseOf(fingerprint, step, serviceIds)), new Date());
    for (const { fingerprint, step } of raises) {
      const { row, created } = raised.get(fingerprint)!;
      const n = step.items.length;
      step.items.forEach((item, k) => {
        outcome.set(item.key, k === 0 && created ? `alert ${row.id} triggered` : `alert ${row.id} repeated (count ${row.count - n + k + 1})`);
      });
      if (created) published.push({ order: order.get(step.items[0].key)!, type: "alert.triggered", row });
    }

    for (const [steps, change, verb, type] of [
      [acknowledgements, (changes) => acknowledgeOpenAlerts(tx, dataspaceId, changes, null), "acknowledged", "alert.acknowledged"],
      [recoveries, (changes) => resolveOpenAlerts(tx, dataspaceId, changes), "resolved", "alert.resolved"],
    ] as const satisfies readonly [Step[], (changes: { fingerprint: string; at: Date }[]) => Promise<AlertRow[]>, string, EventType][]) {
      if (steps.length === 0) continue;
      const changed = new Map((await change(steps.map((step) => ({ fingerprint: step.items[0].signal.fingerprint, at: step.items[0].at })))).map((row) => [row.fingerprint, row]));
      for (const step of steps) {
        const row = changed.get(step.items[0].signal.fingerprint);
        step.items.forEach((item, k) => {
          outcome.set(
            item.key,
            !row
              ? `no ${verb === "acknowledged" ? "triggered" : "open"} alert with fingerprint ${item.signal.fingerprint} to be ${verb}`
              : k === 0
                ? `alert ${row.id} ${verb}`
                : `alert ${row.id} already ${verb}`,
          );
        });
        if (row) published.push({ order: order.get(step.items[0].key)!, type, row });
      }
    }
  }

  if (published.length > 0) await publishAlertEvents(tx, dataspaceId, published);
  return outcome;
}

function raiseOf(fingerprint: string, step: Step, serviceIds: Map<string, string>): AlertRaise {
  const signals = step.items.map((item) => item.signal as Extract<AlertSignal, { action: "raise" }>);
  const first = step.items[0];
  const last = step.items.at(-1)!;
  let serviceId: string | null = null;
  for (const name of signals.flatMap((signal) => signal.serviceNames)) {
    serviceId = serviceIds.get(name.toLowerCase()) ?? null;
    if (serviceId) break;
  }
  return {
    source: first.source,
    sourceIntegrationId: first.sourceIntegrationId,
    title: signals[0].title,
    description: signals[0].description,
    severity: signals.map((signal) => signal.severity).reduce<AlertSeverity>(worseSeverity, "info"),
    fingerprint,
    serviceId,
    payload: last.payload,
    links: [...signals].reverse().find((signal) => signal.links.length > 0)?.links ?? [],
    firstAt: first.at,
    lastAt: last.at,
    repeats: step.items.length,
  };
}

/** Services of the dataspace the raises name (case-insensitively), in one query: lower-cased name → id. */
async function servicesNamed(tx: ScopedTx, dataspaceId: string, delivered: DeliveredSignal[]): Promise<Map<string, string>> {
  const names = [...new Set(delivered.flatMap(({ signal }) => (signal.action === "raise" ? signal.serviceNames.map((name) => name.toLowerCase()) : [])))];
  if (names.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; key: string }[]>`
    SELECT id, lower(name) AS key FROM "Service" WHERE "dataspaceId" = ${dataspaceId}::uuid AND lower(name) = ANY(${names}::text[])`;
  return new Map(rows.map((row) => [row.key, row.id]));
}

/**
 * The alerts' events, each with the alert as it was at that step (the statement's row) and its
 * relations (read once: a group changes no link).
 */
async function publishAlertEvents(tx: ScopedTx, dataspaceId: string, published: { order: number; type: EventType; row: AlertRow }[]) {
  // One after the other: a transaction's queries share its one connection.
  const dataspace = await tx.dataspace.findFirstOrThrow({ where: { id: dataspaceId }, select: { slug: true, name: true } });
  // Only the relations: the rows themselves came back from the statements (payloads included).
  const alerts = await tx.alert.findMany({ where: { id: { in: [...new Set(published.map(({ row }) => row.id))] } }, select: { id: true, ...alertInclude } });
  const relations = new Map(alerts.map((alert) => [alert.id, alert]));
  published.sort((a, b) => a.order - b.order);
  await publishEvents(
    tx,
    dataspaceId,
    published.map(({ type, row }) => {
      const { service, incident, request, acknowledgedBy } = relations.get(row.id)!;
      return { type, data: serializeAlert(alertView({ ...row, service, incident, request, acknowledgedBy }, "everything"), dataspace) };
    }),
  );
}
