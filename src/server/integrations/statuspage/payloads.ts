import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";

/**
 * Statuspage webhook notifications: an incident update (`incident` with its newest update first
 * in `incident_updates`) or a component status change (`component_update`, `component`), each
 * with the `page`. https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/
 */
const page = z.looseObject({ id: z.string() });

const incidentUpdate = z.looseObject({
  page,
  incident: z.looseObject({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    impact: z.string().optional(),
    shortlink: z.string().optional(),
    updated_at: z.string().optional(),
    incident_updates: z.array(z.looseObject({ id: z.string(), body: z.string().optional(), status: z.string().optional() })).optional(),
  }),
});

const componentUpdate = z.looseObject({
  page,
  component_update: z.looseObject({ id: z.string(), component_id: z.string(), new_status: z.string(), old_status: z.string().optional() }),
  component: z.looseObject({ id: z.string(), name: z.string() }).optional(),
});

export function validateStatuspagePayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("an incident or component_update object");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  return checkWithZod(eventType === "component.update" ? componentUpdate : incidentUpdate, payload);
}
