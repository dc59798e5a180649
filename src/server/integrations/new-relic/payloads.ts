import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, requireObject } from "../shared/payload-check";

/**
 * A New Relic workflow's webhook body is a Handlebars template; its default has the issue's
 * `id`, `issueUrl`, `title`, `priority`, `state`, `trigger`, `createdAt`, `updatedAt`,
 * `impactedEntities`, … Mapping relies on `id` and `state`; the rest passes through.
 * https://docs.newrelic.com/docs/alerts/get-notified/notification-integrations/#webhook
 */
export const newRelicIssue = z.looseObject({
  id: z.string(),
  state: z.string(),
  title: z.string().optional(),
  issueUrl: z.string().optional(),
  priority: z.string().optional(),
  trigger: z.string().optional(),
  updatedAt: z.number().optional(),
});

export function validateNewRelicPayload(_eventType: string, payload: unknown): PayloadCheck {
  return requireObject(payload) ?? checkWithZod(newRelicIssue, payload);
}
