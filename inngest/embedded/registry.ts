import { parseDurationMs } from "./durations";
import { checkExpression, matches } from "./expressions";
import type { SyncedFunction } from "./protocol";

/**
 * The app's functions as the executor understands them, built from the in-band sync answer.
 * Config the executor does not implement is reported (never silently ignored).
 */
export type Concurrency = { limit: number; key: string | null; scope: "fn" | "env" | "account" };

export type FunctionDef = {
  id: string;
  name: string;
  url: string;
  maxAttempts: number;
  events: { event: string; expression: string | null }[];
  crons: string[];
  concurrency: Concurrency[];
  throttle: { limit: number; periodMs: number; key: string | null } | null;
  idempotency: string | null;
};

/** Inngest's default when a function sets no `retries`: 4 retries, 5 attempts. */
const DEFAULT_RETRIES = 4;
const SUPPORTED = new Set(["id", "name", "triggers", "steps", "concurrency", "throttle", "idempotency"]);

export function toFunctionDef(fn: SyncedFunction, warn: (message: string) => void): FunctionDef {
  const step = Object.values(fn.steps ?? {})[0];
  if (!step) throw new Error(`Function ${fn.id} has no step entry in its sync answer`);
  for (const key of Object.keys(fn)) {
    if (!SUPPORTED.has(key) && fn[key] !== undefined && fn[key] !== null) {
      warn(`function ${fn.id}: "${key}" is not supported by the embedded executor and is ignored (${JSON.stringify(fn[key])})`);
    }
  }
  const events: FunctionDef["events"] = [];
  const crons: string[] = [];
  for (const trigger of fn.triggers ?? []) {
    if ("cron" in trigger) crons.push(trigger.cron);
    else {
      if (trigger.expression) checkExpression(trigger.expression);
      events.push({ event: trigger.event, expression: trigger.expression ?? null });
    }
  }
  const rawConcurrency = fn.concurrency as { limit?: number; key?: string; scope?: string }[] | { limit?: number } | number | undefined;
  const concurrencyList = rawConcurrency === undefined ? [] : Array.isArray(rawConcurrency) ? rawConcurrency : typeof rawConcurrency === "number" ? [{ limit: rawConcurrency }] : [rawConcurrency];
  const concurrency = concurrencyList
    .filter((c) => (c.limit ?? 0) > 0)
    .map((c) => {
      const scope = (c as { scope?: string }).scope ?? "fn";
      if (scope === "account") warn(`function ${fn.id}: concurrency scope "account" is treated as "env" (one executor, one environment)`);
      const key = (c as { key?: string }).key ?? null;
      if (key) checkExpression(key);
      return { limit: c.limit!, key, scope: scope as Concurrency["scope"] };
    });
  const rawThrottle = fn.throttle as { limit: number; period: string; key?: string; burst?: number } | undefined;
  let throttle: FunctionDef["throttle"] = null;
  if (rawThrottle) {
    if (rawThrottle.burst && rawThrottle.burst > 1) warn(`function ${fn.id}: throttle burst is not supported; runs start at most ${rawThrottle.limit} per ${rawThrottle.period}`);
    if (rawThrottle.key) checkExpression(rawThrottle.key);
    throttle = { limit: rawThrottle.limit, periodMs: parseDurationMs(rawThrottle.period) ?? 60_000, key: rawThrottle.key ?? null };
  }
  const idempotency = typeof fn.idempotency === "string" ? fn.idempotency : null;
  if (idempotency) checkExpression(idempotency);
  return {
    id: fn.id,
    name: fn.name,
    url: step.runtime.url,
    maxAttempts: (step.retries?.attempts ?? DEFAULT_RETRIES) + 1,
    events,
    crons,
    concurrency,
    throttle,
    idempotency,
  };
}

/** Functions by id, and the lookup the event API does for every event. */
export class Registry {
  private byId = new Map<string, FunctionDef>();

  replace(defs: FunctionDef[]): void {
    this.byId = new Map(defs.map((def) => [def.id, def]));
  }

  get(id: string): FunctionDef | undefined {
    return this.byId.get(id);
  }

  all(): FunctionDef[] {
    return [...this.byId.values()];
  }

  /** Functions an event triggers: same name (or a `prefix/*` wildcard) and a true `if`. */
  match(event: { name: string; data: unknown }): FunctionDef[] {
    const found: FunctionDef[] = [];
    for (const def of this.byId.values()) {
      const hit = def.events.some(
        (t) => (t.event === event.name || (t.event.endsWith("*") && event.name.startsWith(t.event.slice(0, -1)))) && (!t.expression || matches(t.expression, { event })),
      );
      if (hit) found.push(def);
    }
    return found;
  }
}
