/**
 * What the fake Datadog holds: metric points, events and DORA deployments, with the rules Datadog
 * documents for storing them (the HTTP side is fake-datadog.ts, the answers fake-datadog-api.ts).
 *
 * Metric points, as https://docs.datadoghq.com/api/latest/metrics/#submit-metrics and the
 * vendored MetricPoint/MetricSeries descriptions say:
 * - a point's timestamp is "current": not more than 10 minutes in the future nor more than 1 hour
 *   in the past. Datadog still answers 202 and does not ingest the others
 *   (https://docs.datadoghq.com/metrics/custom_metrics/historical_metrics/: "If Historical Metrics
 *   Ingestion is not enabled, a metric's values older than an hour from submission are not
 *   ingested"), so they are counted in `droppedPoints`, never stored;
 * - one value per timestamp per series: the same page says Datadog "preserves the most recently
 *   submitted value" for the same timestamp and tag-value combination, so a point sent again
 *   replaces the stored one and a resent window does not double. A series is the metric, its
 *   tags (a set: sorted, repeats dropped) and its resources (the host is one: a series of
 *   another host is another series).
 */

export type MetricResource = { name?: string; type?: string };
export type StoredPoint = {
  metric: string;
  /** MetricIntakeType: 0 unspecified (the default), 1 count, 2 rate, 3 gauge. */
  type: number;
  /** Sorted, without repeats. */
  tags: string[];
  /** Seconds since the epoch. */
  timestamp: number;
  value: number;
  resources?: MetricResource[];
  interval?: number;
  unit?: string;
};

/** v1 Event, as created: the request's fields and what Datadog adds (id, id_str, url, date_happened). */
export type StoredEvent = {
  id: number;
  id_str: string;
  title: string;
  text: string;
  tags: string[];
  date_happened: number;
  url: string;
  alert_type?: string;
  aggregation_key?: string;
  priority?: string | null;
  host?: string;
  device_name?: string;
  source_type_name?: string;
  related_event_id?: number;
};

export type EventInput = Pick<StoredEvent, "title" | "text"> & Partial<Omit<StoredEvent, "id" | "id_str" | "url" | "title" | "text">>;
const EVENT_FIELDS = ["alert_type", "aggregation_key", "priority", "host", "device_name", "source_type_name", "related_event_id"] as const;

export type DoraDeploymentAttributes = {
  service: string;
  started_at: number;
  finished_at: number;
  id?: string;
  env?: string;
  team?: string;
  version?: string;
  custom_tags?: string[] | null;
  git?: { repository_url: string; commit_sha: string };
};
/** A DORA deployment: the request's `data.attributes`, and the id answered. */
export type StoredDeployment = { id: string; attributes: DoraDeploymentAttributes };

export type SeriesInput = {
  metric: string;
  points: { timestamp?: number; value?: number }[];
  type?: number;
  tags?: string[];
  resources?: MetricResource[];
  interval?: number;
  unit?: string;
};

/** How far from now a point's timestamp may be, in seconds. */
export const ACCEPTED_PAST_SECONDS = 60 * 60;
export const ACCEPTED_FUTURE_SECONDS = 10 * 60;

const seriesKey = (metric: string, tags: string[], resources: MetricResource[] | undefined, timestamp: number) =>
  JSON.stringify([metric, tags, (resources ?? []).map((r) => `${r.type ?? ""}:${r.name ?? ""}`).sort(), timestamp]);

export class DatadogState {
  private readonly points = new Map<string, StoredPoint>();
  readonly events: StoredEvent[] = [];
  readonly deployments: StoredDeployment[] = [];
  droppedPoints = 0;
  private nextEventId = 1;
  private nextDeploymentId = 1;

  /** Stores a payload's points that are in the accepted window (`nowSeconds`), replacing those of the same series and timestamp; answers how many were dropped. */
  submitSeries(series: SeriesInput[], nowSeconds: number): { stored: number; dropped: number } {
    let stored = 0;
    let dropped = 0;
    for (const input of series) {
      const tags = [...new Set(input.tags ?? [])].sort();
      for (const { timestamp, value } of input.points) {
        if (timestamp! < nowSeconds - ACCEPTED_PAST_SECONDS || timestamp! > nowSeconds + ACCEPTED_FUTURE_SECONDS) {
          dropped++;
          continue;
        }
        const point: StoredPoint = { metric: input.metric, type: input.type ?? 0, tags, timestamp: timestamp!, value: value! };
        if (input.resources) point.resources = input.resources;
        if (input.interval !== undefined) point.interval = input.interval;
        if (input.unit !== undefined) point.unit = input.unit;
        const key = seriesKey(input.metric, tags, input.resources, timestamp!);
        this.points.delete(key); // re-inserted last: series() lists points in the order they were last written
        this.points.set(key, point);
        stored++;
      }
    }
    this.droppedPoints += dropped;
    return { stored, dropped };
  }

  series(): StoredPoint[] {
    return [...this.points.values()];
  }

  /** An event from a V1EventCreateRequest (its documented fields; others are ignored). */
  createEvent(input: EventInput, nowSeconds: number): StoredEvent {
    // int64 ids that stay exact in a JavaScript number
    const id = 7_000_000_000_000 + this.nextEventId++;
    const { title, text, tags, date_happened, ...optional } = input;
    const documented = Object.fromEntries(EVENT_FIELDS.flatMap((field) => (optional[field] === undefined ? [] : [[field, optional[field]]])));
    const event: StoredEvent = { id, id_str: String(id), title, text, tags: tags ?? [], date_happened: date_happened ?? nowSeconds, url: `https://app.datadoghq.com/event/event?id=${id}`, ...documented };
    this.events.push(event);
    return event;
  }

  createDeployment(attributes: DoraDeploymentAttributes): StoredDeployment {
    // The id Datadog answers looks like "4242fcdd31586083" (the spec's example); a deployment sent with its own id keeps it.
    const id = attributes.id ?? (0x4242_0000_0000 + this.nextDeploymentId++).toString(16).padStart(16, "0");
    const deployment: StoredDeployment = { id, attributes };
    // Sent again with the same id (a retry after a lost answer): one deployment, the last sent. Datadog does not document this; the fake assumes it.
    const index = this.deployments.findIndex((d) => d.id === id);
    if (index >= 0) this.deployments[index] = deployment;
    else this.deployments.push(deployment);
    return deployment;
  }

  clear(): void {
    this.points.clear();
    this.events.length = 0;
    this.deployments.length = 0;
    this.droppedPoints = 0;
  }
}
