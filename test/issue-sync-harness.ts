import { expect } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createRequest } from "@/server/records/requests/create-request";
import { addCommentInput, createRequestInput, updateRequestInput } from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";
import { startAppRuntime, type AppRuntime } from "./app-runtime";

/**
 * What the end-to-end issue-sync suites (src/server/integrations/<platform>/issue-sync/*-sync*.test.ts)
 * share: the app's runtime (test/app-runtime.ts) started alongside a platform's stateful fake, the
 * check after each test that the fake's contract gate saw no request the real API would refuse,
 * and the requests, links and polls the scenarios are written in. Each suite keeps its platform:
 * the fake's users and repositories, the integration's config. (test/issue-sync-fixtures.ts is
 * the runtime-less GitHub fixture of the procedure and route walks.)
 */

/** What the harness needs of a platform's fake; every fake under src/server/integrations/<platform>/fake/ has it. */
export type IssueSyncFake = {
  fault(fault: null): void;
  readonly violations: string[];
  /** Resolves when the webhooks the fake has sent (and sends meanwhile) have been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

export type IssueSyncRuntime<F extends IssueSyncFake> = { runtime: AppRuntime; fake: F };

/**
 * The fake, then the app's runtime with `env` and its retry backoff capped at 150 ms, so a run
 * that exhausts its retries does so within a test. If the runtime does not start, the fake is closed.
 */
export async function startIssueSyncRuntime<F extends IssueSyncFake>(startFake: () => Promise<F>, env: Record<string, string>): Promise<IssueSyncRuntime<F>> {
  const fake = await startFake();
  try {
    return { fake, runtime: await startAppRuntime({ env, maxBackoffMs: 150 }) };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

/** For afterAll: stops what `startIssueSyncRuntime` started (if it got that far). */
export async function stopIssueSyncRuntime({ runtime, fake }: Partial<IssueSyncRuntime<IssueSyncFake>>): Promise<void> {
  await runtime?.stop();
  await fake?.close();
}

/**
 * For afterEach: no fault carries over to the next test, and the fake saw no request its platform
 * would refuse (`what` names them in the failure). `clear`: take the violations seen, so the next
 * test is not failed by this one's.
 */
export function expectNoViolations(fake: IssueSyncFake, what: string, options: { clear?: boolean } = {}): void {
  fake.fault(null);
  expect(options.clear ? fake.violations.splice(0) : fake.violations, what).toEqual([]);
}

/** A request made by a member: its input, or just its title. */
export const newRequest = (ctx: TenantContext, input: Record<string, unknown> | string) => createRequest(ctx, createRequestInput.parse(typeof input === "string" ? { title: input } : input));
export const edit = (ctx: TenantContext, id: string, patch: Record<string, unknown>) => updateRequest(ctx, updateRequestInput.parse({ id, patch }));
export const addComment = (ctx: TenantContext, requestId: string, text: string) => addRequestComment(ctx, addCommentInput.parse({ requestId, text }));
export const requestOf = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
export const linkOf = (requestId: string) => db.issueLink.findFirst({ where: { requestId } });

/**
 * Whether the dataspace's runtime is done: every run ended (completed or failed) and no inbound
 * event is received and unprocessed; `unrelayed`: and no event is waiting for the outbox relay.
 */
export async function runtimeQuiet(dataspaceId: string, options: { unrelayed?: boolean } = {}): Promise<boolean> {
  const [runs, inbound, unrelayed] = await Promise.all([
    db.runtimeRun.findMany({ where: { dataspaceId }, select: { status: true } }),
    db.webhookEvent.count({ where: { dataspaceId, status: { in: ["RECEIVED", "PROCESSING"] } } }),
    options.unrelayed ? db.event.count({ where: { dataspaceId, relayedAt: null } }) : 0,
  ]);
  return runs.every((r) => r.status === "COMPLETED" || r.status === "FAILED") && inbound === 0 && unrelayed === 0;
}

/**
 * The polls of a suite, each giving up after `timeout` ms. `fake` is read when a poll runs (the
 * suite's fake is started in its beforeAll).
 */
export function issueSyncPolls(fake: () => Pick<IssueSyncFake, "settled">, timeout: number) {
  /** The request's link once it is in `state`. */
  const linkIn = async (requestId: string, state: "SYNCED" | "FAILED", within = timeout) => {
    await expect.poll(async () => (await linkOf(requestId))?.state, { timeout: within }).toBe(state);
    return (await linkOf(requestId))!;
  };
  return {
    linkIn,
    syncedLink: (requestId: string, within = timeout) => linkIn(requestId, "SYNCED", within),
    /** The fake's webhooks answered, then the dataspace's runtime done (`runtimeQuiet`). */
    settled: async (dataspaceId: string) => {
      await fake().settled();
      await expect.poll(() => runtimeQuiet(dataspaceId), { timeout }).toBe(true);
    },
  };
}
