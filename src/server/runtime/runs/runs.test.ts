import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../../../../inngest/embedded/__fixtures__/harness";
import { db } from "@/server/db/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace } from "../../../../test/factories";
import { cancelRun } from "./cancel-run";
import { getRun, type RunDetail } from "./get-run";
import { listRuns, type RunList } from "./list-runs";
import { rerunRun } from "./rerun-run";
import { functionLabel, runOutcome } from "./run-outcome";
import { listRunsInput } from "./runs.schema";
import { wireTestRuntime } from "../../../../test/runtime-port";

/**
 * The Runs domain against the real executor: runs started by events of two dataspaces and one
 * instance-wide event, read, cancelled and rerun the way the Runs page does.
 */
const executed: Record<string, number> = {};
const count = (key: string) => (executed[key] = (executed[key] ?? 0) + 1);

let h: Harness;
let A: SeededDataspace;
let B: SeededDataspace;
let adminA: TenantContext;
let adminB: TenantContext;
let memberA: TenantContext;
let instanceAdminId: string;
let flakyFailures = 0;

const list = async (actor: Parameters<typeof listRuns>[0], input: Record<string, unknown> = {}) => {
  const page = await listRuns(actor, listRunsInput.parse(input));
  if (page.external) throw new Error("expected the embedded runtime");
  return page as RunList;
};
const detail = async (ctx: TenantContext, id: string) => (await getRun({ tenant: ctx }, id)) as RunDetail;
const runCount = async () => Number((await h.db.query("SELECT count(*) FROM runtime_run")).rows[0].count);

beforeAll(async () => {
  process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1";
  wireTestRuntime();
  h = await startHarness((inngest) => [
    inngest.createFunction({ id: "quick", triggers: [{ event: "test/quick" }] }, async ({ event, step }) => {
      const greeting = await step.run("greet", () => count(`greet:${event.data.tag}`) && `hello ${event.data.tag}`);
      return { greeting };
    }),
    inngest.createFunction({ id: "sleepy", triggers: [{ event: "test/sleepy" }] }, async ({ event, step }) => {
      await step.run("before", () => count(`before:${event.data.tag}`));
      await step.sleep("nap", "1s");
      await step.run("after", () => count(`after:${event.data.tag}`));
    }),
    // Like deliver-webhooks: no steps, one call over a group, the tally as its output.
    inngest.createFunction({ id: "deliver-webhooks", name: "Deliver webhooks", triggers: [{ event: "test/deliveries" }] }, async ({ event }) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return event.data.tally;
    }),
    inngest.createFunction({ id: "doomed", retries: 0, triggers: [{ event: "test/doomed" }] }, async () => {
      throw new Error("the database is gone");
    }),
    inngest.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "test/flaky" }] }, async ({ step }) =>
      step.run("sometimes", () => {
        if (flakyFailures++ < 1) throw new Error("upstream said 503");
        return "recovered";
      }),
    ),
  ]);
  const [ownerA, ownerB, member, root] = await Promise.all([seedUser(), seedUser(), seedUser(), seedUser()]);
  A = await seedDataspace({ owner: ownerA, name: "Alpha runs" });
  B = await seedDataspace({ owner: ownerB, name: "Bravo runs" });
  await addMember(A, member, "MEMBER");
  await db.user.update({ where: { id: root.id }, data: { isInstanceAdmin: true } });
  instanceAdminId = root.id;
  [adminA, adminB, memberA] = await Promise.all([tenantFor(ownerA.id, A.slug), tenantFor(ownerB.id, B.slug), tenantFor(member.id, A.slug)]);
});
afterAll(() => h?.stop());

describe("runs of a dataspace", () => {
  it("lists only the dataspace's own runs, newest first, page by page", async () => {
    for (const tag of ["a1", "a2", "a3"]) await h.inngest.send({ name: "test/quick", data: { dataspaceId: A.id, tag } });
    await h.inngest.send({ name: "test/quick", data: { dataspaceId: B.id, tag: "b1" } });
    await h.inngest.send({ name: "test/quick", data: { tag: "instance-wide" } });
    await expect.poll(async () => (await h.runsOf("quick")).filter((r) => r.status === "COMPLETED").length, { timeout: 10_000 }).toBe(5);

    const first = await list({ tenant: adminA }, { limit: 2, functionId: "sbtest-quick" });
    expect(first.items.map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED"]);
    const second = await list({ tenant: adminA }, { limit: 2, functionId: "sbtest-quick", cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    const tags = await Promise.all(all.map(async (r) => ((await detail(adminA, r.id)).event as { data: { tag: string } }).data.tag));
    expect(tags).toEqual(["a3", "a2", "a1"]);
    expect(all[0]).toMatchObject({ functionName: "quick", eventName: "test/quick" });
    expect(first.functions.map((f) => f.id)).toContain("sbtest-quick");

    expect((await list({ tenant: adminB })).items).toHaveLength(1);
    const instance = await list({ instanceAdmin: instanceAdminId });
    expect(instance.items).toHaveLength(1);
    expect(((await getRun({ instanceAdmin: instanceAdminId }, instance.items[0].id)) as RunDetail).event).toMatchObject({ data: { tag: "instance-wide" } });
  });

  it("filters by status and rejects a forged cursor", async () => {
    expect((await list({ tenant: adminA }, { status: "FAILED" })).items).toEqual([]);
    expect((await list({ tenant: adminA }, { status: "COMPLETED" })).items.length).toBeGreaterThanOrEqual(3);
    await expect(list({ tenant: adminA }, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is for admins: members and non-instance-admins are refused", async () => {
    await expect(listRuns({ tenant: memberA }, listRunsInput.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listRuns({ instanceAdmin: adminA.actor.userId }, listRunsInput.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows a run's steps, failed attempts with their backoff, and its trigger event", async () => {
    await h.inngest.send({ name: "test/flaky", data: { dataspaceId: A.id } });
    const { id } = await h.waitForRun("flaky");
    const run = await detail(adminA, id);
    expect(run).toMatchObject({ status: "COMPLETED", output: "recovered", event: { name: "test/flaky", data: { dataspaceId: A.id } } });
    expect(run.steps.map((s) => [s.name, s.op, s.ok, s.result, s.attempts])).toEqual([["sometimes", "StepRun", true, "recovered", 2]]);
    expect(run.attempts).toHaveLength(1);
    const [attempt] = run.attempts;
    expect(attempt).toMatchObject({ stepName: "sometimes", attempt: 0, error: { message: "upstream said 503" } });
    expect(attempt.delayMs).toBeGreaterThan(0);
    expect(attempt.retryAt!.getTime()).toBeGreaterThan(attempt.createdAt.getTime());
    expect(run.pending).toEqual([]);
  });

  it("never lets B's admin see, cancel or rerun A's run", async () => {
    const [runA] = (await list({ tenant: adminA }, { functionId: "sbtest-quick" })).items;
    const before = await runCount();
    await expect(getRun({ tenant: adminB }, runA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelRun({ tenant: adminB }, runA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rerunRun({ tenant: adminB }, runA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRun({ instanceAdmin: instanceAdminId }, runA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await runCount()).toBe(before);
    expect((await detail(adminA, runA.id)).status).toBe("COMPLETED");
  });
});

describe("what the Runs page shows of a run", () => {
  it("times a run that ends in its first call from that call's start, not 0 ms", async () => {
    const tally = { succeeded: 2, retrying: 0, failed: 3, held: 0, deferred: 0, skipped: 0 };
    await h.inngest.send({ name: "test/deliveries", data: { dataspaceId: A.id, tally } });
    const { id } = await h.waitForRun("deliver-webhooks", (r) => r.status === "COMPLETED");
    const [summary] = (await list({ tenant: adminA }, { functionId: "sbtest-deliver-webhooks" })).items;
    expect(summary).toMatchObject({ id, functionName: "Deliver webhooks", status: "COMPLETED" });
    // The function waits 50 ms inside its one call.
    expect(summary.durationMs).toBeGreaterThanOrEqual(50);
    expect(summary.endedAt!.getTime() - summary.startedAt!.getTime()).toBe(summary.durationMs);
    expect(summary.startedAt!.getTime()).toBeGreaterThanOrEqual(summary.createdAt.getTime());
    expect((await detail(adminA, id)).steps).toEqual([]);
  });

  it("says a completed run whose deliveries failed is not a plain success", async () => {
    const [summary] = (await list({ tenant: adminA }, { functionId: "sbtest-deliver-webhooks" })).items;
    expect(summary.outcome).toEqual({ tone: "warning", text: "Completed — 3 of 5 deliveries failed" });
    expect((await detail(adminA, summary.id)).outcome).toEqual(summary.outcome);

    await h.inngest.send({ name: "test/doomed", data: { dataspaceId: A.id } });
    const { id } = await h.waitForRun("doomed", (r) => r.status === "FAILED");
    expect((await detail(adminA, id)).outcome).toEqual({ tone: "failure", text: "Failed — the database is gone" });
  });

  it("gives each finished step its start and end", async () => {
    const [quick] = (await list({ tenant: adminA }, { functionId: "sbtest-quick" })).items;
    const [step] = (await detail(adminA, quick.id)).steps;
    expect(step.startedAt).not.toBeNull();
    expect(step.endedAt.getTime()).toBeGreaterThanOrEqual(step.startedAt!.getTime());
  });

  it("words the outcome of every kind of run", () => {
    const completed = (output: unknown, functionId = "switchboard-deliver-webhooks") => runOutcome({ functionId, status: "COMPLETED", output, error: null });
    expect(completed({ succeeded: 5, retrying: 0, failed: 0, held: 0, deferred: 0, skipped: 0 })).toEqual({ tone: "success", text: "Completed — 5 of 5 deliveries succeeded" });
    expect(completed({ succeeded: 3, retrying: 2, failed: 0, held: 1, deferred: 0, skipped: 0 })).toEqual({ tone: "warning", text: "Completed — 2 of 6 deliveries will be retried, 1 held" });
    expect(completed({ succeeded: 1, retrying: 1, failed: 1, held: 0, deferred: 0, skipped: 0 })).toEqual({ tone: "warning", text: "Completed — 1 of 3 deliveries failed, 1 will be retried" });
    expect(completed({ processed: 0, failed: 1, retrying: 0, skipped: 0 }, "switchboard-process-inbound-events")).toEqual({ tone: "warning", text: "Completed — 1 of 1 inbound event failed" });
    expect(completed({ resumed: true, released: 4 })).toEqual({ tone: "success", text: "Completed" });
    expect(completed({ failed: -1 })).toEqual({ tone: "success", text: "Completed" });
    expect(completed(null)).toEqual({ tone: "success", text: "Completed" });
    expect(runOutcome({ functionId: "x", status: "CANCELLED", output: null, error: { message: "Cancelled from the Runs page" } })).toEqual({ tone: "neutral", text: "Cancelled" });
    expect(runOutcome({ functionId: "x", status: "RUNNING", output: null, error: null }).text).toBe("");
    expect(functionLabel("switchboard-deliver-webhooks", null)).toBe("Deliver webhooks");
    expect(functionLabel("switchboard-deliver-webhooks", "switchboard-deliver-webhooks")).toBe("Deliver webhooks");
    expect(functionLabel("sbtest-quick", "quick")).toBe("quick");
  });
});

describe("run control", () => {
  it("cancels a sleeping run: the step after the sleep never executes", async () => {
    await h.inngest.send({ name: "test/sleepy", data: { dataspaceId: A.id, tag: "s1" } });
    const { id } = await h.waitForRun("sleepy", (r) => r.status === "RUNNING");
    await expect.poll(async () => (await detail(adminA, id)).status, { timeout: 10_000 }).toBe("SLEEPING");
    expect((await detail(adminA, id)).pending).toEqual([expect.objectContaining({ kind: "sleep", stepName: "nap" })]);

    expect(await cancelRun({ tenant: adminA }, id)).toEqual({ external: false, id, status: "CANCELLED" });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the nap would have ended after 1 s
    const run = await detail(adminA, id);
    expect(run).toMatchObject({ status: "CANCELLED", pending: [] });
    expect(run.endedAt).not.toBeNull();
    expect(executed["before:s1"]).toBe(1);
    expect(executed["after:s1"]).toBeUndefined();
    expect((await h.db.query("SELECT count(*)::int AS n FROM runtime_job WHERE run_id = $1", [id])).rows[0].n).toBe(0);

    await expect(cancelRun({ tenant: adminA }, id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/was already cancelled/) });
  });

  it("reruns a run as a new, independent run that completes", async () => {
    await h.inngest.send({ name: "test/quick", data: { dataspaceId: A.id, tag: "again" } });
    const original = await h.waitForRun("quick", (r) => r.event.data.tag === "again" && r.status === "COMPLETED");
    const rerun = await rerunRun({ tenant: adminA }, original.id);
    if (rerun.external) throw new Error("expected the embedded runtime");
    expect(rerun.id).not.toBe(original.id);

    const done = await h.waitForRun("quick", (r) => r.id === rerun.id && r.status === "COMPLETED");
    expect(done.output).toEqual({ greeting: "hello again" });
    expect(executed["greet:again"]).toBe(2);
    const [old, fresh] = await Promise.all([detail(adminA, original.id), detail(adminA, rerun.id)]);
    expect(fresh.event).toEqual(old.event);
    expect(old.status).toBe("COMPLETED");
    expect((await list({ tenant: adminA })).items[0].id).toBe(rerun.id);
  });
});

describe("on Inngest (no embedded executor)", () => {
  it("says runs are in Inngest's dashboard, after the same role check", async () => {
    delete process.env.SWITCHBOARD_EMBEDDED_RUNTIME;
    try {
      expect(await listRuns({ tenant: adminA }, listRunsInput.parse({}))).toEqual({ external: true });
      await expect(listRuns({ tenant: memberA }, listRunsInput.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1";
    }
  });
});
