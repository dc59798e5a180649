import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { createClient as createSseClient } from "graphql-sse";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { liveHub } from "@/server/events/live/live-hub";
import { seedApiToken } from "../api-token-fixtures";
import { spawnReady } from "../spawn-ready";
import { addMember, seedDataspace, seedUser, tenantFor } from "../factories";
import { startGraphqlServer } from "./server";

/**
 * Subscriptions as a client nobody here wrote receives them: `graphql-ws` over WebSocket and
 * `graphql-sse` over SSE, against two app instances on one database (this process and a child
 * process), fanned out by LISTEN/NOTIFY. A subscriber never sees another dataspace's events.
 */
const FIXTURE = path.resolve(import.meta.dirname, "graphql-server-process.ts");
const EVENTS = `subscription Live($types: [String!], $filter: String) { events(types: $types, filter: $filter) { uuid type data summary } }`;

type Received = { type?: string; title?: string; data: { title?: string; priority?: string } };

let here: Awaited<ReturnType<typeof startGraphqlServer>>;
let other: { child: ChildProcess; url: string };
let ctxX: TenantContext;
let ctxY: TenantContext;
let tokenX: string;
let tokenY: string;
const clients: { dispose: () => void | Promise<void> }[] = [];

async function startOtherInstance(): Promise<{ child: ChildProcess; url: string }> {
  const { child, ready } = await spawnReady<{ url: string }>(FIXTURE);
  return { child, url: ready.url };
}

/** Collects what a subscription sends; `next(n)` waits for the n-th item. */
function collector() {
  const items: Received[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  return {
    items,
    errors,
    sink: {
      next: (value: { data?: Record<string, unknown> | null; errors?: readonly unknown[] }) => {
        if (value.errors) errors.push(...value.errors);
        const first = value.data ? Object.values(value.data)[0] : null;
        if (first) items.push(first as Received);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error: unknown) => {
        errors.push(error);
        waiters.splice(0).forEach((wake) => wake());
      },
      complete: () => undefined,
    },
    async until(check: () => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(items)} errors ${JSON.stringify(errors)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

const wsClient = (url: string, token: string): WsClient => {
  const client = createWsClient({ url: url.replace(/^http/, "ws") + "/api/graphql", webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true });
  clients.push(client);
  return client;
};
const sseClient = (url: string, token: string) => {
  const client = createSseClient({ url: `${url}/api/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  return client;
};

async function createRequest(url: string, token: string, body: Record<string, unknown>) {
  const response = await fetch(`${url}/api/v1/requests`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
}

/** Waits until the hub of this process holds `n` subscribers of the dataspace (the subscription is live). */
async function subscribersHere(dataspaceId: string, n: number) {
  const deadline = Date.now() + 10_000;
  while (liveHub().subscriberCount(dataspaceId) < n) {
    if (Date.now() > deadline) throw new Error("the subscription never registered");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until another instance has registered its subscription (its live_topic row). */
async function topicOf(dataspaceId: string, instances: number) {
  const deadline = Date.now() + 10_000;
  while ((await db.liveTopic.count({ where: { topicDataspaceId: dataspaceId } })) < instances) {
    if (Date.now() > deadline) throw new Error("the other instance never registered");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const ownerX = await seedUser();
  const ownerY = await seedUser();
  ctxX = await tenantFor(ownerX.id, (await seedDataspace({ owner: ownerX, name: "Xray" })).slug);
  ctxY = await tenantFor(ownerY.id, (await seedDataspace({ owner: ownerY, name: "Yankee" })).slug);
  tokenX = await seedApiToken(ctxX, ["admin"]);
  tokenY = await seedApiToken(ctxY, ["admin"]);
  [here, other] = await Promise.all([startGraphqlServer(), startOtherInstance()]);
}, 60_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  other?.child.kill("SIGKILL");
  await here?.stop();
});

describe("GraphQL subscriptions", () => {
  it("deliver a dataspace's events over WebSocket and SSE, across two instances, and never another dataspace's", async () => {
    const overWs = collector();
    const overSse = collector();
    const otherDataspace = collector();
    wsClient(here.url, tokenX).subscribe({ query: EVENTS, variables: { types: ["request.*"] } }, overWs.sink);
    sseClient(other.url, tokenX).subscribe({ query: EVENTS, variables: { types: ["request.*"] } }, overSse.sink);
    wsClient(here.url, tokenY).subscribe({ query: EVENTS }, otherDataspace.sink);
    await subscribersHere(ctxX.dataspace.id, 1);
    await subscribersHere(ctxY.dataspace.id, 1);
    await topicOf(ctxX.dataspace.id, 2);

    // Committed through the other instance: this instance learns of it only through NOTIFY.
    await createRequest(other.url, tokenX, { title: "Live across instances", priority: "urgent" });
    await createRequest(here.url, tokenX, { title: "Live from here" });
    for (const received of [overWs, overSse]) {
      await received.until(() => received.items.length >= 2);
      expect(received.items.map((item) => [item.type, item.data.title])).toEqual([
        ["request.added", "Live across instances"],
        ["request.added", "Live from here"],
      ]);
      expect(received.errors).toEqual([]);
    }
    // Y's subscriber, on the same instance, saw none of it.
    await createRequest(here.url, tokenY, { title: "Yankee's own" });
    await otherDataspace.until(() => otherDataspace.items.length >= 1);
    expect(otherDataspace.items.map((item) => item.data.title)).toEqual(["Yankee's own"]);
    expect(JSON.stringify(otherDataspace.items)).not.toContain("Live");
  });

  it("filters with the webhook filter language", async () => {
    const urgent = collector();
    wsClient(here.url, tokenX).subscribe({ query: EVENTS, variables: { types: ["request.added"], filter: 'data.priority == "Urgent"' } }, urgent.sink);
    await subscribersHere(ctxX.dataspace.id, 2);
    await createRequest(here.url, tokenX, { title: "Calm one", priority: "low" });
    await createRequest(here.url, tokenX, { title: "Hot one", priority: "urgent" });
    await urgent.until(() => urgent.items.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(urgent.items.map((item) => item.data.title)).toEqual(["Hot one"]);
  });

  it("follow an object as its own route shows it, and skip what the subscriber may not see", async () => {
    const REQUEST = `subscription Follow($uuid: String) { requestChanged(uuid: $uuid) { uuid title status } }`;
    const viewer = await seedUser();
    await addMember(ctxX.dataspace, viewer, "VIEWER");
    const viewerToken = await seedApiToken(await tenantFor(viewer.id, ctxX.dataspace.slug), ["requests:read"]);
    const seenByViewer = collector();
    const seenByAdmin = collector();
    wsClient(here.url, viewerToken).subscribe({ query: REQUEST }, seenByViewer.sink);
    sseClient(other.url, tokenX).subscribe({ query: REQUEST }, seenByAdmin.sink);
    await topicOf(ctxX.dataspace.id, 2);
    await subscribersHere(ctxX.dataspace.id, 3);
    await createRequest(here.url, tokenX, { title: "Private matter", is_private: true });
    await createRequest(here.url, tokenX, { title: "Public matter" });
    const titles = (c: ReturnType<typeof collector>) => c.items.map((item) => item.title);
    await seenByAdmin.until(() => seenByAdmin.items.length >= 2);
    await seenByViewer.until(() => seenByViewer.items.length >= 1);
    expect(titles(seenByAdmin)).toEqual(["Private matter", "Public matter"]);
    expect(titles(seenByViewer)).toEqual(["Public matter"]);
    expect(seenByViewer.errors).toEqual([]);
  });

  it("refuses without a token, without the events scope, and with a bad filter", async () => {
    const anonymous = collector();
    const client = createWsClient({ url: here.url.replace(/^http/, "ws") + "/api/graphql", webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    clients.push(client);
    client.subscribe({ query: EVENTS }, anonymous.sink);
    await anonymous.until(() => anonymous.errors.length > 0);
    expect((anonymous.errors[0] as { code?: number }).code).toBe(4403);

    const reader = collector();
    wsClient(here.url, await seedApiToken(ctxX, ["requests:read"])).subscribe({ query: EVENTS }, reader.sink);
    await reader.until(() => reader.errors.length > 0);
    expect(JSON.stringify(reader.errors)).toContain("events:admin");
    expect(JSON.stringify(reader.errors)).toContain("FORBIDDEN");

    const badFilter = collector();
    sseClient(here.url, tokenX).subscribe({ query: EVENTS, variables: { filter: "data.title ==" } }, badFilter.sink);
    await badFilter.until(() => badFilter.errors.length > 0);
    expect(JSON.stringify(badFilter.errors)).toContain("BAD_USER_INPUT");
  });
});
