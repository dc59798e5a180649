import { z } from "zod";
import { appUrl } from "@/env";
import type { EventRow } from "./list-events";

/** An event as the outside world sees it; `data` is exactly what webhooks deliver as their `data`. */
export const eventObjectSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  type: z.string().describe("e.g. request.added; the catalog lists the built-in types and their data schemas"),
  created_date: z.string().describe("ISO 8601"),
  data: z.unknown().describe("The event's payload, as webhooks deliver it in `data`"),
});

export type EventObject = z.infer<typeof eventObjectSchema>;

export function serializeEvent(event: EventRow, dataspace: { slug: string }): EventObject {
  return {
    api_url: `/api/v1/events/${event.id}`,
    absolute_url: `${appUrl()}/d/${dataspace.slug}/events#event-${event.id}`,
    uuid: event.id,
    type: event.type,
    created_date: event.createdAt.toISOString(),
    data: event.data,
  };
}
