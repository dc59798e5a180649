import { tenantClient } from "./client";
import { relationTarget } from "./relations";
import { inDataspace } from "./tenant-session";

/**
 * Tenant scoping, in one place. `scopedDb(dataspaceId)` returns a Prisma client on which every
 * query of a tenant-owned model is constrained to that dataspace: reads and writes get
 * `dataspaceId = <scope>` ANDed to their where clause, creates get it in their data (and throw if
 * the caller named another dataspace). Instance-wide models are reachable only as far as the
 * dataspace may see them: `Dataspace` is its own row, `User` is its members (scalars only).
 * Rows owned through a tenant row (OWNED_MODELS) are scoped through that relation; reference data
 * (REFERENCE_MODELS) is readable but leads nowhere.
 *
 * Nested reads are walked too: `include`, `select`, `_count`, relation filters in `where` and
 * relation `orderBy` may only follow relations that stay inside the dataspace (tenant models,
 * the dataspace, and users' own columns); anything else — e.g. user → memberships, which would
 * reach other dataspaces — throws. Nested writes through relations are refused: scoped writes use
 * scalar foreign keys. With the composite foreign keys in the schema (a comment can only
 * reference a request of its own dataspace), code holding a scoped client cannot read or write
 * another tenant's rows.
 *
 * Behind it, PostgreSQL's row-level security is the second safeguard (./tenant-session.ts): this
 * client runs on the tenant pool, and every query — raw SQL included — runs on a connection that
 * entered the dataspace, so SQL that forgets its `dataspaceId` still gets only its rows.
 */

/** Every model with a `dataspaceId` column. A test checks this list against the schema. */
export const TENANT_MODELS = new Set([
  "Membership",
  "Invitation",
  "SsoConnection",
  "Request",
  "RequestComment",
  "Event",
  "RuntimeRun",
  "WebhookEndpoint",
  "WebhookDelivery",
  "WebhookAttempt",
  "WebhookReplay",
  "WebhookSettings",
  "Integration",
  "IntegrationSecret",
  "WebhookEvent",
  "ApiToken",
  "ApiIdempotencyKey",
  "CustomEventType",
  "SsoDomainClaim",
  "Service",
  "Incident",
  "IncidentUpdate",
  "IncidentService",
  "Maintenance",
  "MaintenanceUpdate",
  "MaintenanceService",
  "Alert",
  "Deployment",
  "StatuspageIncidentLink",
  "IssueLink",
  "NotificationRule",
  "NotificationMessage",
  "NotificationThread",
  "IssueCommentLink",
  "PullRequestLink",
  "MetricBucket",
  "TelemetryForwarding",
  "MetricMapping",
  "DeploymentLink",
  "PipelineRule",
  "PipelineRun",
]);

/**
 * Models without a `dataspaceId` of their own whose rows belong to a tenant row through a relation
 * (a run's steps, attempts, jobs and waits): readable, scoped through that relation; rows with
 * no parent (a cron tick's job) are left out. A test checks each relation leads to a tenant model.
 */
export const OWNED_MODELS: Readonly<Record<string, string>> = {
  RuntimeStep: "run",
  RuntimeAttempt: "run",
  RuntimeJob: "run",
  RuntimeWait: "run",
};

/** Instance-wide reference data no tenant owns (the app's function catalog): read-only, scalars only. */
export const REFERENCE_MODELS = new Set(["RuntimeFunction"]);

const READ_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);
const WHERE_WRITE_OPERATIONS = new Set(["update", "updateMany", "updateManyAndReturn", "delete", "deleteMany"]);
const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);

export class TenantScopeViolation extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} is not allowed through a dataspace-scoped client`);
    this.name = "TenantScopeViolation";
  }
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Relations a scoped query may follow: into the dataspace's own rows, never out of a user or of
 * reference data (a user's memberships or a function's runs span every dataspace).
 */
function assertFollowable(from: string, field: string, to: string): void {
  const inside = TENANT_MODELS.has(to) || to in OWNED_MODELS || REFERENCE_MODELS.has(to) || to === "Dataspace" || to === "User";
  if (from === "User" || REFERENCE_MODELS.has(from) || !inside) throw new TenantScopeViolation(from, `relation ${field}`);
}

function checkSelection(model: string, selection: unknown): void {
  if (!isNode(selection)) return;
  for (const [field, value] of Object.entries(selection)) {
    if (field === "_count") {
      if (isNode(value)) checkSelection(model, value.select);
      continue;
    }
    const target = relationTarget(model, field);
    if (!target || value === false) continue;
    assertFollowable(model, field, target);
    if (isNode(value)) checkQuery(target, value);
  }
}

function checkWhere(model: string, where: unknown): void {
  if (Array.isArray(where)) return where.forEach((w) => checkWhere(model, w));
  if (!isNode(where)) return;
  for (const [field, value] of Object.entries(where)) {
    if (field === "AND" || field === "OR" || field === "NOT") {
      checkWhere(model, value);
      continue;
    }
    const target = relationTarget(model, field);
    if (!target) continue;
    assertFollowable(model, field, target);
    if (!isNode(value)) continue;
    const wrapped = ["some", "every", "none", "is", "isNot"].some((k) => k in value);
    if (wrapped) for (const k of ["some", "every", "none", "is", "isNot"]) checkWhere(target, value[k]);
    else checkWhere(target, value);
  }
}

function checkOrderBy(model: string, orderBy: unknown): void {
  if (Array.isArray(orderBy)) return orderBy.forEach((o) => checkOrderBy(model, o));
  if (!isNode(orderBy)) return;
  for (const [field, value] of Object.entries(orderBy)) {
    const target = relationTarget(model, field);
    if (!target) continue;
    assertFollowable(model, field, target);
    if (isNode(value)) checkOrderBy(target, value);
  }
}

/** Walks one level of query args (and recursively what it includes). */
function checkQuery(model: string, args: Node): void {
  checkSelection(model, args.include);
  checkSelection(model, args.select);
  checkWhere(model, args.where);
  checkOrderBy(model, args.orderBy);
}

function checkWriteData(model: string, data: unknown): void {
  if (Array.isArray(data)) return data.forEach((d) => checkWriteData(model, d));
  if (!isNode(data)) return;
  for (const field of Object.keys(data)) {
    if (relationTarget(model, field)) throw new TenantScopeViolation(model, `nested write through ${field}`);
  }
}

function withData(model: string, data: unknown, dataspaceId: string): unknown {
  if (Array.isArray(data)) return data.map((d) => withData(model, d, dataspaceId));
  const row = (data ?? {}) as Node;
  // A create naming another dataspace is a bug in the caller, not something to paper over.
  if (row.dataspaceId !== undefined && row.dataspaceId !== dataspaceId) {
    throw new TenantScopeViolation(model, "create for another dataspace");
  }
  return { ...row, dataspaceId };
}

/** ANDs the scope to the caller's where, so a conflicting caller filter yields nothing. */
function andWhere(where: unknown, scope: Node): Node {
  const base = isNode(where) ? where : {};
  const and = Array.isArray(base.AND) ? base.AND : base.AND ? [base.AND] : [];
  return { ...base, AND: [...and, scope] };
}

function scopeArgs(model: string, operation: string, args: Node, dataspaceId: string): Node {
  checkQuery(model, args);
  checkWriteData(model, args.data);
  checkWriteData(model, args.create);
  checkWriteData(model, args.update);
  if (TENANT_MODELS.has(model)) {
    const scope = { dataspaceId };
    if (READ_OPERATIONS.has(operation) || WHERE_WRITE_OPERATIONS.has(operation)) return { ...args, where: andWhere(args.where, scope) };
    if (CREATE_OPERATIONS.has(operation)) return { ...args, data: withData(model, args.data, dataspaceId) };
    if (operation === "upsert") {
      return { ...args, where: andWhere(args.where, scope), create: withData(model, args.create, dataspaceId) };
    }
  } else if (model in OWNED_MODELS && READ_OPERATIONS.has(operation)) {
    return { ...args, where: andWhere(args.where, { [OWNED_MODELS[model]]: { dataspaceId } }) };
  } else if (REFERENCE_MODELS.has(model) && READ_OPERATIONS.has(operation)) {
    return args;
  } else if (model === "Dataspace" && (READ_OPERATIONS.has(operation) || operation === "update")) {
    return { ...args, where: andWhere(args.where, { id: dataspaceId }) };
  } else if (model === "User" && READ_OPERATIONS.has(operation)) {
    return { ...args, where: andWhere(args.where, { memberships: { some: { dataspaceId } } }) };
  }
  throw new TenantScopeViolation(model, operation);
}

/** Prisma's internal request parameters: `transaction` is set when the query runs inside one. */
type QueryParams = { __internalParams?: { transaction?: unknown } };

/** A model's property on the client: `RequestComment` → `requestComment`. */
const delegateOf = (model: string) => model[0].toLowerCase() + model.slice(1);

function buildScoped(dataspaceId: string) {
  const base = tenantClient();
  const extended = base.$extends({
    name: "dataspace-scope",
    query: {
      // Raw SQL too: it is not rewritten, but it runs on a connection inside the dataspace.
      $allOperations(params) {
        const { model, operation, args, query } = params;
        const scoped = model ? scopeArgs(model, operation, (args ?? {}) as Node, dataspaceId) : args;
        // A transaction's connection entered the dataspace when the transaction began.
        if ((params as QueryParams).__internalParams?.transaction) return query(scoped);
        // Prisma batches the findUniques of one tick into one query, run where the first was
        // asked: another dataspace's caller would find nothing. findFirst is never batched.
        if (model && (operation === "findUnique" || operation === "findUniqueOrThrow")) {
          const delegate = (base as unknown as Record<string, Record<string, (args: unknown) => Promise<unknown>>>)[delegateOf(model)];
          return inDataspace(dataspaceId, () => delegate[operation === "findUnique" ? "findFirst" : "findFirstOrThrow"](scoped).then((result) => result));
        }
        // `then` starts the query, inside the dataspace: the connection it checks out enters it.
        return inDataspace(dataspaceId, () => query(scoped).then((result) => result));
      },
    },
  });
  return enterOnTransaction(extended, dataspaceId);
}

/** `$transaction` of the scoped client begins inside the dataspace (its connection enters it at checkout). */
function enterOnTransaction<Client extends { $transaction: (...args: never[]) => unknown }>(client: Client, dataspaceId: string): Client {
  const start = (client.$transaction as (work: unknown, options?: unknown) => Promise<unknown>).bind(client);
  const transaction = (work: unknown, options?: unknown) => inDataspace(dataspaceId, () => start(work, options));
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "$transaction") return transaction;
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export type ScopedDb = ReturnType<typeof buildScoped>;

export function scopedDb(dataspaceId: string): ScopedDb {
  if (!dataspaceId) throw new Error("scopedDb needs a dataspace id");
  return buildScoped(dataspaceId);
}

/** The transaction client handed to `$transaction(async (tx) => …)` on a scoped client. */
export type ScopedTx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];
