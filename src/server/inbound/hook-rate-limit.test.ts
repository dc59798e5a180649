import { randomUUID } from "node:crypto";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { takeHookSlot } from "./hook-rate-limit";

process.env.INBOUND_RATE_LIMIT_PER_MINUTE = "200"; // leases of 10
resetEnvCache();

describe("inbound rate limit", () => {
  it("lets exactly the limit through from leases, refuses the rest from memory, and keeps integrations apart", async () => {
    const integration = randomUUID();
    const writes = vi.spyOn(RateLimiterPostgres.prototype, "consume");
    const answers = [];
    for (let round = 0; round < 23; round++) answers.push(...(await Promise.all(Array.from({ length: 10 }, () => takeHookSlot(integration)))));
    expect(answers.filter((a) => a.allowed)).toHaveLength(200);
    const refused = answers.filter((a) => !a.allowed);
    expect(refused).toHaveLength(30);
    for (const answer of refused) expect(answer).toMatchObject({ allowed: false, remaining: 0, resetSeconds: expect.any(Number) });
    // The shared counter saw leases of 10 (and one refused), not one write per request.
    expect(writes).toHaveBeenCalledTimes(21);
    writes.mockRestore();
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `inbound_integration:${integration}` } });
    expect(row.points).toBeGreaterThanOrEqual(200);
    expect((await takeHookSlot(randomUUID())).allowed).toBe(true);
  });

  it("hands out the end of a window one by one when a whole lease no longer fits", async () => {
    const integration = randomUUID();
    // Another instance already spent 195 of this window's 200.
    const { dbPool } = await import("@/server/db/client");
    const other = new RateLimiterPostgres({ storeClient: dbPool(), storeType: "pool", tableName: "rate_limits", tableCreated: true, keyPrefix: "inbound_integration", points: 200, duration: 60 });
    await other.consume(integration, 195);
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await takeHookSlot(integration));
    expect(answers.filter((a) => a.allowed)).toHaveLength(5);
  });
});
