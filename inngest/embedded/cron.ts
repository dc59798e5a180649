import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import type { Pool, PoolClient } from "pg";
import { claimKeys } from "./ingest";
import type { Registry } from "./registry";
import { createRuns } from "./run-state";

/**
 * Cron triggers ("TZ=Europe/Paris 0 9 * * *"). Each function's next tick is a CRON job whose
 * dedupe key names the tick, and firing claims the tick once more in runtime_dedupe, so a tick
 * fires exactly once, also across restarts; a tick missed while stopped fires once, late.
 */
export function parseCron(spec: string): { pattern: string; timezone?: string } {
  const match = spec.trim().match(/^(?:(?:TZ|CRON_TZ)=(\S+)\s+)?(.+)$/);
  return { pattern: match![2], timezone: match![1] };
}

export function nextTick(spec: string, after: Date): Date | null {
  const { pattern, timezone } = parseCron(spec);
  return new Cron(pattern, { timezone, paused: true }).nextRun(after);
}

const tickKey = (functionId: string, spec: string, tick: Date) => `cron:${functionId}:${spec}:${tick.toISOString()}`;

/** After a sync: one pending tick per (function, schedule); schedules that went away are dropped. */
export async function scheduleCrons(pool: Pool, registry: Registry, warn: (message: string) => void): Promise<number | null> {
  const wanted: { functionId: string; spec: string; tick: Date }[] = [];
  for (const def of registry.all()) {
    for (const spec of def.crons) {
      try {
        const tick = nextTick(spec, new Date());
        if (tick) wanted.push({ functionId: def.id, spec, tick });
      } catch (error) {
        warn(`function ${def.id}: cron "${spec}" is invalid (${(error as Error).message}); it will not run`);
      }
    }
  }
  await pool.query(
    `DELETE FROM runtime_job WHERE kind = 'CRON' AND NOT claimed
       AND (step_id, data->>'cron') NOT IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [wanted.map((w) => w.functionId), wanted.map((w) => w.spec)],
  );
  for (const w of wanted) {
    await pool.query(
      `INSERT INTO runtime_job (kind, step_id, run_at, data, dedupe_key)
       SELECT 'CRON', $1, $3, jsonb_build_object('cron', $2::text), $4
       WHERE NOT EXISTS (SELECT 1 FROM runtime_job WHERE kind = 'CRON' AND step_id = $1 AND data->>'cron' = $2)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [w.functionId, w.spec, w.tick, tickKey(w.functionId, w.spec, w.tick)],
    );
  }
  return wanted.length ? Math.min(...wanted.map((w) => w.tick.getTime())) : null;
}

/** A due tick: start the run, queue the following tick. Returns when that one is due. */
export async function fireCron(c: PoolClient, registry: Registry, job: { id: string; step_id: string; run_at: Date; data: Record<string, unknown> | null }): Promise<number | null> {
  await c.query("DELETE FROM runtime_job WHERE id = $1", [job.id]);
  const spec = String(job.data?.cron ?? "");
  const def = registry.get(job.step_id);
  if (!def || !def.crons.includes(spec)) return null;
  const tick = new Date(job.run_at);
  const fresh = await claimKeys(c, [tickKey(def.id, spec, tick)]);
  if (fresh.size > 0) {
    const event = { id: randomUUID(), name: "inngest/scheduled.timer", data: { cron: spec }, ts: tick.getTime() };
    const rowId = randomUUID();
    await c.query("INSERT INTO runtime_event (id, event_id, name, data, ts) VALUES ($1, $2, $3, $4, $5)", [rowId, event.id, event.name, JSON.stringify(event.data), event.ts]);
    await createRuns(c, [{ functionId: def.id, eventId: rowId, event, concurrencyKeys: [], throttleKey: null }]);
  }
  // Never schedule in the past: after downtime the next tick is the next one from now.
  const next = nextTick(spec, new Date(Math.max(Date.now(), tick.getTime())));
  if (!next) return null;
  await c.query(
    `INSERT INTO runtime_job (kind, step_id, run_at, data, dedupe_key) VALUES ('CRON', $1, $2, jsonb_build_object('cron', $3::text), $4)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [def.id, next, spec, tickKey(def.id, spec, next)],
  );
  return next.getTime();
}
