import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedDb } from "@/server/db/scoped";
import { badRequest, notFound } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import { withPayload } from "./event-payload";
import { describeEvent, type EventDescription } from "./event-summary";
import type { listEventsInput } from "./events.schema";
import { eventTypeWhere } from "./type-filter";

export const eventSelect = { id: true, seq: true, type: true, data: true, actorId: true, createdAt: true, payloadFrom: { select: { body: true } } } as const;

/** An event as stored (payload put back); EventRow adds what lists show of it. */
export type StoredEvent = { id: string; seq: bigint; type: string; data: unknown; actorId: string | null; createdAt: Date };
export type EventRow = StoredEvent & EventDescription;

function toEventRow({ payloadFrom, ...row }: { id: string; seq: bigint; type: string; data: unknown; actorId: string | null; createdAt: Date; payloadFrom: { body: string } | null }): EventRow {
  return { ...row, data: withPayload(row.data, payloadFrom?.body), ...describeEvent(row) };
}

/**
 * A dataspace's events, newest first, keyset-paginated on the global sequence, optionally of one
 * type or pattern (`github.*`; see type-filter.ts), each with its source and one-line summary.
 * Events carry full payloads (private requests included), so the log is an admin tool, like the
 * webhook settings that consume it.
 */
export async function listEvents(ctx: TenantContext, input: z.output<typeof listEventsInput>): Promise<Page<EventRow>> {
  requireRole(ctx.actor, "ADMIN");
  const typeWhere = eventTypeWhere(input.type);
  let before: bigint | undefined;
  if (input.cursor) {
    const [seq] = decodeCursor(input.cursor, "events:-seq", 1);
    if (!/^\d{1,19}$/.test(seq)) throw badRequest("Invalid cursor");
    before = BigInt(seq);
  }
  const rows = await ctx.db.event.findMany({
    where: { ...typeWhere, ...(before !== undefined ? { seq: { lt: before } } : {}) },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    select: eventSelect,
  });
  const items = rows.slice(0, input.limit).map(toEventRow);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor("events:-seq", [last.seq]) : null };
}

/** A dataspace's events with sequence numbers from `from` to `to`, oldest first (what a live notice names). */
export async function eventsInRange(tdb: ScopedDb, from: bigint, to: bigint): Promise<EventRow[]> {
  const rows = await tdb.event.findMany({ where: { seq: { gte: from, lte: to } }, orderBy: { seq: "asc" }, take: 1_000, select: eventSelect });
  return rows.map(toEventRow);
}

export async function getEvent(ctx: TenantContext, id: string): Promise<EventRow> {
  requireRole(ctx.actor, "ADMIN");
  const event = await ctx.db.event.findUnique({ where: { id }, select: eventSelect });
  if (!event) throw notFound("Event");
  return toEventRow(event);
}
