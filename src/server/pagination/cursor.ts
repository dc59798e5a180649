import { AppError } from "@/server/errors";
import { isUnsafeText } from "@/server/validation/text";

/**
 * Opaque keyset cursors, one format for every list. A cursor names the last row of a page by its
 * sort key, so the next page is an index range scan however deep it is (no OFFSET), and it names
 * the ordering that issued it (`members:createdAt`, `requests:-updatedAt`): a cursor from another
 * list or another sort is refused, as is anything that is not exactly what `encodeCursor` wrote.
 * Every refusal is the same 400 (docs/api.md, "Pagination").
 */
export function encodeCursor(ordering: string, parts: (string | number | bigint)[]): string {
  return Buffer.from(JSON.stringify([ordering, ...parts.map(String)]), "utf8").toString("base64url");
}

export const invalidCursor = () => new AppError("BAD_REQUEST", "Invalid cursor: it was not issued by this list with this ordering; start from the first page (without cursor)");

/** The `arity` parts of a cursor issued for `ordering`; anything else is a 400. */
export function decodeCursor(cursor: string, ordering: string, arity: number): string[] {
  let decoded: unknown;
  try {
    const bytes = Buffer.from(cursor, "base64url");
    // Node's decoder skips what is not base64url: only a cursor that encodes back to itself is ours.
    if (bytes.toString("base64url") !== cursor) throw invalidCursor();
    decoded = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== arity + 1 || decoded[0] !== ordering) throw invalidCursor();
  const parts = decoded.slice(1);
  if (parts.some((p) => typeof p !== "string" || p.length === 0 || p.length > 100 || isUnsafeText(p))) throw invalidCursor();
  return parts as string[];
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** A keyset position on (a timestamp, id): what a list's cursor names. */
export type TimeKey = { at: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a (timestamp, id) cursor issued for `ordering`; a malformed or foreign one is a 400 that says to start over. */
export function decodeTimeCursor(cursor: string | null | undefined, ordering: string): TimeKey | undefined {
  if (!cursor) return undefined;
  const [ms, id] = decodeCursor(cursor, ordering, 2);
  if (!/^\d{1,15}$/.test(ms) || !UUID.test(id)) throw invalidCursor();
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
 * cursor (for `ordering`) of its last row when there is more.
 */
export function timePage<Row extends { id: string }, T>(rows: Row[], limit: number | undefined, at: (row: Row) => Date, map: (row: Row) => T, ordering: string): Page<T> {
  const items = limit === undefined ? rows : rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > items.length && last ? encodeCursor(ordering, [at(last).getTime(), last.id]) : null };
}
