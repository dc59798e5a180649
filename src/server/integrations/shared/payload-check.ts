import type { z } from "zod";
import type { PayloadCheck } from "../provider";
import { isObject } from "./read";

const MAX_ERRORS = 10;

/** `/a/b/0` style path of a zod issue; the root is `/`. */
function pointer(path: readonly PropertyKey[]): string {
  return "/" + path.map(String).join("/");
}

/** A payload against a zod schema kept in a provider folder; errors are `"<path>: <message>"`. */
export function checkWithZod(schema: z.ZodType, payload: unknown): PayloadCheck {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true };
  return {
    ok: false,
    errors: result.error.issues.slice(0, MAX_ERRORS).map((issue) => `${pointer(issue.path)}: ${issue.message}`),
  };
}

/** Every provider sends JSON objects; anything else (an array, a string) is refused up front. */
export function requireObject(payload: unknown): PayloadCheck | null {
  return isObject(payload) ? null : { ok: false, errors: ["/: the payload must be a JSON object"] };
}

/** The check for an event type the sender did not name; `source` is where it should have been. */
export function missingEventType(source: string): PayloadCheck {
  return { ok: false, errors: [`${source} is missing, so the event type is unknown`] };
}
