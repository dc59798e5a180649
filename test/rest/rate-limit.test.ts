import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedUser, tenantFor } from "../factories";
import { apiAs } from "./api";

/** Per-token budgets with the IETF draft's headers; counted in PostgreSQL (shared by instances). */
describe("rate limits", () => {
  beforeAll(() => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    resetEnvCache();
  });

  it("counts down per token, then answers 429 with Retry-After; other tokens keep their own budget", async () => {
    const owner = await seedUser();
    const ctx = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    const busy = apiAs(await seedApiToken(ctx, ["read"]));
    const calm = apiAs(await seedApiToken(ctx, ["read"]));

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await busy.get("/requests"));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    for (const answer of answers) {
      expect(answer.headers.get("ratelimit-limit")).toBe("3");
      expect(Number(answer.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
      expect(Number(answer.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
    }
    const refused = answers[3];
    expect(refused.body).toMatchObject({ type: "urn:switchboard:problem:rate-limited", status: 429 });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Refused before anything else: even a write a read token may not make is just "too many".
    expect((await busy.post("/requests", { title: "x" })).status).toBe(429);

    expect((await calm.get("/requests")).status).toBe(200);
  });

  it("leases the budget from PostgreSQL in slices, and still counts every request", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "60"; // leases of 3
    resetEnvCache();
    const owner = await seedUser();
    const api = apiAs(await seedApiToken(await tenantFor(owner.id, (await seedDataspace({ owner })).slug), ["read"]));
    const remaining = [];
    for (let i = 0; i < 7; i++) remaining.push((await api.get("/requests")).headers.get("ratelimit-remaining"));
    expect(remaining).toEqual(["59", "58", "57", "56", "55", "54", "53"]);
  });
});
