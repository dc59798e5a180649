import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { inngest } from "../../../inngest/client";
import { startHarness, type Harness } from "../../../inngest/embedded/__fixtures__/harness";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { updateRequestInput } from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../../../test/factories";
import { runtimeWants } from "../../../inngest/functions";
import { relayOutbox, startOutboxRelay, wakeOutboxRelay, type SendEvents } from "./outbox-relay";
import { wireTestRuntime } from "../../../test/runtime-port";
import { createEndpoint, webhookTenant } from "../../../test/webhook-fixtures";
import { runtimePort, wireRuntime } from "./port";

/**
 * Outbox rows reach the runtime at least once and run exactly once: real domain writes, the
 * app's own Inngest client, the embedded executor over HTTP.
 */
// These tests run their own functions (triggered by request.added), not the app's: the runtime
// is wired as wanting every event, so none is written already relayed (relay-needed.ts).
const all = () => true;
function wantEverything() {
  wireTestRuntime();
  wireRuntime({ ...runtimePort(), wants: all });
}

describe("outbox relay", () => {
  let h: Harness;
  let ctx: Awaited<ReturnType<typeof tenantFor>>;

  beforeAll(async () => {
    h = await startHarness((client) => [
      client.createFunction({ id: "on-request-added", triggers: [{ event: "request.added" }] }, async ({ event }) => ({
        title: (event.data.payload as { title: string }).title,
        dataspaceId: event.data.dataspaceId,
      })),
    ]);
    // The app's client finds the executor the way server.ts will point it there.
    process.env.INNGEST_BASE_URL = h.executor.url;
    process.env.INNGEST_DEV = "1";
    inngest.setEnvVars();
    wantEverything();
    const owner = await seedUser();
    const space = await seedDataspace({ owner });
    ctx = await tenantFor(owner.id, space.slug);
  });
  afterAll(() => h?.stop());

  const runsFor = async (title: string) => (await h.runsOf("on-request-added")).filter((run) => (run.output as { title?: string } | null)?.title === title);
  const unrelayed = () => db.event.count({ where: { relayedAt: null } });

  it("relays committed events with their tenant, marks them, and each runs once", async () => {
    const requests = [await seedRequest(ctx, { title: "First" }), await seedRequest(ctx, { title: "Second" })];
    expect(await unrelayed()).toBeGreaterThanOrEqual(2);
    const { relayed } = await relayOutbox({ wanted: all });
    expect(relayed).toBeGreaterThanOrEqual(2);
    expect(await unrelayed()).toBe(0);
    for (const request of requests) {
      await expect.poll(async () => (await runsFor(request.title)).length).toBe(1);
      const [run] = await runsFor(request.title);
      expect(run.output).toEqual({ title: request.title, dataspaceId: ctx.dataspace.id });
    }
  });

  it("re-sends after a crash between send and mark, and the duplicate is not run again", async () => {
    await seedRequest(ctx, { title: "Crashy" });
    const crashAfterSend = async (events: Parameters<SendEvents>[0]) => {
      await inngest.send(events);
      throw new Error("process died before marking");
    };
    await expect(relayOutbox({ send: crashAfterSend, wanted: all })).rejects.toThrow("process died");
    expect(await unrelayed()).toBe(1);
    expect(await relayOutbox({ wanted: all })).toEqual({ relayed: 1 });
    await expect.poll(async () => (await runsFor("Crashy")).length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runsFor("Crashy")).toHaveLength(1);
  });

  it("never hands the same row to two relays running at once", async () => {
    for (let i = 0; i < 30; i++) await seedRequest(ctx, { title: `Bulk ${i}` });
    const sent: string[] = [];
    const slowSend = async (events: Parameters<SendEvents>[0]) => {
      sent.push(...events.map((e) => e.id));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await inngest.send(events);
    };
    const results = await Promise.all([relayOutbox({ batchSize: 5, send: slowSend, wanted: all }), relayOutbox({ batchSize: 5, send: slowSend, wanted: all })]);
    expect(results[0].relayed + results[1].relayed).toBe(30);
    expect(new Set(sent).size).toBe(sent.length);
    expect(await unrelayed()).toBe(0);
  });

  it("relays right after a commit when woken, without waiting for the sweep", async () => {
    const relay = startOutboxRelay({ sweepMs: 60_000, wanted: all });
    try {
      await seedRequest(ctx, { title: "Woken" });
      wakeOutboxRelay();
      await expect.poll(async () => (await runsFor("Woken")).length, { timeout: 3_000 }).toBe(1);
    } finally {
      relay.stop();
    }
  });

  it("splits large batches and never lets one oversized event block the outbox", async () => {
    // 15 requests with 100 000-character notes: ~1.5 MB of events, more than one send may carry.
    for (let i = 0; i < 15; i++) await seedRequest(ctx, { title: `Long notes ${i}`, notes: "n".repeat(100_000) });
    // A request whose payload (all its comments included) is over the 512 KB an event may carry.
    const big = await seedRequest(ctx, { title: "Many comments" });
    for (let i = 0; i < 30; i++) await addRequestComment(ctx, { requestId: big.id, text: `${i} ${"c".repeat(19_990)}` });
    await updateRequest(ctx, updateRequestInput.parse({ id: big.id, patch: { status: "closed" } }));

    const sends: Parameters<SendEvents>[0][] = [];
    const recordingSend = async (events: Parameters<SendEvents>[0]) => {
      sends.push(events);
      await inngest.send(events);
    };
    await relayOutbox({ send: recordingSend, wanted: all });
    expect(await unrelayed()).toBe(0);
    for (const batch of sends) expect(JSON.stringify(batch).length).toBeLessThanOrEqual(1024 * 1024);
    const closed = sends.flat().find((e) => e.name === "request.updated") as { data: { payload: unknown; payloadOmitted?: string } };
    expect(closed.data.payload).toBeNull();
    expect(closed.data.payloadOmitted).toMatch(/over 512 KB; read event .* from the events API/);
    for (let i = 0; i < 15; i++) await expect.poll(async () => (await runsFor(`Long notes ${i}`)).length).toBe(1);
  });

  it("writes events nothing can receive already relayed; relays the rest, handing the runtime only those an app function is triggered by", async () => {
    wireTestRuntime(); // the app's functions
    try {
      expect(runtimeWants("webhook_endpoint.paused")).toBe(true); // resume-webhook-endpoint
      expect(runtimeWants("request.added")).toBe(true); // issue sync's push…
      expect(runtimeWants("request.added", { issueSync: false })).toBe(false); // …only where an integration syncs issues
      // No function wants it here and the dataspace sends no webhooks: nothing to relay.
      await seedRequest(ctx, { title: "Nobody listens" });
      expect(await unrelayed()).toBe(0);

      // A dataspace with an endpoint (even one switched off, which holds its deliveries): its events go through the relay.
      const webhooks = await webhookTenant();
      await createEndpoint(webhooks, { url: "https://hooks.example.com/in", eventTypes: ["request.added"], isActive: false });
      await seedRequest(webhooks, { title: "An endpoint listens" });
      expect(await unrelayed()).toBe(1);
      const sent: string[] = [];
      await relayOutbox({ send: async (events) => void sent.push(...events.map((e) => e.name)) });
      expect(await unrelayed()).toBe(0);
      expect(sent).not.toContain("request.added");
      expect(await db.webhookDelivery.count({ where: { eventType: "request.added", dataspaceId: webhooks.dataspace.id } })).toBe(1);
    } finally {
      wantEverything();
    }
  });
});
