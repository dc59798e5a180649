import { rollUpMetrics } from "@/server/metrics/rollup";
import { inngest } from "../client";

const MAX_CHUNKS = 48; // 12 days of backlog a run; the next minute's run goes on from there

/**
 * Every minute: the minutes since the watermark become metric buckets, and their hours and days
 * are summed again (src/server/metrics/rollup.ts). After an outage the backlog is worked through a
 * chunk per step, each its own transaction, so a crash mid-way loses nothing already committed.
 */
export const metricsRollup = inngest.createFunction(
  { id: "metrics-rollup", name: "Metrics: roll up the last minutes", retries: 3, concurrency: [{ limit: 1 }], triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      const outcome = await step.run(`chunk ${chunk}`, () => rollUpMetrics());
      if (outcome.caughtUp) return { chunks: chunk + 1, upTo: outcome.to };
    }
    return { chunks: MAX_CHUNKS, upTo: null };
  },
);
