import { fireCron } from "./cron";
import { ConcurrencySlots, concurrencyLimits } from "./flow-control";
import { runCall, type ClaimedJob, type RunnerDeps } from "./runner";
import { inTransaction } from "./store";
import { fireTimer } from "./timers";

/**
 * The work loop. Due jobs are claimed in batches (FOR UPDATE SKIP LOCKED) and run concurrently
 * up to `maxInFlight`. It is woken in-process whenever work is queued (no polling with sleeps on
 * the hot path), by a timer for the earliest future job, and by a slow safety poll.
 */
export type SchedulerOptions = { maxInFlight: number; batchSize: number; pollMs: number; maxParked: number };

type Job = ClaimedJob & { run_at: Date; first_call: boolean; run_status: string | null; concurrency_keys: string[] | null; throttle_key: string | null };

const CLAIM = `
  WITH due AS (
    SELECT id FROM runtime_job WHERE NOT claimed AND run_at <= now() ORDER BY run_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE runtime_job j SET claimed = true FROM due WHERE j.id = due.id RETURNING j.*
  )
  SELECT c.id, c.run_id, c.kind, c.step_id, c.attempt, c.data, c.run_at, r.function_id, r.event, r.plan_all,
         r.started_at IS NULL AS first_call, r.status AS run_status, r.concurrency_keys, r.throttle_key
  FROM claimed c LEFT JOIN runtime_run r ON r.id = c.run_id ORDER BY c.run_at, c.id`;

export class Scheduler {
  private inFlight = 0;
  private pumping = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private poll: NodeJS.Timeout | null = null;
  private parked: Job[] = [];
  private slots = new ConcurrencySlots();
  private throttleChains = new Map<string, Promise<unknown>>();
  private running = new Set<Promise<unknown>>();
  // Future jobs queued by this process arm the timer themselves (scheduleAt), so the earliest
  // due time is only read from the database at start and on the safety poll.
  private checkTimers = true;

  constructor(
    private deps: RunnerDeps,
    private options: SchedulerOptions,
  ) {}

  start(): void {
    this.poll = setInterval(() => {
      this.checkTimers = true;
      this.wake();
    }, this.options.pollMs);
    this.poll.unref();
    this.wake();
  }

  /** The next call of a run whose job this process already holds (see fast-path.ts). */
  continueWith(job: ClaimedJob): void {
    if (!this.stopped) this.dispatch({ ...(job as Job), first_call: false, run_status: null });
  }

  /** Work is due at `at` (ms epoch): wake now, or arm the timer if it is the earliest. */
  scheduleAt(at: number): void {
    if (this.stopped) return;
    const delay = at - Date.now();
    if (delay <= 0) return this.wake();
    if (at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.wake();
    }, Math.min(delay, 2_147_000_000));
    this.timer.unref();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops claiming; waits for calls in flight unless `abandon` (a simulated crash). */
  async stop(options: { abandon?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    if (!options.abandon) await Promise.allSettled([...this.running]);
  }

  get alive(): boolean {
    return !this.stopped;
  }

  private async pump(): Promise<void> {
    try {
      while (!this.stopped && this.inFlight < this.options.maxInFlight) {
        this.again = false;
        const room = Math.min(this.options.batchSize, this.options.maxInFlight - this.inFlight);
        const { rows } = await this.deps.pool.query<Job>(CLAIM, [room]);
        for (const job of rows) this.dispatch(job);
        if (rows.length < room) break;
      }
      if (!this.stopped && this.checkTimers) {
        this.checkTimers = false;
        const { rows } = await this.deps.pool.query<{ at: number | null }>(
          "SELECT (extract(epoch FROM min(run_at)) * 1000)::float8 AS at FROM runtime_job WHERE NOT claimed",
        );
        if (rows[0].at !== null) this.scheduleAt(rows[0].at);
      }
    } catch (error) {
      if (!this.stopped) this.deps.log(`claiming work failed: ${(error as Error).message}`);
    }
  }

  private dispatch(job: Job): void {
    // A run cancelled (or ended) after its job was queued: never call the function for it.
    if (job.run_id && job.run_status && job.run_status !== "QUEUED" && job.run_status !== "RUNNING") {
      return this.track(this.deps.pool.query("DELETE FROM runtime_job WHERE id = $1", [job.id]));
    }
    if (job.kind === "CALL") {
      const def = this.deps.registry.get(job.function_id ?? "");
      if (def?.throttle && job.first_call) return this.track(this.throttled(job, def.throttle.periodMs, def.throttle.limit));
      const keys = job.concurrency_keys ?? [];
      if (keys.length && def && !this.slots.tryAcquire(keys, concurrencyLimits(def))) return this.park(job);
    }
    this.execute(job);
  }

  private execute(job: Job): void {
    this.inFlight++;
    const work = job.kind === "CALL" ? runCall(this.deps, job, () => !this.stopped) : this.fire(job);
    this.track(
      work
        .catch((error) => {
          this.deps.log(`job ${job.id} (${job.kind} of run ${job.run_id ?? "-"}) failed: ${(error as Error).message}`);
          return this.release(job, 1_000);
        })
        .finally(() => {
          this.inFlight--;
          if (job.kind === "CALL" && job.concurrency_keys?.length) {
            this.slots.release(job.concurrency_keys);
            this.unpark();
          }
          this.wake();
        }),
    );
  }

  private async fire(job: Job): Promise<void> {
    if (this.stopped) return;
    let next: number | null = null;
    this.deps.memo.forget(job.run_id);
    await inTransaction(this.deps.pool, async (c) => {
      if (job.kind === "CRON") next = await fireCron(c, this.deps.registry, job);
      else if (await fireTimer(c, job)) next = Date.now();
    });
    if (job.kind === "CRON") this.wake(); // the tick's run is due now
    if (next !== null) this.scheduleAt(next);
  }

  private park(job: Job): void {
    if (this.parked.length < this.options.maxParked) {
      this.parked.push(job);
      return;
    }
    // Too much is waiting for slots: hand the job back to the database for a little while.
    this.track(this.release(job, 1_000));
  }

  private unpark(): void {
    const waiting = this.parked;
    this.parked = [];
    for (const job of waiting) {
      const def = this.deps.registry.get(job.function_id ?? "");
      if (!def || this.slots.tryAcquire(job.concurrency_keys ?? [], concurrencyLimits(def))) this.track(this.resumeParked(job));
      else this.parked.push(job);
    }
  }

  /** A parked job waited in memory: if its run was cancelled meanwhile, its row is gone. */
  private async resumeParked(job: Job): Promise<void> {
    const { rowCount } = await this.deps.pool.query("SELECT 1 FROM runtime_job WHERE id = $1", [job.id]);
    if (rowCount) return this.execute(job);
    this.slots.release(job.concurrency_keys ?? []);
    this.unpark();
  }

  /** Throttle: at most `limit` run starts per period and key; later runs start when room frees up. */
  private throttled(job: Job, periodMs: number, limit: number): Promise<void> {
    const chainKey = `${job.function_id}\u0000${job.throttle_key ?? ""}`;
    const previous = this.throttleChains.get(chainKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      const { rows } = await this.deps.pool.query<{ n: number; oldest: number | null }>(
        `SELECT count(*)::int AS n, (extract(epoch FROM min(started_at)) * 1000)::float8 AS oldest FROM runtime_run
         WHERE function_id = $1 AND throttle_key IS NOT DISTINCT FROM $2 AND started_at > now() - make_interval(secs => $3 / 1000.0)`,
        [job.function_id, job.throttle_key, periodMs],
      );
      if (rows[0].n >= limit) return this.release(job, (rows[0].oldest ?? Date.now()) + periodMs - Date.now());
      // Only a run that is still live may start: one cancelled while it waited for room stays so.
      const started = await this.deps.pool.query(
        "UPDATE runtime_run SET started_at = coalesce(started_at, now()), status = 'RUNNING' WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id",
        [job.run_id],
      );
      if (!started.rowCount) return void (await this.deps.pool.query("DELETE FROM runtime_job WHERE id = $1", [job.id]));
      this.dispatch({ ...job, first_call: false });
    });
    const settled = next.catch(() => {});
    this.throttleChains.set(chainKey, settled);
    void settled.then(() => {
      if (this.throttleChains.get(chainKey) === settled) this.throttleChains.delete(chainKey);
    });
    return next;
  }

  /** Gives a claimed job back, due again after `delayMs`. */
  private async release(job: Job, delayMs = 0): Promise<void> {
    const at = Date.now() + Math.max(0, delayMs);
    await this.deps.pool.query("UPDATE runtime_job SET claimed = false, run_at = greatest(run_at, to_timestamp($2 / 1000.0)) WHERE id = $1", [job.id, at]);
    this.scheduleAt(at);
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error) => this.deps.log(`scheduler: ${(error as Error).message}`));
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }
}
