import type { AlertPayload } from "@/server/records/alerts/alert.schema";
import type { DeploymentPayload } from "@/server/records/deployments/deployment.schema";
import type { TelemetrySettings } from "./settings";

/**
 * What a monitoring provider (Datadog, New Relic) implements to receive Switchboard's telemetry:
 * metric points on a schedule, alerts and deployments as they happen. The scheduling, the
 * watermark and the choice of what to send are the domain's (this folder); the wire formats,
 * hosts and keys are the provider's (src/server/integrations/<provider>/outbound/).
 */

/** One minute of one series, as the rollup computed it (src/server/metrics). */
export type MetricPoint = {
  /** The metric's name with the integration's prefix, e.g. `switchboard.webhooks.deliveries.failed`. */
  name: string;
  /** The minute's start. */
  at: Date;
  /** The series' tags with the integration's tag prefix, then the integration's own tags. */
  tags: [key: string, value: string][];
} & (
  | { kind: "count"; value: number }
  | { kind: "gauge"; value: number }
  /** A latency minute: how many, their sum, extremes and percentiles (from the histogram). */
  | { kind: "summary"; count: number; sum: number; min: number; max: number; p50: number; p95: number; p99: number }
);

/** An integration as a send sees it: its stored config, its decrypted secrets (for this call only) and its settings. */
export type TelemetryTarget = {
  integrationId: string;
  config: Readonly<Record<string, unknown>>;
  secrets: Readonly<Record<string, string>>;
  settings: TelemetrySettings;
};

/** What became of a send the service did not take. */
export class TelemetrySendError extends Error {
  constructor(
    message: string,
    readonly options: {
      /** Retrying later can work (a 429, a 5xx, no answer); otherwise the config must change first. */
      retryable: boolean;
      /** The service said when to come back (Retry-After), in ms. */
      retryAfterMs?: number;
      /** A refused key or a missing account: shown on the integration until a send works. */
      needsAttention?: boolean;
    },
  ) {
    super(message);
    this.name = "TelemetrySendError";
  }
}

export type SkippedSend = { skipped: string };

/** One thing "Test connection" checked (a key, an account), whether it works, and what the service said. */
export type ConnectionCheck = { check: string; ok: boolean; detail: string };

export interface TelemetrySink {
  /** Whether a point sent again for the same series and minute replaces the first (Datadog) or counts again (New Relic). */
  replacesPoints: boolean;
  /** How old a point the service still takes (Datadog: one hour). */
  maxPointAgeMs: number;
  /** Sends points, batched and compressed as the service takes them. Throws a TelemetrySendError. */
  sendPoints(target: TelemetryTarget, points: MetricPoint[]): Promise<void>;
  /** An alert's change (`alert.triggered`, `.acknowledged`, `.resolved`) as the service's event; a reason when this target cannot take it. */
  sendAlert(target: TelemetryTarget, type: string, alert: AlertPayload): Promise<void | SkippedSend>;
  /** A finished deployment as the service's deployment marker; a reason when this target cannot take it (no service, no entity). */
  sendDeployment(target: TelemetryTarget, deployment: DeploymentPayload): Promise<void | SkippedSend>;
  /** "Test connection": each key the settings need, tried against the service. Never throws a TelemetrySendError: a failed check says it. */
  testConnection(target: TelemetryTarget): Promise<ConnectionCheck[]>;
}

/** A check that passes when `call` works, and fails with what the service said when it throws a TelemetrySendError. */
export async function checkCall(check: string, call: () => Promise<string>): Promise<ConnectionCheck> {
  try {
    return { check, ok: true, detail: await call() };
  } catch (error) {
    if (!(error instanceof TelemetrySendError)) throw error;
    return { check, ok: false, detail: error.message };
  }
}
