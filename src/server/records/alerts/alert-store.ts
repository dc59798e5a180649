import { createHash } from "node:crypto";
import type { Alert } from "@/generated/prisma/client";
import type { ScopedTx } from "@/server/db/scoped";
import { jsonbSafeJson } from "@/server/inbound/jsonb-safe";
import { uuidv7 } from "@/server/db/uuid";
import type { AlertSeverity } from "./alert.schema";
import type { AlertLink } from "./alert-links";

/**
 * The set-based writes of alerts: each takes any number of alerts of one dataspace and is one
 * statement, so the API's one raise and a group of a thousand inbound deliveries take the same
 * path. Raw SQL because Prisma cannot say "insert, or count on the open one": `ON CONFLICT` on
 * the unique index (dataspaceId, openFingerprint) does, atomically, so concurrent raises of one
 * fingerprint make one alert and count every raise on it. Like every raw statement here, each
 * names its dataspace in every clause (row-level security, entered by the scoped client's
 * transaction, would hide another dataspace's rows anyway).
 */

/** What a raise writes. `repeats` raises of the same fingerprint counted at once (a group's). */
export type AlertRaise = {
  source: string;
  sourceIntegrationId: string | null;
  title: string;
  description: string;
  severity: AlertSeverity;
  fingerprint: string;
  serviceId: string | null;
  payload: unknown;
  links: AlertLink[];
  firstAt: Date;
  lastAt: Date;
  repeats: number;
};

/** An alert row as a statement returned it. */
export type AlertRow = Alert;

/** The fingerprint of an alert raised without one: the same source and title make the same alert. */
export function defaultFingerprint(source: string, title: string): string {
  return createHash("sha256").update(`${source}\n${title}`).digest("hex");
}

/**
 * Raises alerts: a fingerprint with an open alert counts on it (count, last seen, payload and
 * links, the worse severity, a service if it had none); any other makes a new triggered alert. Returns each
 * raise's row (by fingerprint) and whether it is new. Fingerprints must be distinct within one
 * call (one statement cannot change a row twice); rows are written in fingerprint order, so
 * concurrent calls lock their rows in the same order and cannot deadlock each other.
 */
export async function upsertOpenAlerts(tx: ScopedTx, dataspaceId: string, raises: AlertRaise[], at: Date): Promise<Map<string, { row: AlertRow; created: boolean }>> {
  if (raises.length === 0) return new Map();
  const proposed = raises.map((raise) => ({
    id: uuidv7(raise.firstAt),
    source: raise.source,
    sourceIntegrationId: raise.sourceIntegrationId,
    title: raise.title,
    description: raise.description,
    severity: raise.severity,
    fingerprint: raise.fingerprint,
    count: raise.repeats,
    serviceId: raise.serviceId,
    payload: raise.payload,
    links: raise.links,
    firstAt: raise.firstAt.toISOString(),
    lastAt: raise.lastAt.toISOString(),
  }));
  const rows = await tx.$queryRaw<AlertRow[]>`
    INSERT INTO "Alert" (id, "dataspaceId", source, "sourceIntegrationId", title, description, severity, status, fingerprint, "openFingerprint", count,
                         "serviceId", payload, links, "triggeredAt", "lastSeenAt", "createdAt", "updatedAt")
    SELECT r.id, ${dataspaceId}::uuid, r.source, r."sourceIntegrationId", r.title, r.description, r.severity::"AlertSeverity", 'triggered', r.fingerprint, r.fingerprint, r.count,
           r."serviceId", r.payload, r.links, r."firstAt", r."lastAt", r."firstAt", ${at}
    FROM jsonb_to_recordset(${jsonbSafeJson(proposed)}::jsonb)
      AS r(id uuid, source text, "sourceIntegrationId" uuid, title text, description text, severity text, fingerprint text, count int, "serviceId" uuid, payload jsonb, links jsonb, "firstAt" timestamptz, "lastAt" timestamptz)
    ORDER BY r.fingerprint
    ON CONFLICT ("dataspaceId", "openFingerprint") DO UPDATE SET
      count = "Alert".count + EXCLUDED.count,
      "lastSeenAt" = GREATEST("Alert"."lastSeenAt", EXCLUDED."lastSeenAt"),
      payload = EXCLUDED.payload,
      -- The last occurrence's links (its trace, say), or the ones it had when that one brought none.
      links = CASE WHEN jsonb_array_length(EXCLUDED.links) > 0 THEN EXCLUDED.links ELSE "Alert".links END,
      severity = LEAST("Alert".severity, EXCLUDED.severity),
      "serviceId" = COALESCE("Alert"."serviceId", EXCLUDED."serviceId"),
      "updatedAt" = EXCLUDED."updatedAt"
    WHERE "Alert"."dataspaceId" = ${dataspaceId}::uuid
    RETURNING *`;
  const proposedIds = new Set(proposed.map((row) => row.id));
  return new Map(rows.map((row) => [row.fingerprint, { row, created: proposedIds.has(row.id) }]));
}

/** One fingerprint's change and when it happened (the delivery's time, for a monitor's). */
export type FingerprintAt = { fingerprint: string; at: Date };

const atRows = (changes: FingerprintAt[]) => jsonbSafeJson(changes.map(({ fingerprint, at }) => ({ fingerprint, at: at.toISOString() })));

/** The open alerts of these fingerprints → resolved (no longer open: the fingerprint is free again). Distinct fingerprints. */
export function resolveOpenAlerts(tx: ScopedTx, dataspaceId: string, changes: FingerprintAt[]): Promise<AlertRow[]> {
  if (changes.length === 0) return Promise.resolve([]);
  return tx.$queryRaw<AlertRow[]>`
    UPDATE "Alert" AS a SET status = 'resolved', "resolvedAt" = r.at, "openFingerprint" = NULL, "updatedAt" = r.at
    FROM jsonb_to_recordset(${atRows(changes)}::jsonb) AS r(fingerprint text, at timestamptz)
    WHERE a."dataspaceId" = ${dataspaceId}::uuid AND a."openFingerprint" = r.fingerprint
    RETURNING a.*`;
}

/** The triggered alerts of these fingerprints → acknowledged (by `actorId`, or by the monitor when null). Distinct fingerprints. */
export function acknowledgeOpenAlerts(tx: ScopedTx, dataspaceId: string, changes: FingerprintAt[], actorId: string | null): Promise<AlertRow[]> {
  if (changes.length === 0) return Promise.resolve([]);
  return tx.$queryRaw<AlertRow[]>`
    UPDATE "Alert" AS a SET status = 'acknowledged', "acknowledgedAt" = r.at, "acknowledgedById" = ${actorId}::uuid, "updatedAt" = r.at
    FROM jsonb_to_recordset(${atRows(changes)}::jsonb) AS r(fingerprint text, at timestamptz)
    WHERE a."dataspaceId" = ${dataspaceId}::uuid AND a."openFingerprint" = r.fingerprint AND a.status = 'triggered'
    RETURNING a.*`;
}
