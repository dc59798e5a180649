import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";
import { str } from "../shared/read";

/**
 * Events API payloads: the `event_callback` wrapper around one event, and the `url_verification`
 * handshake. https://api.slack.com/apis/events-api#callback-field
 */
const urlVerification = z.looseObject({ type: z.literal("url_verification"), challenge: z.string().min(1) });
const eventCallback = z.looseObject({
  type: z.literal("event_callback"),
  team_id: z.string(),
  event_id: z.string(),
  event_time: z.number().optional(),
  event: z.looseObject({ type: z.string(), user: z.string().optional(), channel: z.string().optional(), text: z.string().optional() }),
});

export function validateSlackPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the payload's type (and event.type)");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  switch (str(payload, "type")) {
    case "url_verification":
      return checkWithZod(urlVerification, payload);
    case "event_callback":
      return checkWithZod(eventCallback, payload);
    default:
      return { ok: true }; // e.g. app_rate_limited: stored as sent
  }
}
