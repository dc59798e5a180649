import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";

/**
 * The fields of Forgejo/Gitea payloads mapping relies on (they follow GitHub's shapes), for the
 * events it maps; other fields pass through, other events are stored as sent.
 * https://forgejo.org/docs/latest/user/webhooks/
 */
const repository = z.looseObject({ full_name: z.string(), html_url: z.string().optional() });
const sender = z.looseObject({ login: z.string() });
const numbered = z.looseObject({ number: z.number().int(), title: z.string(), html_url: z.string().optional() });

const BY_EVENT: Record<string, z.ZodType> = {
  push: z.looseObject({ ref: z.string(), commits: z.array(z.unknown()).nullable(), repository, sender: sender.optional() }),
  pull_request: z.looseObject({ action: z.string(), pull_request: numbered, repository, sender }),
  issues: z.looseObject({ action: z.string(), issue: numbered, repository, sender }),
  issue_comment: z.looseObject({
    action: z.string(),
    issue: numbered,
    comment: z.looseObject({ body: z.string(), html_url: z.string().optional() }),
    repository,
    sender,
  }),
};

export function validateForgejoPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the X-Forgejo-Event header");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  const schema = BY_EVENT[eventType.split(".")[0]];
  return schema ? checkWithZod(schema, payload) : { ok: true };
}
