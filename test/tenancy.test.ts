import { beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "./factories";
import { callProcedure, listProcedures, outcome } from "./procedures";
import { snapshotDataspace } from "./snapshot";
import { CASES, expectNoTraceOfB, seedTwoDataspaces, type Fixture } from "./tenancy-cases";

/**
 * THE cross-tenant test. The owner of dataspace A calls every procedure of the API, aimed at
 * dataspace B: with B's slug (as a non-member) and with A's slug but B's ids. Nothing of B may
 * come back, and B's rows must be byte-for-byte the same afterwards.
 *
 * Every procedure needs an entry in CASES (tenancy-cases.ts); a new procedure without one fails this test.
 */

const procedures = listProcedures();

describe("cross-tenant access", () => {
  let f: Fixture;
  let snapshotOfB: unknown;

  beforeAll(async () => {
    f = await seedTwoDataspaces();
    snapshotOfB = await snapshotDataspace(f.B.id);
  });

  const expectBUnchanged = async () => expect(await snapshotDataspace(f.B.id)).toEqual(snapshotOfB);

  it("has a cross-tenant case for every procedure of the API", () => {
    const missing = procedures.filter((p) => !CASES[p.path]).map((p) => `add a cross-tenant case for ${p.path}`);
    expect(missing).toEqual([]);
    const stale = Object.keys(CASES).filter((path) => !procedures.some((p) => p.path === path));
    expect(stale, "cases for procedures that no longer exist").toEqual([]);
  });

  it("declares each procedure with the scope it really has", () => {
    const wrong = procedures
      .filter((p) => CASES[p.path] && (CASES[p.path].scope === "dataspace") !== p.dataspaceScoped)
      .map((p) => `${p.path} is ${p.dataspaceScoped ? "" : "not "}a dataspace procedure`);
    expect(wrong).toEqual([]);
  });

  for (const { path, dataspaceScoped } of procedures) {
    const testCase = CASES[path];
    if (!testCase) continue;

    if (testCase.scope === "instance") {
      it(`${path}: ${testCase.why}`, async () => {
        await testCase.check(f);
        await expectBUnchanged();
      });
      continue;
    }
    if (!dataspaceScoped) continue; // reported by the scope test above

    it(`${path}: a non-member naming B's slug gets NOT_FOUND`, async () => {
      const input = { dataspace: f.B.slug, ...testCase.input(f) };
      expect(await outcome(callProcedure(callerFor(f.ownerA.id), path, input))).toBe("NOT_FOUND");
      expect(await outcome(callProcedure(callerFor(null), path, input))).toBe("UNAUTHORIZED");
      await expectBUnchanged();
    });

    const expected = testCase.asOwnerOfA;
    if (typeof expected === "object") continue;
    it(`${path}: A's owner naming B's rows through A gets ${expected}`, async () => {
      const call = callProcedure(callerFor(f.ownerA.id), path, { dataspace: f.A.slug, ...testCase.input(f) });
      if (expected === "OK") expectNoTraceOfB(await call, f);
      else expect(await outcome(call)).toBe(expected);
      await expectBUnchanged();
    });
  }

  it("left every row of B as it was", () => expectBUnchanged());

  // Runs last: it changes B. It proves the refusals above came from tenancy, not from bad input.
  it("lets B's owner make the very calls that were refused, in B", async () => {
    const asOwnerB = callerFor(f.ownerB.id);
    const results: Record<string, string> = {};
    const removesSomething = (path: string) => /\.(remove|delete)$/.test(path);
    const ordered = Object.entries(CASES).sort(([a], [b]) => Number(removesSomething(a)) - Number(removesSomething(b)));
    for (const [path, testCase] of ordered) {
      if (testCase.scope !== "dataspace" || !["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(testCase.asOwnerOfA as string)) continue;
      results[path] = await outcome(callProcedure(asOwnerB, path, { dataspace: f.B.slug, ...testCase.input(f) }));
    }
    expect(Object.keys(results).length).toBeGreaterThan(5);
    expect(results).toEqual(Object.fromEntries(Object.keys(results).map((path) => [path, "OK"])));
  });
});
