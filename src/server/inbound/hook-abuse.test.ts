import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { applyServerLimits } from "@/server/http/server-limits";
import { githubDelivery, githubExample, integrationTenant, seedIntegration, webhookEventsOf } from "../../../test/integration-fixtures";
import { MAX_SLOW_REQUESTS_PER_ADDRESS, serveHook, slowBodiesFrom } from "./serve-hook";

/**
 * Someone who knows an inbound URL but not its secret, over real HTTP as server.ts serves it:
 * forgeries must not spend the integration's budget, refusals are limited per source address
 * (told apart by X-Forwarded-For, with TRUST_PROXY as behind a proxy), slow bodies are cut off.
 */
const PER_MINUTE = 25;
const REFUSED_PER_MINUTE = 40;
const BODY_TIMEOUT_MS = 1_000;
process.env.INBOUND_RATE_LIMIT_PER_MINUTE = String(PER_MINUTE);
process.env.INBOUND_REFUSED_PER_MINUTE = String(REFUSED_PER_MINUTE);
process.env.INBOUND_BODY_TIMEOUT_MS = String(BODY_TIMEOUT_MS);
process.env.TRUST_PROXY = "true";
resetEnvCache();

let server: http.Server;
let base: string;
let ctx: Awaited<ReturnType<typeof integrationTenant>>;

beforeAll(async () => {
  ctx = await integrationTenant("Abuse team");
  server = http.createServer(serveHook);
  applyServerLimits(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function github() {
  const webhookSecret = `whsec-${randomBytes(12).toString("hex")}`;
  return { ...(await seedIntegration(ctx, { config: { repository: "octo-org/hello-world", webhookSecret } })), webhookSecret };
}

async function post(path: string, delivery: { body: string; headers: Record<string, string> }, from: string) {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { ...delivery.headers, "x-forwarded-for": from }, body: delivery.body });
  return { status: response.status, body: (await response.json()) as { error?: string; status?: string } };
}

/** A request whose headers and first bytes arrive, then nothing: resolves with the answer, or "closed" if none came. */
function trickle(path: string, from: string) {
  return new Promise<{ status: number | "closed"; connection?: string }>((resolve) => {
    const request = http.request(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "1000", "x-forwarded-for": from },
    });
    request.on("response", (response) => {
      response.resume();
      response.on("close", () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
    });
    request.on("error", () => resolve({ status: "closed" }));
    request.write('{"action": "op');
  });
}

describe("inbound URLs under attack", () => {
  it("hundreds of forgeries spend nothing of the integration's budget: the genuine delivery after them is accepted, the forger refused", async () => {
    const hook = await github();
    const forger = "203.0.113.7";
    const genuine = await githubDelivery(hook.webhookSecret, "issues", githubExample("issues", "opened"));
    const forged = { ...genuine, headers: { ...genuine.headers, "x-hub-signature-256": `sha256=${randomBytes(32).toString("hex")}` } };
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) statuses.push(...(await Promise.all(Array.from({ length: 30 }, async () => (await post(hook.path, forged, forger)).status))));
    expect(statuses.filter((status) => status === 401)).toHaveLength(REFUSED_PER_MINUTE);
    expect(statuses.filter((status) => status === 429)).toHaveLength(300 - REFUSED_PER_MINUTE);

    // GitHub, from its own address: accepted, and the whole budget is still there.
    const accepted = await post(hook.path, genuine, "140.82.115.1");
    expect(accepted).toMatchObject({ status: 202, body: { status: "received" } });
    const more = await Promise.all(
      Array.from({ length: PER_MINUTE - 1 }, async () => (await post(hook.path, await githubDelivery(hook.webhookSecret, "push", githubExample("push")), "140.82.115.1")).status),
    );
    expect(more.every((status) => status === 202)).toBe(true);
    expect(await webhookEventsOf(hook.id)).toHaveLength(PER_MINUTE);

    // The forger stays refused; a genuine delivery from that same address (a shared sender, such
    // as GitHub's servers delivering a webhook someone set up with a wrong secret) still goes through.
    const refused = await post(hook.path, forged, forger);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/^Too many refused requests from this address; retry in \d+ s$/);
    const other = await github();
    expect((await post(other.path, await githubDelivery(other.webhookSecret, "push", githubExample("push")), forger)).status).toBe(202);
    // Verification ran only for the requests in flight when the address ran out (one round of 30), not for the 300.
    expect((await db.integration.findUniqueOrThrow({ where: { id: hook.id } })).authFailures).toBeLessThanOrEqual(REFUSED_PER_MINUTE + 30);
  }, 90_000);

  it("counts unknown URLs and malformed bodies against the address too", async () => {
    const prober = "203.0.113.8";
    const path = `/api/hooks/sbh_${randomBytes(24).toString("base64url")}`;
    const statuses = [];
    for (let i = 0; i < REFUSED_PER_MINUTE + 5; i++) statuses.push((await post(path, { body: "{}", headers: { "content-type": "application/json" } }, prober)).status);
    expect(statuses.slice(0, REFUSED_PER_MINUTE).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(REFUSED_PER_MINUTE)).toEqual([429, 429, 429, 429, 429]);
  });

  it("cuts a trickled body off after INBOUND_BODY_TIMEOUT_MS with 408 and closes the connection, logging nothing", async () => {
    const hook = await github();
    const errors = vi.spyOn(console, "error");
    const answer = await trickle(hook.path, "203.0.113.9");
    expect(answer).toEqual({ status: 408, connection: "close" });
    expect(slowBodiesFrom("203.0.113.9")).toBe(0);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
  });

  it(`holds at most ${MAX_SLOW_REQUESTS_PER_ADDRESS} slow bodies per address: the next is refused at once, other addresses are not`, async () => {
    const hook = await github();
    const slowpoke = "203.0.113.10";
    const held = Array.from({ length: MAX_SLOW_REQUESTS_PER_ADDRESS }, () => trickle(hook.path, slowpoke));
    await expect.poll(() => slowBodiesFrom(slowpoke)).toBe(MAX_SLOW_REQUESTS_PER_ADDRESS);
    const over = await trickle(hook.path, slowpoke);
    expect(over.status === 429 || over.status === "closed").toBe(true);
    expect(slowBodiesFrom(slowpoke)).toBe(MAX_SLOW_REQUESTS_PER_ADDRESS);
    // Someone else is served meanwhile.
    expect((await post(hook.path, await githubDelivery(hook.webhookSecret, "push", githubExample("push")), "140.82.115.2")).status).toBe(202);
    for (const answer of await Promise.all(held)) expect(answer.status).toBe(408);
  });

  it("gives clients less time than Node's defaults for headers and whole requests", () => {
    expect(server.headersTimeout).toBeLessThan(60_000);
    expect(server.requestTimeout).toBeLessThan(300_000);
  });
});
