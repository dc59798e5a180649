import { AppError, checkField, type FieldErrors } from "@/server/errors";
import {
  normalizeEventPatterns,
  validateExtraHeaders,
  validateExtraPayload,
  validateFilter,
  validateTemplate,
} from "@/server/webhooks/rules";
import { assertTargetUrl } from "@/server/webhooks/target-config";
import type { CreateWebhookEndpointInput } from "./webhook-endpoint.schema";

type Fields = Pick<
  CreateWebhookEndpointInput,
  "url" | "eventTypes" | "filter" | "extraPayload" | "extraHeaders" | "payloadTemplate" | "customTemplate"
>;

/**
 * Runs every rule on an endpoint's fields and reports all failures at once, by field, so a form
 * can show each next to its input. Returns the normalized values to store.
 */
export function validateEndpointFields<T extends Partial<Fields>>(fields: T, options: { allowHttp: boolean }): T {
  const errors: FieldErrors = {};
  const out: Partial<Fields> = { ...fields };
  const check = (field: keyof Fields, run: () => void) => {
    try {
      checkField(field, run);
    } catch (error) {
      if (!(error instanceof AppError && error.fieldErrors?.[field])) throw error;
      errors[field] = error.fieldErrors[field];
    }
  };
  if (fields.url !== undefined) check("url", () => (out.url = assertTargetUrl(fields.url!, options.allowHttp)));
  if (fields.eventTypes !== undefined) check("eventTypes", () => (out.eventTypes = normalizeEventPatterns(fields.eventTypes!)));
  if (fields.filter) check("filter", () => (out.filter = validateFilter(fields.filter!) || null));
  if (fields.filter === "") out.filter = null;
  if (fields.extraPayload !== undefined) check("extraPayload", () => (out.extraPayload = validateExtraPayload(fields.extraPayload)));
  if (fields.extraHeaders !== undefined) check("extraHeaders", () => (out.extraHeaders = validateExtraHeaders(fields.extraHeaders)));
  if (fields.payloadTemplate === "CUSTOM" || (fields.customTemplate && fields.payloadTemplate !== "DEJACODE")) {
    check("customTemplate", () => {
      if (!fields.customTemplate?.trim()) throw new AppError("BAD_REQUEST", "A custom template needs a template");
      out.customTemplate = validateTemplate(fields.customTemplate);
    });
  }
  const first = Object.entries(errors)[0];
  if (first) throw new AppError("BAD_REQUEST", `${first[0]}: ${first[1][0]}`, { fieldErrors: errors });
  return out as T;
}
