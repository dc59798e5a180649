import { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { checkField } from "@/server/errors";
import { filterMatches, MAX_EVENT_PATTERNS, MAX_FILTER_LENGTH, matchesEventPattern, normalizeEventPatterns, validateFilter } from "@/server/webhooks/rules";
import type { EventRow } from "../list-events";
import { AsyncQueue } from "./async-queue";
import { liveHub } from "./live-hub";

export const subscribeEventsInput = z.object({
  types: z.array(z.string().max(200)).max(MAX_EVENT_PATTERNS).optional(),
  filter: z.string().max(MAX_FILTER_LENGTH).optional(),
});

/** How far a subscriber may fall behind before it is ended. */
const BACKLOG_LIMIT = 1_000;

/**
 * A dataspace's new events as they commit, optionally only types matching `types` (`request.*`)
 * and passing `filter` — the patterns and filter language of webhooks, so a subscription sees what
 * a webhook with the same settings would be sent. Like the event log, it takes an admin: events
 * carry full payloads.
 */
export async function subscribeToEvents(ctx: TenantContext, input: z.input<typeof subscribeEventsInput>): Promise<AsyncIterableIterator<EventRow>> {
  requireRole(ctx.actor, "ADMIN");
  const parsed = subscribeEventsInput.parse(input);
  const patterns = parsed.types ? checkField("types", () => normalizeEventPatterns(parsed.types!)) : null;
  const filter = parsed.filter ? checkField("filter", () => validateFilter(parsed.filter!)) || null : null;
  return liveQueue(ctx, (event) => {
    if (patterns && !matchesEventPattern(patterns, event.type)) return null;
    return filterMatches(filter, { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: event.data }) ? event : null;
  });
}

export type ObjectChange = { type: string; uuid: string };

/**
 * Which objects changed, as their events of `types` commit: the type and the object's `uuid`, no
 * payload — any member may follow them, and reads each object as they may see it (the caller
 * re-reads it through the object's own domain function).
 */
export async function subscribeToChanges(ctx: TenantContext, types: readonly string[], uuid?: string | null): Promise<AsyncIterableIterator<ObjectChange>> {
  return liveQueue(ctx, (event) => {
    if (!matchesEventPattern(types, event.type)) return null;
    const changed = (event.data as { uuid?: unknown } | null)?.uuid;
    if (typeof changed !== "string" || (uuid && changed !== uuid)) return null;
    return { type: event.type, uuid: changed };
  });
}

async function liveQueue<T>(ctx: TenantContext, accept: (event: EventRow) => T | null): Promise<AsyncIterableIterator<T>> {
  let stop: () => void = () => undefined;
  const queue = new AsyncQueue<T>(BACKLOG_LIMIT, () => stop());
  stop = await liveHub().add(ctx.dataspace.id, (events) => {
    for (const event of events) {
      const item = accept(event);
      if (item !== null) queue.push(item);
    }
  });
  // Ended while registering (the client went away): nothing is left listening.
  if (queue.closed) stop();
  return queue;
}
