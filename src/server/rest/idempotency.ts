import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { decryptSecret, encryptSecret } from "@/server/secrets/crypto";
import { ApiProblem } from "./problem";

/**
 * `Idempotency-Key` on POST (the IETF httpapi draft's semantics, Stripe's behaviour): the first
 * request with a key reserves it (a row with status 0), runs, and stores its response; a retry
 * with the same key and the same request gets that response again, marked
 * `Idempotency-Replayed: true`. The same key with another body or path is a client bug (422); a
 * retry while the first is still running gets 409. Keys live 24 hours per token. A reservation
 * whose request died (server crash) is taken over after a minute. Only answers that ran the
 * operation are kept: auth, scope, rate-limit and validation refusals come before the
 * reservation, and a 5xx releases it so the retry runs for real.
 */
const TTL_MS = 24 * 60 * 60 * 1000;
const ABANDONED_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/; // visible ASCII, as the draft's sf-string allows

export type StoredResponse = { status: number; body: unknown; headers: Record<string, string> };
export type Reservation = { kind: "reserved"; id: string } | { kind: "replay"; response: StoredResponse };

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
    const stale = existing.expiresAt.getTime() <= now || (existing.status === 0 && existing.createdAt.getTime() <= now - ABANDONED_AFTER_MS);
    if (stale) {
      await tenant.db.apiIdempotencyKey.deleteMany({ where: { id: existing.id, status: existing.status } });
      continue;
    }
    if (existing.method !== request.method || existing.path !== request.path || existing.requestHash !== request.requestHash) {
      throw new ApiProblem(
        "idempotency-key-reused",
        `This Idempotency-Key was used for a different request (${existing.method} ${existing.path} with another body); use a new key for a new request`,
      );
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

export async function completeIdempotencyKey(tenant: TenantContext, id: string, response: StoredResponse): Promise<void> {
  await tenant.db.apiIdempotencyKey.updateMany({
    where: { id },
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

export async function releaseIdempotencyKey(tenant: TenantContext, id: string): Promise<void> {
  await tenant.db.apiIdempotencyKey.deleteMany({ where: { id, status: 0 } });
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
