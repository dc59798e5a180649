import { scopedDb } from "@/server/db/scoped";
import { metricDefinitions } from "@/server/metrics/definitions";
import { LATE_MS, minutesComputedUpTo } from "@/server/metrics/rollup";
import { pointsOf, readMinuteBuckets } from "./points";
import { forwardedMetricNames } from "./settings";
import { TelemetrySendError } from "./sink";
import { isSkipped, loadTelemetryTarget, type IntegrationRef } from "./target";

/**
 * Forwarding a dataspace's metrics to one Datadog or New Relic integration, a window at a time
 * (the runtime runs one window per step: inngest/functions/telemetry-forward.ts).
 *
 * The watermark (`TelemetryForwarding.upTo`, the first minute not yet sent) moves only after the
 * service accepted the window, so a crash or an outage resumes from it with no minute missing; a
 * window sent again is harmless where the service keeps one value per series and timestamp
 * (Datadog), and the only thing sent twice where it adds them up (New Relic) is the one window a
 * crash interrupted between the answer and the watermark's write.
 *
 * Which minutes: those the rollup has computed. A minute still changes for `LATE_MS` after it
 * (late commits, deliveries failing late): a service that replaces points gets those minutes again
 * on every run, so it converges on the final figures; one that adds them up gets a minute only
 * once it is final, `LATE_MS` later.
 */
const MINUTE = 60_000;
/** One step sends at most an hour: a backlog is worked through hour by hour, each its own step. */
const WINDOW_MS = 60 * MINUTE;
/** Where a new forwarding starts: the recent past, not the whole history. */
const FIRST_RUN_MS = 10 * MINUTE;

const floorTo = (at: number, unit: number) => Math.floor(at / unit) * unit;

export type ForwardWindowOutcome =
  | { skipped: string }
  | { from: string; to: string; points: number; dropped: number; caughtUp: boolean };

export async function forwardMetricsWindow(ref: IntegrationRef, now = new Date()): Promise<ForwardWindowOutcome> {
  const loaded = await loadTelemetryTarget(ref);
  if (isSkipped(loaded)) return loaded;
  const { target, sink } = loaded;
  const tdb = scopedDb(ref.dataspaceId);
  const definitions = new Map((await metricDefinitions(tdb)).map((definition) => [definition.name, definition]));
  const names = forwardedMetricNames(target.settings, [...definitions.keys()]);
  if (names.length === 0) return { skipped: "forwardMetrics names no metric" };
  const computedUpTo = await minutesComputedUpTo();
  if (!computedUpTo) return { skipped: "no metrics computed yet" };

  const state = await startingState(ref, now);
  const upTo = state.upTo.getTime();
  const end = sink.replacesPoints ? computedUpTo.getTime() : computedUpTo.getTime() - LATE_MS;
  const to = Math.min(end, upTo + WINDOW_MS);
  if (to <= upTo) return { from: state.upTo.toISOString(), to: state.upTo.toISOString(), points: 0, dropped: 0, caughtUp: true };
  // The service refuses points older than its limit (a minute's margin for the time the send takes).
  const oldest = Math.ceil((now.getTime() - sink.maxPointAgeMs + MINUTE) / MINUTE) * MINUTE;
  const from = Math.max(sink.replacesPoints ? upTo - LATE_MS : upTo, oldest);
  const buckets = from < to ? await readMinuteBuckets(tdb, names, new Date(from), new Date(to)) : [];
  const points = pointsOf(buckets, target.settings, definitions);
  const dropped = upTo < oldest ? await countBuckets(ref, names, new Date(upTo), new Date(Math.min(oldest, to))) : 0;

  try {
    if (points.length > 0) await sink.sendPoints(target, points);
  } catch (error) {
    const message = error instanceof TelemetrySendError ? error.message : `could not send: ${(error as Error).message}`;
    await tdb.telemetryForwarding.update({ where: { integrationId: ref.integrationId }, data: { lastError: message.slice(0, 2000), lastErrorAt: now } });
    throw error;
  }
  // Only from where this run started: a concurrent run that moved it already wins.
  await tdb.telemetryForwarding.updateMany({
    where: { integrationId: ref.integrationId, upTo: state.upTo },
    data: {
      upTo: new Date(to),
      lastSentAt: now,
      lastPoints: points.length,
      sentPoints: { increment: points.length },
      droppedBuckets: { increment: dropped },
      lastError: null,
      lastErrorAt: null,
    },
  });
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), points: points.length, dropped, caughtUp: to === end };
}

/** The forwarding's state, created on first use: a new forwarding starts with the recent minutes. */
async function startingState(ref: IntegrationRef, now: Date) {
  const tdb = scopedDb(ref.dataspaceId);
  const existing = await tdb.telemetryForwarding.findUnique({ where: { integrationId: ref.integrationId } });
  if (existing) return existing;
  return tdb.telemetryForwarding.upsert({
    where: { integrationId: ref.integrationId },
    create: { integrationId: ref.integrationId, dataspaceId: ref.dataspaceId, upTo: new Date(floorTo(now.getTime(), MINUTE) - FIRST_RUN_MS) },
    update: {},
  });
}

async function countBuckets(ref: IntegrationRef, names: string[], from: Date, to: Date): Promise<number> {
  if (from >= to) return 0;
  return scopedDb(ref.dataspaceId).metricBucket.count({ where: { name: { in: names }, resolution: "minute", at: { gte: from, lt: to } } });
}
