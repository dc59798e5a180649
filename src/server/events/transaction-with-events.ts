import type { ScopedDb, ScopedTx } from "@/server/db/scoped";
import { signalOutbox } from "./outbox-signal";

/**
 * Runs a change and the events it publishes in one transaction, then wakes the outbox relay so
 * the events leave at once rather than at the next sweep. Every domain function that publishes
 * events commits through here.
 */
export async function transactionWithEvents<T>(db: ScopedDb, work: (tx: ScopedTx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(work);
  signalOutbox();
  return result;
}
