import type { ScopedTx } from "@/server/db/scoped";
import { publishEvents } from "@/server/events/publish-event";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { uuidv7 } from "@/server/db/uuid";
import type { InboundDeployment } from "@/server/integrations/provider";
import { isHttpUrl } from "@/server/validation/url";
import { DEPLOYMENT_LIMITS, SHA_PATTERN, type DeploymentStatus } from "./deployment.schema";
import { refusedTransition, timesFor } from "./deployment-status";
import { serializeDeployment, type SerializableDeployment } from "./serialize-deployment";

/** One processed delivery's reports: its integration and the deployments it reports (often none). */
export type InboundDeploymentReports = { integrationId: string; deployments: InboundDeployment[] };

type Report = { item: number; integrationId: string; deployment: InboundDeployment };
type Change =
  | { type: "deployment.created"; snapshot: SerializableDeployment }
  | { type: "deployment.status_changed"; snapshot: SerializableDeployment; previous: DeploymentStatus };

const keyOf = (integrationId: string, externalId: string) => `${integrationId} ${externalId}`;

/**
 * Records what a group of processed inbound deliveries reports about deployments, inside the
 * transaction that publishes their events and marks them processed (so a delivery's deployment
 * exists if and only if it was processed). Returns one line per delivery for its processing log
 * (null when it reported none).
 *
 * A deployment is known by (integration, external id): the first report creates it (publishing
 * `deployment.created`), later ones — a status, a redelivery, a replay — update that same row.
 * A report's status is applied when it moves the deployment forward (publishing
 * `deployment.status_changed`); a late or repeated one (GitHub's `in_progress` arriving after
 * `success`, a redelivered status) changes nothing, since a finished deployment stays finished.
 *
 * Set-based, whatever the group's size: one lock, three reads (existing deployments, services by
 * name, the dataspace), one upsert and one insert of events. The reports are folded in received
 * order in memory first, so a group holding a deployment and its statuses writes each row once.
 * Concurrent groups of one dataspace take turns on a transaction-scoped advisory lock, so two of
 * them never both create the same deployment.
 */
export async function recordInboundDeployments(tx: ScopedTx, dataspaceId: string, groups: InboundDeploymentReports[]): Promise<(string | null)[]> {
  const notes: string[][] = groups.map(() => []);
  const reports: Report[] = [];
  groups.forEach(({ integrationId, deployments }, item) => {
    for (const reported of deployments) {
      const deployment = storable(reported);
      if (deployment) reports.push({ item, integrationId, deployment });
      else notes[item].push("a deployment without an environment or id: nothing recorded");
    }
  });
  if (reports.length === 0) return notes.map(noteLine);

  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`switchboard:deployments:${dataspaceId}`}, 0))`;
  const byIntegration = new Map<string, Set<string>>();
  for (const { integrationId, deployment } of reports) {
    const ids = byIntegration.get(integrationId) ?? new Set<string>();
    ids.add(deployment.externalId);
    byIntegration.set(integrationId, ids);
  }
  const serviceNames = [...new Set(reports.flatMap(({ deployment }) => (deployment.service ? [deployment.service] : [])))];
  const [existing, services, dataspace] = await Promise.all([
    tx.deployment.findMany({
      where: { OR: [...byIntegration].map(([integrationId, ids]) => ({ sourceIntegrationId: integrationId, externalId: { in: [...ids] } })) },
      include: { service: { select: { id: true, name: true } } },
    }),
    serviceNames.length > 0 ? tx.service.findMany({ where: { name: { in: serviceNames } }, select: { id: true, name: true } }) : [],
    tx.dataspace.findUniqueOrThrow({ where: { id: dataspaceId }, select: { slug: true, name: true } }),
  ]);
  const serviceByName = new Map(services.map((service) => [service.name, service]));
  const states = new Map<string, SerializableDeployment>(existing.map((row) => [keyOf(row.sourceIntegrationId!, row.externalId!), { ...row, createdBy: null }]));
  const dirty = new Set<string>();
  const changes: Change[] = [];
  const now = new Date();

  for (const { item, integrationId, deployment } of reports) {
    const key = keyOf(integrationId, deployment.externalId);
    const service = deployment.service ? (serviceByName.get(deployment.service) ?? null) : null;
    if (deployment.service && !service) notes[item].push(`no service named ${JSON.stringify(deployment.service)}: recorded without one`);
    const at = deployment.at ?? now;
    const before = states.get(key);
    if (!before) {
      const status = deployment.status ?? "queued";
      const created: SerializableDeployment = {
        id: uuidv7(now),
        dataspaceId,
        serviceId: service?.id ?? null,
        service,
        environment: deployment.environment,
        ref: deployment.ref,
        sha: deployment.sha,
        version: null,
        description: deployment.description ?? "",
        status,
        url: deployment.url,
        source: deployment.source,
        sourceIntegrationId: integrationId,
        externalId: deployment.externalId,
        creator: deployment.creator,
        committedAt: deployment.committedAt,
        ...timesFor(status, { startedAt: null, finishedAt: null }, at),
        createdById: null,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      };
      states.set(key, created);
      dirty.add(key);
      changes.push({ type: "deployment.created", snapshot: { ...created } });
      notes[item].push(`recorded deployment ${deployment.externalId} to ${deployment.environment} (${status})`);
      continue;
    }
    const after: SerializableDeployment = {
      ...before,
      environment: deployment.environment,
      ref: deployment.ref ?? before.ref,
      sha: deployment.sha ?? before.sha,
      description: deployment.description ?? before.description,
      creator: before.creator ?? deployment.creator,
      url: deployment.url ?? before.url,
      committedAt: deployment.committedAt ?? before.committedAt,
      serviceId: before.serviceId ?? service?.id ?? null,
      service: before.service ?? service,
    };
    const to = deployment.status;
    const moves = to !== null && to !== before.status && refusedTransition(before.status, to) === null;
    if (moves) Object.assign(after, { status: to, ...timesFor(to, before, at) });
    const changed =
      (["environment", "ref", "sha", "description", "creator", "url", "serviceId", "status"] as const).some((field) => after[field] !== before[field]) ||
      after.committedAt?.getTime() !== before.committedAt?.getTime();
    if (!changed) {
      notes[item].push(
        to !== null && to !== before.status
          ? `deployment ${deployment.externalId} stays ${before.status} (reported ${to} after it)`
          : `deployment ${deployment.externalId} already recorded as reported`,
      );
      continue;
    }
    after.updatedAt = now;
    states.set(key, after);
    dirty.add(key);
    if (moves) {
      changes.push({ type: "deployment.status_changed", snapshot: { ...after }, previous: before.status });
      notes[item].push(`deployment ${deployment.externalId} to ${after.environment}: ${before.status} → ${to}`);
    } else {
      notes[item].push(`deployment ${deployment.externalId} updated`);
    }
  }

  await upsert(tx, dataspaceId, [...dirty].map((key) => states.get(key)!));
  await publishEvents(
    tx,
    dataspaceId,
    changes.map((change) =>
      change.type === "deployment.created"
        ? { type: change.type, data: serializeDeployment(change.snapshot, dataspace) }
        : { type: change.type, data: { ...serializeDeployment(change.snapshot, dataspace), previous_status: change.previous } },
    ),
  );
  return notes.map(noteLine);
}

function noteLine(lines: string[]): string | null {
  return lines.length > 0 ? lines.join("; ") : null;
}

/**
 * The rows as they end up, in one statement: new ones inserted, known ones (the unique
 * (dataspace, integration, external id)) updated. Raw SQL passes the scoped client untouched, so
 * it names the dataspace itself; row-level security holds it to the transaction's dataspace.
 */
async function upsert(tx: ScopedTx, dataspaceId: string, rows: SerializableDeployment[]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((row) => ({
    id: row.id,
    serviceId: row.serviceId,
    environment: row.environment,
    ref: row.ref,
    sha: row.sha,
    description: row.description,
    status: row.status,
    url: row.url,
    source: row.source,
    sourceIntegrationId: row.sourceIntegrationId,
    externalId: row.externalId,
    creator: row.creator,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    committedAt: row.committedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
  await tx.$executeRaw`
    INSERT INTO "Deployment" (id, "dataspaceId", "serviceId", environment, ref, sha, description, status, url, source, "sourceIntegrationId", "externalId", creator, "startedAt", "finishedAt", "committedAt", "createdAt", "updatedAt")
    SELECT d.id, ${dataspaceId}::uuid, d."serviceId", d.environment, d.ref, d.sha, d.description, d.status::"DeploymentStatus", d.url, d.source, d."sourceIntegrationId", d."externalId", d.creator, d."startedAt", d."finishedAt", d."committedAt", d."createdAt", d."updatedAt"
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS d(id uuid, "serviceId" uuid, environment text, ref text, sha text, description text, status text, url text, source text, "sourceIntegrationId" uuid, "externalId" text, creator text, "startedAt" timestamptz, "finishedAt" timestamptz, "committedAt" timestamptz, "createdAt" timestamptz, "updatedAt" timestamptz)
    ON CONFLICT ("dataspaceId", "sourceIntegrationId", "externalId") DO UPDATE SET
      "serviceId" = EXCLUDED."serviceId", environment = EXCLUDED.environment, ref = EXCLUDED.ref, sha = EXCLUDED.sha,
      description = EXCLUDED.description, status = EXCLUDED.status, url = EXCLUDED.url, creator = EXCLUDED.creator,
      "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt", "committedAt" = EXCLUDED."committedAt", "updatedAt" = EXCLUDED."updatedAt"`;
}

/** Text a sender controls, made storable (no NUL, no lone surrogate), trimmed and cut to `max`; empty is null. */
function text(value: string | null, max: number): string | null {
  if (value === null) return null;
  const clean = jsonbSafeText(value).trim();
  if (!clean) return null;
  return clean.length > max ? `${clean.slice(0, max - 1)}…`.toWellFormed() : clean;
}

/** A report as the API would take it: the same limits, a sha that is a commit id, an http(s) URL. Null when it names no environment or id. */
function storable(deployment: InboundDeployment): InboundDeployment | null {
  const environment = text(deployment.environment, DEPLOYMENT_LIMITS.environment);
  const externalId = text(deployment.externalId, 200);
  if (!environment || !externalId) return null;
  const sha = deployment.sha?.trim() ?? "";
  const url = text(deployment.url, DEPLOYMENT_LIMITS.url + 1);
  return {
    ...deployment,
    externalId,
    environment,
    ref: text(deployment.ref, DEPLOYMENT_LIMITS.ref),
    sha: SHA_PATTERN.test(sha) ? sha.toLowerCase() : null,
    description: text(deployment.description, DEPLOYMENT_LIMITS.description),
    creator: text(deployment.creator, DEPLOYMENT_LIMITS.creator),
    url: url && url.length <= DEPLOYMENT_LIMITS.url && isHttpUrl(url) ? url : null,
    service: text(deployment.service, 200),
  };
}
