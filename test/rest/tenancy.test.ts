import { beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "@/server/rest/routes";
import { snapshotDataspace } from "../snapshot";
import { call } from "./api";
import { CASES, seedTwoDataspaces, traceOfA, type Fixture } from "./tenancy-cases";

describe("REST API across dataspaces", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await seedTwoDataspaces();
  });

  it("has a case for every route", () => {
    const declared = apiRoutes.map((route) => `${route.method} ${route.path}`).sort();
    expect(Object.keys(CASES).sort()).toEqual(declared);
  });

  it("a token of B reaches nothing of A on any route, and A's rows stay the same", async () => {
    const before = await snapshotDataspace(f.A.id);
    for (const route of apiRoutes) {
      const key = `${route.method} ${route.path}`;
      for (const attempt of CASES[key]?.(f) ?? []) {
        const answer = await call(route.method, attempt.path, { token: f.tokenB, body: attempt.body });
        const label = `${key} as ${attempt.path}`;
        if (attempt.expect === "own") {
          expect(answer.status, label).toBe(attempt.bGets ?? attempt.ownerGets);
        } else {
          expect(answer.status, label).toBe(attempt.expect);
          expect(answer.headers.get("content-type"), label).toBe("application/problem+json");
        }
        for (const trace of traceOfA(f)) expect(answer.text, `${label} leaks "${trace}"`).not.toContain(trace);
      }
    }
    expect(await snapshotDataspace(f.A.id)).toEqual(before);
  });

  it("the same calls with A's own token reach A's objects (so each attempt named a real one)", async () => {
    const requestB = f.requestB.id;
    for (const route of apiRoutes) {
      const key = `${route.method} ${route.path}`;
      for (const attempt of CASES[key]?.(f) ?? []) {
        // The mixed case names B's request, which A cannot see either: A's own view is its own request.
        const path = attempt.path.replace(requestB, f.requestA.id);
        const answer = await call(route.method, path, { token: f.tokenA, body: attempt.body });
        expect(answer.status, `${key} as ${path}: ${answer.text.slice(0, 200)}`).toBe(attempt.ownerGets);
        if (attempt.expect === "own" && route.method === "GET" && route.kind === "list" && !path.includes("?")) {
          expect(answer.body.results.length, `${key} lists A's objects for A`).toBeGreaterThan(0);
        }
      }
    }
  });
});
