import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";

/**
 * An outgoing webhook sends the Bot Framework activity of the message that @mentioned it.
 * https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook
 */
const activity = z.looseObject({
  type: z.string(),
  id: z.string(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string(), name: z.string().optional() }),
  conversation: z.looseObject({ id: z.string() }),
});

export function validateMsTeamsPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the activity's type");
  const notObject = requireObject(payload);
  return notObject ?? checkWithZod(activity, payload);
}
