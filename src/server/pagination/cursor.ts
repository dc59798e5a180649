import { badRequest } from "@/server/errors";

/**
 * Opaque keyset cursors. A cursor names the last row of a page by its sort key, so the next page
 * is an index range scan however deep it is (no OFFSET).
 */
export function encodeCursor(parts: (string | number | bigint)[]): string {
  return Buffer.from(parts.map(String).join("|"), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): string[] {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (parts.length !== arity || parts.some((p) => p.length === 0)) {
    throw badRequest("Invalid cursor", { cursor: ["This cursor is not valid; start from the first page"] });
  }
  return parts;
}

export type Page<T> = { items: T[]; nextCursor: string | null };
