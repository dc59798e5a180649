import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, requireObject } from "../shared/payload-check";

/**
 * A Datadog webhook's body is a template the user writes with `$VARIABLES`. The default template
 * has `id`, `title`, `event_type`, `body`, `date`, `last_updated` and `org`; the one in the setup
 * steps adds what an alert needs — the aggregation key (its fingerprint), the monitor's id,
 * title, transition, status, priority and type, its scope — and the link, priority and host.
 * Mapping relies on `id` and `title`; the rest is optional and passes through.
 * https://docs.datadoghq.com/integrations/webhooks/
 */
const scalar = z.union([z.string(), z.number()]);

export const datadogAlert = z.looseObject({
  id: scalar,
  title: z.string(),
  event_type: z.string().optional(),
  aggreg_key: z.string().optional(),
  alert_id: scalar.optional(),
  alert_title: z.string().optional(),
  alert_transition: z.string().optional(),
  alert_priority: z.string().optional(),
  alert_type: z.string().optional(),
  alert_scope: z.string().optional(),
  alert_status: z.string().optional(),
  link: z.string().optional(),
  priority: z.string().optional(),
  hostname: z.string().optional(),
});

export function validateDatadogPayload(_eventType: string, payload: unknown): PayloadCheck {
  return requireObject(payload) ?? checkWithZod(datadogAlert, payload);
}

/** The payload template the setup steps recommend (Datadog fills the `$…` variables). */
export const DATADOG_PAYLOAD_TEMPLATE = JSON.stringify({
  id: "$ID",
  title: "$EVENT_TITLE",
  event_type: "$EVENT_TYPE",
  body: "$EVENT_MSG",
  date: "$DATE",
  aggreg_key: "$AGGREG_KEY",
  alert_id: "$ALERT_ID",
  alert_title: "$ALERT_TITLE",
  alert_transition: "$ALERT_TRANSITION",
  alert_status: "$ALERT_STATUS",
  alert_priority: "$ALERT_PRIORITY",
  alert_type: "$ALERT_TYPE",
  alert_scope: "$ALERT_SCOPE",
  link: "$LINK",
  priority: "$PRIORITY",
  hostname: "$HOSTNAME",
  tags: "$TAGS",
});
