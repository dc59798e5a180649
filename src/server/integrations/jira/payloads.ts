import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";

/**
 * The fields of Jira webhook payloads mapping relies on, for issue and comment events; other
 * fields (custom fields, changelog) pass through, other events are stored as sent.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */
const issue = z.looseObject({
  id: z.string(),
  key: z.string(),
  self: z.string().optional(),
  fields: z.looseObject({ summary: z.string().optional() }).optional(),
});

const issueEvent = z.looseObject({ webhookEvent: z.string(), timestamp: z.number().optional(), issue });
const commentEvent = z.looseObject({
  webhookEvent: z.string(),
  comment: z.looseObject({ id: z.string(), body: z.unknown().optional() }),
  issue: issue.optional(),
});

export function validateJiraPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the payload's webhookEvent field");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  if (eventType.startsWith("jira:issue_")) return checkWithZod(issueEvent, payload);
  if (eventType.startsWith("comment_")) return checkWithZod(commentEvent, payload);
  return { ok: true };
}
