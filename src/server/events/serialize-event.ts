import { z } from "zod";
import { appUrl } from "@/env";
import { describeEvent } from "./event-summary";
import type { StoredEvent } from "./list-events";

/** An event as the outside world sees it; `data` is exactly what webhooks deliver as their `data`. */
export const eventObjectSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  type: z.string().describe("e.g. request.added; the catalog lists the built-in types and their data schemas"),
  created_date: z.string().describe("ISO 8601"),
  data: z.unknown().describe("The event's payload, as webhooks deliver it in `data`"),
  source: z
    .union([
      z.object({ kind: z.literal("integration"), uuid: z.string().uuid(), name: z.string(), type: z.string().describe("e.g. GITHUB") }),
      z.object({ kind: z.literal("user"), uuid: z.string().uuid() }),
      z.object({ kind: z.literal("system") }),
    ])
    .describe("Where the event came from: the integration that received it (`github.*`, `inbound.*`, …), the member whose action published it, or the app itself"),
  summary: z.string().describe("What happened, in one line (a pull request's or ticket's title, an alert); empty when the payload has nothing to show"),
});

export type EventObject = z.infer<typeof eventObjectSchema>;

/** Takes an event with or without its description (a freshly published one has none yet). */
export function serializeEvent(event: StoredEvent, dataspace: { slug: string }): EventObject {
  const { source, summary } = describeEvent(event);
  return {
    api_url: `/api/v1/events/${event.id}`,
    absolute_url: `${appUrl()}/d/${dataspace.slug}/events#event-${event.id}`,
    uuid: event.id,
    type: event.type,
    created_date: event.createdAt.toISOString(),
    data: event.data,
    source,
    summary,
  };
}
