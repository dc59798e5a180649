import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { closeDbPool, dbPool } from "./client";

// DATABASE_POOL_SIZE is read through src/env.ts like every other setting, so a typo stops the
// process with the setting's name instead of becoming a pool of NaN connections.
describe("the shared connection pool", () => {
  const saved = process.env.DATABASE_POOL_SIZE;
  afterEach(async () => {
    process.env.DATABASE_POOL_SIZE = saved;
    resetEnvCache();
    await closeDbPool();
  });

  it("has as many connections as DATABASE_POOL_SIZE says", async () => {
    process.env.DATABASE_POOL_SIZE = "7";
    resetEnvCache();
    await closeDbPool();
    expect(dbPool().options.max).toBe(7);
  });

  it.each(["many", "2.5", "0", "-3"])("refuses DATABASE_POOL_SIZE=%s, naming the setting", async (value) => {
    process.env.DATABASE_POOL_SIZE = value;
    resetEnvCache();
    await closeDbPool();
    expect(() => dbPool()).toThrow(/DATABASE_POOL_SIZE/);
  });
});
