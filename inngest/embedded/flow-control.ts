import { evaluateKey } from "./expressions";
import type { FunctionDef } from "./registry";

/**
 * Keys that tie runs together for flow control, computed once from the trigger event when the
 * run is created and stored on it, as Inngest does.
 */
export function concurrencyKeys(def: FunctionDef, event: unknown): string[] {
  return def.concurrency.map((c) => {
    const value = c.key ? (evaluateKey(c.key, { event }) ?? "") : "";
    // fn-scoped limits are per function; env/account-scoped keys are shared across functions.
    return c.scope === "fn" ? `fn:${def.id}:${c.key ?? ""}:${value}` : `env:${c.key ?? ""}:${value}`;
  });
}

/** The limit that goes with each key of `concurrencyKeys`, in the same order. */
export function concurrencyLimits(def: FunctionDef): number[] {
  return def.concurrency.map((c) => c.limit);
}

export function throttleKey(def: FunctionDef, event: unknown): string | null {
  if (!def.throttle) return null;
  return def.throttle.key ? `${def.throttle.key}:${evaluateKey(def.throttle.key, { event }) ?? ""}` : "";
}

/** Inngest's idempotency key: at most one run per function and key value in 24 hours. */
export function idempotencyKey(def: FunctionDef, event: unknown): string | null {
  if (!def.idempotency) return null;
  const value = evaluateKey(def.idempotency, { event });
  return value === null ? null : `idem:${def.id}:${value}`;
}

/**
 * In-process concurrency slots. One executor drives the database (see the leader lock), so the
 * count of steps in progress per key lives in memory; a restart starts from zero, which is
 * right because nothing is in progress after a restart.
 */
export class ConcurrencySlots {
  private active = new Map<string, number>();

  tryAcquire(keys: string[], limits: number[]): boolean {
    if (keys.some((key, i) => (this.active.get(key) ?? 0) >= (limits[i] ?? Infinity))) return false;
    for (const key of keys) this.active.set(key, (this.active.get(key) ?? 0) + 1);
    return true;
  }

  release(keys: string[]): void {
    for (const key of keys) {
      const left = (this.active.get(key) ?? 1) - 1;
      if (left <= 0) this.active.delete(key);
      else this.active.set(key, left);
    }
  }
}
