import { createHash } from "node:crypto";
import { ApiProblem } from "./problem";

/**
 * Strong ETags from the representation itself: the same JSON, byte for byte, has the same tag,
 * whatever changed it (a comment changes a request's object but not its updatedAt).
 */
export function etagOf(representation: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(representation)).digest("base64url").slice(0, 27)}"`;
}

const tagsOf = (header: string) => header.split(",").map((tag) => tag.trim()).filter(Boolean);

/** `If-None-Match` (weak comparison, RFC 9110 §13.1.2): true when the client's copy is current. */
export function noneMatchHit(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return tagsOf(header).some((tag) => tag === "*" || tag.replace(/^W\//, "") === bare);
}

/** `If-Match` (strong comparison, RFC 9110 §13.1.1): throws 412 unless one of the tags is current. */
export function assertIfMatch(header: string | null, etag: string): void {
  if (header === null) return;
  const ok = tagsOf(header).some((tag) => tag === "*" || (!tag.startsWith("W/") && tag === etag));
  if (!ok) {
    throw new ApiProblem("precondition-failed", "The resource changed since you read it (If-Match does not match its ETag); fetch it again and retry", {
      headers: { etag },
    });
  }
}
