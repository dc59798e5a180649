import { AsyncLocalStorage } from "node:async_hooks";
import type { ScopedDb, ScopedTx } from "@/server/db/scoped";
import { signalOutbox } from "./outbox-signal";

/**
 * What a caller further up (the REST API's Idempotency-Key, src/server/rest/idempotency.ts) asks
 * of the next change that commits here, without the domain function knowing:
 * - `record`: runs inside the change's transaction with its result, before commit, so a note of
 *   the result commits with the change or not at all (a throw rolls the change back);
 * - `replay`: the change already committed earlier (a request retried after a crash): skip the
 *   work and return that result again, so nothing is created or published twice.
 * Only the first change of the operation is concerned; the store is spent once used.
 */
export type CommitHook =
  | { kind: "record"; record: (tx: ScopedTx, result: unknown) => Promise<void>; used?: boolean }
  | { kind: "replay"; result: unknown; used?: boolean };

const commitHooks = new AsyncLocalStorage<CommitHook>();

/** Runs `work` with `hook` applied to the first transactionWithEvents it makes. */
export function withCommitHook<T>(hook: CommitHook, work: () => Promise<T>): Promise<T> {
  return commitHooks.run(hook, work);
}

/**
 * Runs a change and the events it publishes in one transaction, then wakes the outbox relay so
 * the events leave at once rather than at the next sweep. Every domain function that publishes
 * events commits through here.
 */
export async function transactionWithEvents<T>(
  db: ScopedDb,
  work: (tx: ScopedTx) => Promise<T>,
  /** `maxWait`: how long to wait for a connection (Prisma's default, 2 s, for work that queues on a hot row). */
  options?: { maxWait?: number },
): Promise<T> {
  const hook = commitHooks.getStore();
  if (hook && !hook.used) {
    hook.used = true;
    if (hook.kind === "replay") return hook.result as T;
    const result = await db.$transaction(async (tx) => {
      const value = await work(tx);
      await hook.record(tx, value);
      return value;
    }, options);
    signalOutbox();
    return result;
  }
  const result = await db.$transaction(work, options);
  signalOutbox();
  return result;
}
