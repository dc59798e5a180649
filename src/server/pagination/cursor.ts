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

/** A keyset position on (a timestamp, id): what a list's cursor names. */
export type TimeKey = { at: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a (timestamp, id) cursor; a malformed one is a 400 that says to start over. */
export function decodeTimeCursor(cursor: string | null | undefined): TimeKey | undefined {
  if (!cursor) return undefined;
  const [ms, id] = decodeCursor(cursor, 2);
  if (!/^\d{1,15}$/.test(ms) || !UUID.test(id)) throw badRequest("Invalid cursor", { cursor: ["This cursor is not valid; start from the first page"] });
  return { at: new Date(Number(ms)), id };
}

/** The rows after `key` in (`field`, id) order — a `where` fragment for Prisma. */
export function afterTimeKey<F extends string>(field: F, key: TimeKey | undefined, direction: "asc" | "desc") {
  if (!key) return {};
  const beyond = direction === "asc" ? "gt" : "lt";
  return { OR: [{ [field]: { [beyond]: key.at } }, { [field]: key.at, id: { [beyond]: key.id } }] } as { OR: Record<string, unknown>[] };
}

/**
 * A page out of rows fetched with `take: limit + 1` (or all rows without a limit), with the
 * cursor of its last row when there is more.
 */
export function timePage<Row extends { id: string }, T>(rows: Row[], limit: number | undefined, at: (row: Row) => Date, map: (row: Row) => T): Page<T> {
  const items = limit === undefined ? rows : rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > items.length && last ? encodeCursor([at(last).getTime(), last.id]) : null };
}
