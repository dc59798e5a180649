import { z } from "zod";

/**
 * Config fields shared by the providers' schemas. Every message names the field and says what
 * is wrong with it, since the dashboard shows it next to that field.
 */
const typeError = (field: string, what: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? `${field} is required` : `${field} must be ${what}`;

/**
 * A provider's config object. Unknown keys are refused (a typo such as `webhook_secret` would
 * otherwise be dropped silently and the integration never verify), naming them and the real ones.
 */
export function configObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const fields = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown config field ${issue.keys.map((key) => `"${key}"`).join(", ")} (the fields are ${fields})` : undefined,
  });
}

/** A required, trimmed, non-empty string. */
export function text(field: string, what = "a string") {
  return z.string({ error: typeError(field, what) }).trim().min(1, { error: `${field} is required`, abort: true });
}

/**
 * A shared secret the user pastes in both places. Not trimmed (that would change the secret), so
 * surrounding whitespace — usually a pasted newline — is refused rather than failing every
 * delivery later.
 */
export function secret(field: string, minLength = 16) {
  return z
    .string({ error: typeError(field, "a string") })
    .min(1, { error: `${field} is required`, abort: true })
    .min(minLength, `${field} must be at least ${minLength} characters`)
    .max(1024, `${field} must be at most 1024 characters`)
    .refine((value) => value.trim() === value, `${field} must not start or end with spaces or line breaks`);
}

/** An API token used to call the provider; optional everywhere (inbound webhooks work without it). */
export function optionalToken(field: string) {
  return z
    .string({ error: typeError(field, "a string") })
    .min(1, `${field} must not be empty (leave it out instead)`)
    .max(4096, `${field} must be at most 4096 characters`)
    .refine((value) => value.trim() === value, `${field} must not start or end with spaces or line breaks`)
    .optional();
}

/** An http(s) base URL without query or fragment; the trailing slash is dropped. */
export function baseUrl(field: string, example: string) {
  return z
    .string({ error: typeError(field, `a URL like ${example}`) })
    .trim()
    .min(1, { error: `${field} is required`, abort: true })
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash && !url.username;
      } catch {
        return false;
      }
    }, `${field} must be an http(s) URL like ${example}, without query string`)
    .transform((value) => value.replace(/\/+$/, ""));
}

/** An https URL on one of `hosts` (a Slack or Teams webhook URL): a typo here would post nowhere. */
export function httpsUrl(field: string, example: string, hosts?: RegExp) {
  return z
    .string({ error: typeError(field, `a URL like ${example}`) })
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === "https:" && (!hosts || hosts.test(url.hostname));
      } catch {
        return false;
      }
    }, `${field} must be a URL like ${example}`);
}

/**
 * The fields of a GitHub or GitLab `deployments` config that say which of Switchboard's
 * deployments go to the platform (src/server/ci/push-deployments.ts): `push` them, of `service`
 * only when it is named.
 */
export const deploymentPushFields = {
  push: z.boolean({ error: "deployments.push must be true or false" }).default(false),
  service: z
    .string({ error: 'deployments.service must be the name of a service, e.g. "Checkout API"' })
    .trim()
    .min(1, "deployments.service must not be empty (leave it out instead)")
    .max(200, "deployments.service is at most 200 characters")
    .optional(),
};
