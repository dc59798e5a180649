import type { AlertLink } from "@/server/records/alerts/alert-links";
import type { z } from "zod";
import type { DeploymentStatus, IntegrationType } from "@/generated/prisma/enums";
import type { IssueSyncPlatform } from "@/server/issue-sync/tracker";
import type { CiPlatform, CiRunReport } from "@/server/ci/platform";
import type { TelemetrySink } from "@/server/telemetry/sink";

/**
 * What every provider folder (`src/server/integrations/<provider>/`) implements. The registry
 * (`registry.ts`) maps each IntegrationType to one of these; nothing outside a provider's folder
 * knows a provider's headers, signatures or payloads.
 */

/** An inbound request as the receiver saw it: lower-cased headers and the raw body bytes. */
export type InboundRequest = {
  headers: Readonly<Record<string, string>>;
  rawBody: Buffer;
  receivedAt: Date;
  /**
   * The full request URL, when the receiver passes it. Only for senders that cannot add a header
   * and so carry their secret in the query string (Statuspage); nothing else reads it.
   */
  url?: string;
};

/**
 * The integration's stored config as the receiver holds it: secret fields are `{"$secret": …}`
 * references, the rest plain values (SourceHut's public key, WEBHOOK's event-type field).
 */
export type StoredConfig = Readonly<Record<string, unknown>>;

export type Verification = { ok: true } | { ok: false; reason: string };

/** What identifies one delivery: the provider's event type and its own delivery id (for de-duplication). */
export type InboundEnvelope = { eventType: string; deliveryId: string | null };

export type PayloadCheck = { ok: true } | { ok: false; errors: string[] };

/**
 * The Switchboard domain event processing publishes for an inbound event: its type (in the
 * provider's family, e.g. `github.pull_request.opened`, `inbound.<integration name>`) and a short
 * summary of what happened (repository, number, title, url, actor, …). Processing wraps it with
 * the integration, the delivery id and the full payload.
 */
export type MappedEvent = { type: string; summary: Record<string, unknown> };

/**
 * A deployment a delivery reports (GitHub's `deployment` and `deployment_status` webhooks, a push
 * to a branch the config names). Processing records it in the transaction that publishes the
 * delivery's event: the first report of an `externalId` (per integration) creates the deployment,
 * later ones — a status, a redelivery, a replay — update that same one. Text is as the sender
 * wrote it; the recorder makes it storable and cuts it to the API's limits.
 */
export type InboundDeployment = {
  /** Its id at the source, unique per integration: GitHub's deployment id, `push:<before>..<after>`. */
  externalId: string;
  source: "github" | "github_push";
  environment: string;
  ref: string | null;
  sha: string | null;
  /** null: keep what it has. */
  description: string | null;
  /** Who started it at the source (a login). */
  creator: string | null;
  /** The deployed environment's (or the log's) URL; null: keep what it has. */
  url: string | null;
  /** The status this report moves it to; null: no status (a new deployment starts queued). */
  status: DeploymentStatus | null;
  /** When it happened at the source (the status's time): what `startedAt`/`finishedAt` take. */
  at: Date | null;
  /** When the oldest change it ships was committed (a push's first commit); null: not known, keep what it has. */
  committedAt: Date | null;
  /** A service of the dataspace, by name (the integration's config names it), or null. */
  service: string | null;
};

/**
 * What a monitor's delivery says about an alert (src/server/records/alerts): raise it (a new alert,
 * or a repeat of the open one with the same fingerprint), acknowledge it, or resolve it (the
 * monitor recovered). Text here is the sender's, cut to size by the provider; processing applies
 * a group's signals together, in the order received.
 */
export type AlertSignal =
  | {
      action: "raise";
      fingerprint: string;
      title: string;
      description: string;
      severity: "critical" | "error" | "warning" | "info";
      /** Names the delivery gives its service (a `service:` tag, an impacted entity): the first that names a service of the dataspace is the alert's service. */
      serviceNames: string[];
      /** Where it can be looked into (the alert at the source, a trace, the APM page…), as the payload names them. */
      links: AlertLink[];
    }
  | { action: "acknowledge"; fingerprint: string }
  | { action: "resolve"; fingerprint: string };

/** What each config field is for (and a value to start from), shown beside the config. */
export type ConfigHelp = Record<string, { help: string; example?: string; starter?: false }>;

export interface IntegrationProvider<Config extends Record<string, unknown> = Record<string, unknown>> {
  type: IntegrationType;
  /** Shown in the dashboard, e.g. "GitHub". */
  label: string;
  /** The config as a user submits it, secrets in clear; errors name the field that is wrong. */
  configSchema: z.ZodType<Config>;
  /** Every field of `configSchema`, explained (a registry test keeps the two in step). */
  configHelp: { readonly [K in keyof Config & string]-?: { help: string; example?: string; /** Left out of a new integration's starting config (an alias, a rarely needed option). */ starter?: false } };
  /** Keys of the config that are secrets: stored encrypted in the secrets store, never shown again. */
  secretFields: readonly (keyof Config & string)[];
  /** Two-way issue sync with the platform (src/server/issue-sync), for the providers that have issues. */
  issueSync?: IssueSyncPlatform;
  /** Metrics on a schedule, alerts and deployments sent to a monitoring service (src/server/telemetry), for Datadog and New Relic. */
  telemetry?: TelemetrySink;
  /** Deployments pushed and CI runs started (src/server/ci), for GitHub and GitLab. */
  ci?: CiPlatform;
  inbound: {
    /**
     * Verifies the sender on the raw body, timing-safe, with the integration's decrypted secrets.
     * A missing secret is a failed verification, never a pass. Async for providers whose library
     * is (GitHub's `@octokit/webhooks-methods`): always `await` it.
     */
    verify(
      request: InboundRequest,
      secrets: Readonly<Record<string, string>>,
      config?: StoredConfig,
    ): Verification | Promise<Verification>;
    /** The event type and delivery id, from headers and (parsed) payload; "" when the sender named no event. */
    envelope(request: InboundRequest, payload: unknown, config?: StoredConfig): InboundEnvelope;
    /**
     * The payload against this provider's published (or kept) schema for that event type, and
     * against the integration's config where the payload names what it is for (Statuspage's page).
     */
    validate(eventType: string, payload: unknown, config?: StoredConfig): PayloadCheck;
    /**
     * Why this delivery is outside what the integration's config keeps to (GitHub's `repository`,
     * Jira's `projectKey`), or null. Processing then publishes nothing and ends the event PROCESSED
     * with "Skipped: <reason>" in its log. Read at processing, so a corrected config and a replay
     * take the event in.
     */
    outOfScope?(payload: unknown, config: StoredConfig): string | null;
    /**
     * The deployments this delivery reports, recorded by processing alongside its event (see
     * InboundDeployment); none when omitted. Reads the stored config, like `outOfScope`.
     */
    deployments?(input: { eventType: string; payload: unknown; config: StoredConfig }): InboundDeployment[];
    /**
     * For monitors (Datadog, New Relic): what this delivery does to an alert, or null when it does
     * nothing to one. Applied in the same transaction as the published event.
     */
    alert?(input: { eventType: string; payload: unknown }): AlertSignal | null;
    /** For CI platforms: a workflow run's or pipeline's progress this delivery reports, or null. Applied to the pipeline run it started. */
    ciRun?(input: { eventType: string; payload: unknown }): CiRunReport | null;
    /** The domain event processing publishes, or null when this event type is stored only. */
    map(input: { eventType: string; payload: unknown; integration: { id: string; name: string } }): MappedEvent | null;
    /**
     * For senders that also post `application/x-www-form-urlencoded` bodies (Slack's interactivity
     * and slash commands): the payload decoded from the raw form text, throwing on a malformed
     * one. Without it, only JSON bodies are accepted (415).
     */
    decodeForm?(text: string): unknown;
    /**
     * A request that checks the URL rather than delivering an event (Slack's url_verification):
     * the body to answer with at once, after verification, storing nothing; null for an event.
     */
    handshake?(payload: unknown): Record<string, unknown> | null;
    /**
     * Whether an accepted delivery is answered with an empty 200 instead of `202 {"status":
     * "received"}`: Slack shows whatever a slash command's or an interaction's answer holds to the
     * user, and takes only an empty 200 as a silent acknowledgement.
     */
    silentAcknowledgement?(payload: unknown): boolean;
    /** Setup steps shown on the integration page (plain text, one step per line). */
    setupInstructions(inboundUrl: string): string[];
  };
}
