import { badRequest } from "@/server/errors";
import type { IntegrationProvider } from "@/server/integrations/provider";
import { isJsonContentType } from "./read-body";

const mediaType = (value: string | null | undefined) => value?.split(";")[0].trim().toLowerCase() ?? "";

/** A form post rather than JSON. */
export const isFormBody = (contentType: string | null | undefined) => mediaType(contentType) === "application/x-www-form-urlencoded";

/** Whether the provider takes a body of this content type at all (else 415). */
export function acceptsContentType(provider: Pick<IntegrationProvider, "inbound">, contentType: string | null | undefined): boolean {
  return isJsonContentType(contentType ?? null) || (isFormBody(contentType) && provider.inbound.decodeForm !== undefined);
}

/**
 * The payload of a verified body: JSON, or a form the provider decodes. The receiver and
 * processing (which reads the stored body back) both parse through here, so they cannot differ.
 * A malformed body is a 400 naming what is wrong; so is a raw NUL byte, which neither JSON nor a
 * form may hold unescaped (and PostgreSQL text cannot store).
 */
export function parseInboundPayload(provider: Pick<IntegrationProvider, "inbound">, contentType: string | null | undefined, text: string): unknown {
  const form = isFormBody(contentType) && provider.inbound.decodeForm;
  if (text.includes("\u0000")) throw badRequest(`Malformed ${form ? "form body" : "JSON"}: a raw NUL byte (escape it as \\u0000 in JSON, %00 in a form)`);
  try {
    return form ? form(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(`Malformed ${form ? "form body" : "JSON"}: ${(error as Error).message}`);
  }
}
