import { db } from "./client";

/**
 * Tenant scoping, in one place. `scopedDb(dataspaceId)` returns a Prisma client on which every
 * query of a tenant-owned model is constrained to that dataspace: reads and writes get
 * `dataspaceId` in their where clause, creates get it in their data (and throw if the caller
 * named another dataspace). Instance-wide models are reachable only as far as the dataspace may see them:
 * `Dataspace` is its own row, `User` is its members; anything else is refused.
 *
 * Together with the composite foreign keys in the schema (a comment can only reference a request
 * of its own dataspace), code holding a scoped client cannot read or write another tenant's rows.
 */

/** Every model with a `dataspaceId` column. A test checks this list against the schema. */
export const TENANT_MODELS = new Set([
  "Membership",
  "Invitation",
  "SsoConnection",
  "Request",
  "RequestComment",
  "Event",
]);

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

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

export class TenantScopeViolation extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} is not allowed through a dataspace-scoped client`);
    this.name = "TenantScopeViolation";
  }
}

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown };

function withData(model: string, data: unknown, dataspaceId: string): unknown {
  if (Array.isArray(data)) return data.map((d) => withData(model, d, dataspaceId));
  const row = (data ?? {}) as Record<string, unknown>;
  // A create naming another dataspace is a bug in the caller, not something to paper over.
  if ("dataspace" in row || (row.dataspaceId !== undefined && row.dataspaceId !== dataspaceId)) {
    throw new TenantScopeViolation(model, "create for another dataspace");
  }
  return { ...row, dataspaceId };
}

function scopeArgs(model: string, operation: string, args: Args, dataspaceId: string): Args {
  if (TENANT_MODELS.has(model)) {
    if (WHERE_OPERATIONS.has(operation)) return { ...args, where: { ...args.where, dataspaceId } };
    if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
      return { ...args, data: withData(model, args.data, dataspaceId) };
    }
    if (operation === "upsert") {
      return {
        ...args,
        where: { ...args.where, dataspaceId },
        create: withData(model, args.create, dataspaceId),
      };
    }
    throw new TenantScopeViolation(model, operation);
  }
  if (model === "Dataspace" && (READ_OPERATIONS.has(operation) || operation === "update")) {
    return { ...args, where: { ...args.where, id: dataspaceId } };
  }
  if (model === "User" && READ_OPERATIONS.has(operation)) {
    const where = args.where ?? {};
    const and = Array.isArray(where.AND) ? where.AND : where.AND ? [where.AND] : [];
    return { ...args, where: { ...where, AND: [...and, { memberships: { some: { dataspaceId } } }] } };
  }
  throw new TenantScopeViolation(model, operation);
}

function buildScoped(dataspaceId: string) {
  return db.$extends({
    name: "dataspace-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args as Args, dataspaceId));
        },
      },
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
