import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { AlertSignal } from "@/server/integrations/provider";
import { integrationTenant, seedIntegration } from "../../../../test/integration-fixtures";
import { applyAlertSignals, type DeliveredSignal } from "./apply-alert-signals";

/**
 * Two groups of one dataspace's monitor deliveries processed at the same time, each raising the
 * open alerts the other resolves — what the runtime does under a burst (bench/ops.ts). Each
 * group's upsert locks the rows it raises, then its resolve wants the rows the other group
 * locked: without taking turns, PostgreSQL finds a deadlock and aborts one group (9 rounds of 10
 * before the fix), whose deliveries the inbound processing then re-applies one by one, out of order.
 */
describe("alert groups processed at the same time", () => {
  it("both commit when each raises the open alerts the other resolves, and each fingerprint ends in one state", async () => {
    const ctx = await integrationTenant("Crossing monitors");
    const datadog = await seedIntegration(ctx, { type: "DATADOG", name: "Datadog", config: { webhookSecret: "crossing-monitors-secret" } });
    let key = 0;
    const delivery = (signal: AlertSignal): DeliveredSignal => ({ key: String(key++), at: new Date(), source: "datadog", sourceIntegrationId: datadog.id, signal, payload: {} });
    const raise = (fingerprint: string) => delivery({ action: "raise", fingerprint, title: `Monitor ${fingerprint}`, description: "", severity: "error", serviceNames: [], links: [] });
    const resolve = (fingerprint: string) => delivery({ action: "resolve", fingerprint });
    const group = (signals: DeliveredSignal[]) => transactionWithEvents(ctx.db, (tx) => applyAlertSignals(tx, ctx.dataspace.id, signals));
    const sorted = (list: string[]) => JSON.stringify([...list].sort());

    for (let round = 0; round < 5; round++) {
      const fingerprints = Array.from({ length: 200 }, (_, i) => `crossing-${round}-${i}`);
      await group(fingerprints.map(raise));
      const evens = fingerprints.filter((_, i) => i % 2 === 0);
      const odds = fingerprints.filter((_, i) => i % 2 === 1);
      const outcomes = await Promise.allSettled([group([...evens.map(raise), ...odds.map(resolve)]), group([...odds.map(raise), ...evens.map(resolve)])]);
      expect(outcomes.map((outcome) => (outcome.status === "rejected" ? String(outcome.reason) : "committed"))).toEqual(["committed", "committed"]);

      // Whichever went second resolved the half the first raised and raised the other half anew.
      const open = await db.alert.findMany({ where: { dataspaceId: ctx.dataspace.id, fingerprint: { in: fingerprints }, status: { not: "resolved" } }, select: { fingerprint: true } });
      expect([sorted(evens), sorted(odds)]).toContain(sorted(open.map((alert) => alert.fingerprint)));
    }
  });
});
