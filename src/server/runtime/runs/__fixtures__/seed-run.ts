import { randomUUID } from "node:crypto";
import { db } from "@/server/db/client";

/**
 * A run as the embedded executor leaves it mid-way — one step done, sleeping — written straight
 * to the runtime tables, for tests that need a run without serving functions (tenancy, roles).
 * It sets `dataspace_id` as the executor does once it stores the tenant at insert.
 */
const FUNCTION_ID = "switchboard-seeded-sync";

export async function seedRun(dataspace: { id: string } | null, options: { title?: string } = {}): Promise<{ id: string }> {
  await db.runtimeFunction.upsert({
    where: { id: FUNCTION_ID },
    update: {},
    create: {
      id: FUNCTION_ID,
      appId: "switchboard",
      name: "Seeded sync",
      url: "http://127.0.0.1:9/api/inngest?fnId=switchboard-seeded-sync&stepId=step",
      config: { id: FUNCTION_ID, name: "Seeded sync", url: "", maxAttempts: 1, events: [{ event: "request.added", expression: null }], crons: [], concurrency: [], throttle: null, idempotency: null },
    },
  });
  const eventRowId = randomUUID();
  const data = { ...(dataspace ? { dataspaceId: dataspace.id } : {}), payload: { title: options.title ?? "Seeded" } };
  const event = { id: randomUUID(), name: "request.added", data, ts: Date.now() };
  await db.runtimeEvent.create({ data: { id: eventRowId, eventId: event.id, name: event.name, data, ts: BigInt(event.ts) } });
  const run = await db.runtimeRun.create({
    data: { id: randomUUID(), functionId: FUNCTION_ID, eventId: eventRowId, event, dataspaceId: dataspace?.id ?? null, status: "RUNNING", startedAt: new Date() },
    select: { id: true },
  });
  await db.runtimeStep.create({ data: { runId: run.id, stepId: "c0ffee", name: "fetch", op: "StepRun", output: { type: "data", data: { ok: true } } } });
  await db.runtimeJob.create({ data: { runId: run.id, kind: "SLEEP", stepId: "5ee9", runAt: new Date(Date.now() + 3_600_000), data: { name: "wait a bit" } } });
  return run;
}
