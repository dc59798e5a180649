import { z } from "zod";
import { METRIC_NAMES, isMetricName } from "@/server/metrics/catalog";

/**
 * The outbound side Datadog and New Relic integrations share: which of the dataspace's metrics
 * are forwarded on a schedule, whether alerts and deployments are sent as they happen, and how
 * what is sent is named. Each provider's config spreads `telemetryConfigShape` and adds its own
 * keys (site or region, account, entities); `readTelemetrySettings` reads a stored config back.
 */

/** A custom metric's name (src/server/metrics/custom): whether the mapping exists is checked when forwarding, as mappings come and go. */
const CUSTOM_METRIC = /^custom\.[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

const forwardMetrics = z
  .union(
    [
      z.literal("all"),
      z
        .array(z.string({ error: "each metric must be a metric's name" }), { error: 'forwardMetrics must be "all" or a list of metric names' })
        .max(200, "forwardMetrics lists at most 200 metrics"),
    ],
    { error: 'forwardMetrics must be "all" or a list of metric names, e.g. ["webhooks.deliveries.failed"]' },
  )
  .superRefine((value, ctx) => {
    if (value === "all") return;
    for (const name of value) {
      if (!isMetricName(name) && !CUSTOM_METRIC.test(name)) {
        ctx.addIssue({ code: "custom", message: `forwardMetrics: "${name}" is not a metric (the metrics are ${METRIC_NAMES.join(", ")}, and custom.<name> for the dataspace's metric mappings)` });
      }
    }
    if (new Set(value).size !== value.length) ctx.addIssue({ code: "custom", message: "forwardMetrics lists a metric twice" });
  })
  .default([]);

const flag = (field: string) => z.boolean({ error: `${field} must be true or false` }).default(false);

/** Datadog's rule for metric names, the stricter of the two: ASCII letters, digits, `_` and `.`, starting with a letter. */
const metricPrefix = z
  .string({ error: "metricPrefix must be a string" })
  .regex(/^([a-zA-Z][a-zA-Z0-9_.]{0,49})?$/, "metricPrefix must start with a letter and hold only letters, digits, _ and . (at most 50), e.g. switchboard.")
  .default("switchboard.");

const tagPrefix = z
  .string({ error: "tagPrefix must be a string" })
  .regex(/^([a-zA-Z][a-zA-Z0-9_.]{0,49})?$/, "tagPrefix must start with a letter and hold only letters, digits, _ and . (at most 50), e.g. sb_")
  .default("");

const tag = z
  .string({ error: "each tag must be a string like env:production" })
  .regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,99}:[^\s,]{1,100}$/, 'each tag must be "key:value" (no spaces or commas), e.g. env:production');

export const telemetryConfigShape = {
  forwardMetrics,
  forwardAlerts: flag("forwardAlerts"),
  forwardDeployments: flag("forwardDeployments"),
  metricPrefix,
  tagPrefix,
  tags: z.array(tag, { error: 'tags must be a list like ["env:production"]' }).max(20, "tags holds at most 20 tags").default([]),
};

const storedSettings = z.object(telemetryConfigShape);
export type TelemetrySettings = z.output<typeof storedSettings>;

/** Whether a config (as submitted) forwards anything: then it needs the provider's API key. */
export function forwardsAnything(settings: Pick<TelemetrySettings, "forwardMetrics" | "forwardAlerts" | "forwardDeployments">): boolean {
  return settings.forwardMetrics === "all" || settings.forwardMetrics.length > 0 || settings.forwardAlerts || settings.forwardDeployments;
}

/**
 * The forwarding settings of a stored config (validated when saved; configs saved before these
 * keys existed get their defaults: nothing forwarded). Null when the stored config is not one.
 */
export function readTelemetrySettings(stored: unknown): TelemetrySettings | null {
  if (typeof stored !== "object" || stored === null) return null;
  const picked = Object.fromEntries(Object.keys(telemetryConfigShape).filter((key) => Object.hasOwn(stored, key)).map((key) => [key, (stored as Record<string, unknown>)[key]]));
  const parsed = storedSettings.safeParse(picked);
  return parsed.success ? parsed.data : null;
}

/** Of the metrics the dataspace has (built-in, then custom), those a setting forwards, in that order. */
export function forwardedMetricNames(settings: TelemetrySettings, available: readonly string[] = METRIC_NAMES): string[] {
  return settings.forwardMetrics === "all" ? [...available] : available.filter((name) => (settings.forwardMetrics as string[]).includes(name));
}

export const telemetryConfigHelp = {
  forwardMetrics: {
    help: 'Which of the dataspace\'s metrics to send every minute: "all", or a list of names (see the Metrics page). Needs apiKey.',
    example: '["webhooks.deliveries.succeeded", "webhooks.deliveries.failed", "webhooks.deliveries.latency_ms"]',
    starter: false as const,
  },
  forwardAlerts: { help: "Send every alert as it is triggered, acknowledged and resolved. Needs apiKey.", starter: false as const },
  forwardDeployments: { help: "Send every finished deployment, so APM charts mark it. Needs apiKey.", starter: false as const },
  metricPrefix: { help: "Put in front of every metric name sent (e.g. switchboard.webhooks.deliveries.failed).", example: "switchboard.", starter: false as const },
  tagPrefix: { help: "Put in front of the tag keys Switchboard adds (endpoint, integration, type, severity…), should they clash with yours.", starter: false as const },
  tags: { help: "Tags added to everything sent, as key:value.", example: '["env:production"]', starter: false as const },
};
