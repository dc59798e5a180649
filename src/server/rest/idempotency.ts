import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import superjson from "superjson";
import { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { decryptSecret, encryptSecret } from "@/server/secrets/crypto";
import { ApiProblem } from "./problem";

/**
 * `Idempotency-Key` on POST (the IETF httpapi draft's semantics, Stripe's behaviour): the first
 * request with a key reserves it (a row with status 0), runs, and stores its response; a retry
 * with the same key and the same request gets that response again, marked
 * `Idempotency-Replayed: true`. The same key with another body or path is a client bug (422); a
 * retry while the first is still running gets 409. Keys live 24 hours per token. Only answers
 * that ran the operation are kept: auth, scope, rate-limit and validation refusals come before
 * the reservation, and a 5xx before the operation committed releases it so the retry runs for real.
 *
 * Surviving a crash (docs/api.md, "Idempotency"): the operation's transaction also notes its
 * result on the reservation (`recordCommit`, run by transactionWithEvents through its commit
 * hook), so "the operation committed" and "the reservation knows it" are one fact. A process
 * killed after that commit but before storing the answer leaves a reservation that holds the
 * result: a retry rebuilds the original answer from it without running the operation again (same
 * object, same event). A reservation without a result is one whose operation never committed:
 * it is taken over after a minute, and should its first request still be running then, its
 * `recordCommit` finds the reservation gone and rolls its operation back.
 */
const TTL_MS = 24 * 60 * 60 * 1000;
const ABANDONED_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/; // visible ASCII, as the draft's sf-string allows

export type StoredResponse = { status: number; body: unknown; headers: Record<string, string> };
export type Reservation =
  | { kind: "reserved"; id: string }
  | { kind: "replay"; response: StoredResponse }
  /** The operation committed but its answer was never stored: rebuild it from the operation's result. */
  | { kind: "committed"; id: string; result: unknown };

/** `responseBody` while the answer is pending (status 0): the committed operation's result, sealed. */
type CommittedMark = { committed: string };
const committedResultOf = (stored: unknown): string | undefined => {
  const committed = (stored as Partial<CommittedMark> | null)?.committed;
  return typeof committed === "string" ? committed : undefined;
};

/** The request's fingerprint: method, path and the body as canonical JSON (key order and spacing do not matter). */
export function requestFingerprint(body: unknown): string {
  return createHash("sha256").update(body === undefined ? "" : (canonicalize(body) ?? "")).digest("hex");
}

export function checkIdempotencyKey(key: string): void {
  if (!KEY.test(key)) throw new ApiProblem("bad-request", "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)");
}

export async function reserveIdempotencyKey(
  tenant: TenantContext,
  request: { tokenId: string; key: string; method: string; path: string; requestHash: string },
): Promise<Reservation> {
  sweepExpired(tenant);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const row = await tenant.db.apiIdempotencyKey.create({
        data: { ...request, dataspaceId: tenant.dataspace.id, status: 0, expiresAt: new Date(Date.now() + TTL_MS) },
        select: { id: true },
      });
      return { kind: "reserved", id: row.id };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
    const existing = await tenant.db.apiIdempotencyKey.findFirst({ where: { tokenId: request.tokenId, key: request.key } });
    if (!existing) continue; // released meanwhile: try again
    const now = Date.now();
    const committed = existing.status === 0 ? committedResultOf(existing.responseBody) : undefined;
    if (existing.expiresAt.getTime() <= now) {
      await tenant.db.apiIdempotencyKey.deleteMany({ where: { id: existing.id, status: existing.status } });
      continue;
    }
    if (existing.status === 0 && committed === undefined && existing.createdAt.getTime() <= now - ABANDONED_AFTER_MS) {
      // Only while no operation has committed under it: the condition waits for a transaction
      // that is noting its result right now, and then matches nothing.
      await tenant.db.apiIdempotencyKey.deleteMany({ where: { id: existing.id, status: 0, responseBody: { equals: Prisma.DbNull } } });
      continue;
    }
    if (existing.method !== request.method || existing.path !== request.path || existing.requestHash !== request.requestHash) {
      throw new ApiProblem(
        "idempotency-key-reused",
        `This Idempotency-Key was used for a different request (${existing.method} ${existing.path} with another body); use a new key for a new request`,
      );
    }
    if (committed !== undefined) {
      return { kind: "committed", id: existing.id, result: superjson.parse(decryptSecret(committed)) };
    }
    if (existing.status === 0) {
      throw new ApiProblem("idempotency-key-in-use", "A request with this Idempotency-Key is still being processed; retry in a moment", {
        headers: { "retry-after": "1" },
      });
    }
    return {
      kind: "replay",
      response: { status: existing.status, body: openBody(existing.responseBody), headers: (existing.responseHeaders ?? {}) as Record<string, string> },
    };
  }
  throw new ApiProblem("idempotency-key-in-use", "This Idempotency-Key is contended; retry in a moment", { headers: { "retry-after": "1" } });
}

/**
 * Inside the operation's transaction: notes its result on the reservation. A reservation that is
 * gone (taken over by a retry after a minute) refuses, which rolls the operation back: the retry
 * runs it instead, so it happens once.
 */
export async function recordCommit(tx: ScopedTx, id: string, result: unknown): Promise<void> {
  const mark: CommittedMark = { committed: encryptSecret(superjson.stringify(result)) };
  const { count } = await tx.apiIdempotencyKey.updateMany({ where: { id, status: 0, responseBody: { equals: Prisma.DbNull } }, data: { responseBody: mark } });
  if (count !== 1) {
    throw new AppError("CONFLICT", "This request took too long and a retry with its Idempotency-Key took over; the retry's answer counts", { retryAfterSeconds: 1 });
  }
}

export async function completeIdempotencyKey(tenant: TenantContext, id: string, response: StoredResponse): Promise<void> {
  await tenant.db.apiIdempotencyKey.updateMany({
    where: { id, status: 0 },
    data: { status: response.status, responseBody: sealBody(response.body), responseHeaders: response.headers },
  });
}

/**
 * Stored answers are encrypted like every other secret at rest: a creation's answer can carry a
 * credential shown once (an integration's inbound URL, a webhook's signing secret).
 */
function sealBody(body: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return body === undefined ? Prisma.JsonNull : { sealed: encryptSecret(JSON.stringify(body)) };
}

function openBody(stored: unknown): unknown {
  const sealed = (stored as { sealed?: unknown } | null)?.sealed;
  return typeof sealed === "string" ? (JSON.parse(decryptSecret(sealed)) as unknown) : undefined;
}

/** Frees a reservation whose operation did not commit (a 5xx), so a retry runs it for real. */
export async function releaseIdempotencyKey(tenant: TenantContext, id: string): Promise<void> {
  await tenant.db.apiIdempotencyKey.deleteMany({ where: { id, status: 0, responseBody: { equals: Prisma.DbNull } } });
}

// Expired keys are refused as they are met; this removes the rest, per dataspace, now and then.
const lastSweep = new Map<string, number>();

function sweepExpired(tenant: TenantContext): void {
  const now = Date.now();
  if (now - (lastSweep.get(tenant.dataspace.id) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(tenant.dataspace.id, now);
  tenant.db.apiIdempotencyKey
    .deleteMany({ where: { expiresAt: { lt: new Date(now) } } })
    .catch((error: unknown) => console.error("[api] could not sweep expired idempotency keys", error));
}
