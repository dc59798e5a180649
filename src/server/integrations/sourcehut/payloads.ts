import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";
import { at, isObject } from "../shared/read";

/**
 * sr.ht has two webhook kinds. GraphQL-native webhooks (current) deliver the result of the query
 * the subscriber registered: `{ "data": { "webhook": { uuid, event, date, … } } }`. The legacy
 * REST webhooks deliver the resource, e.g. git.sr.ht's `repo:post-update`
 * `{ push, pusher, refs, repository }`. Only the fields mapping relies on are required.
 */
const graphqlWebhook = z.looseObject({ uuid: z.string(), event: z.string(), date: z.string().optional() });

const legacyPostUpdate = z.looseObject({
  repository: z.looseObject({ name: z.string(), owner: z.looseObject({ canonical_name: z.string() }) }),
  refs: z.array(z.unknown()),
});

/** The `webhook` object of a GraphQL-native delivery, if this is one. */
export function graphqlPart(payload: unknown): unknown {
  return at(payload, "data.webhook") ?? at(payload, "webhook");
}

export function validateSourcehutPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the X-Webhook-Event header (or the payload's webhook.event)");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  const webhook = graphqlPart(payload);
  if (isObject(webhook)) {
    const check = checkWithZod(graphqlWebhook, webhook);
    return check.ok ? check : { ok: false, errors: check.errors.map((error) => `/webhook${error.replace(/^\/:/, ":")}`) };
  }
  if (eventType === "repo:post-update") return checkWithZod(legacyPostUpdate, payload);
  return { ok: true };
}
