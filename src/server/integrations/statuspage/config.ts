import { z } from "zod";
import { configObject, secret, text } from "../shared/config-fields";

/**
 * Statuspage ids — pages, components, incidents — are 12 lower-case letters and digits in every
 * example of Atlassian's documentation (page `gytm4qzbx9t6`, components `8kbf7d35c070`,
 * `vtnh60py4yd7`; https://developer.statuspage.io/, read 2026-12-06).
 */
export const STATUSPAGE_ID = /^[a-z0-9]{12}$/;

/** How the reconcile repairs drift between mapped services and their components. */
export const SYNC_DIRECTIONS = ["push", "pull", "report"] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

const apiKey = z
  .string({ error: (issue) => (issue.input === undefined ? "apiKey is required" : "apiKey must be a string") })
  .min(1, "apiKey must not be empty (leave it out instead)")
  .refine((value) => !/^(OAuth|Bearer)\s/i.test(value), { message: 'apiKey must be the key alone, without "OAuth " in front', abort: true })
  .refine((value) => value.trim() === value, { message: "apiKey must not start or end with spaces or line breaks", abort: true })
  // Atlassian's documented key is 64 hexadecimal characters; anything but letters, digits, - and _
  // (a URL, a page id, two keys pasted together) is not a key.
  .refine((value) => /^[A-Za-z0-9_-]{20,256}$/.test(value), "apiKey must be the API key from Statuspage's API info: 20 or more letters and digits (64 hexadecimal characters in Atlassian's example)")
  .optional();

const componentId = z.string({ error: "each component id must be a string" }).regex(STATUSPAGE_ID, "each component id must be a Statuspage component id: 12 lower-case letters and digits");

const componentMapping = z
  .record(z.string().uuid(), componentId, {
    error: (issue) =>
      issue.code === "invalid_type"
        ? 'componentMapping must be an object like {"<service id>": "<component id>"}'
        : issue.code === "invalid_key"
          ? "componentMapping: each key must be a service's id (a UUID)"
          : undefined,
  })
  .refine((mapping) => Object.keys(mapping).length <= 500, "componentMapping may map at most 500 services")
  .superRefine((mapping, ctx) => {
    const seen = new Map<string, string>();
    for (const [service, component] of Object.entries(mapping)) {
      const other = seen.get(component);
      if (other) ctx.addIssue({ code: "custom", path: [service], message: `componentMapping: component ${component} is already mapped to service ${other}; a component follows one service` });
      seen.set(component, service);
    }
  })
  .default({});

const flag = (field: string) => z.boolean({ error: `${field} must be true or false` }).default(false);

/** The fields, shared by the config schema (what is saved) and the reader of stored configs. */
export const statuspageConfigShape = {
  pageId: text("pageId", "the page id from Statuspage's API info").regex(
    STATUSPAGE_ID,
    "pageId must be the page's id from Statuspage's API info — 12 lower-case letters and digits, like gytm4qzbx9t6 — not its URL or name",
  ),
  apiKey,
  webhookSecret: secret("webhookSecret", 16).optional(),
  componentMapping,
  publishIncidents: flag("publishIncidents"),
  publishMaintenances: flag("publishMaintenances"),
  notifySubscribers: flag("notifySubscribers"),
  reconcileIntervalMinutes: z
    .number({ error: "reconcileIntervalMinutes must be a number of minutes" })
    .int("reconcileIntervalMinutes must be a whole number of minutes")
    .min(1, "reconcileIntervalMinutes must be at least 1")
    .max(1440, "reconcileIntervalMinutes must be at most 1440 (a day)")
    .default(5),
  direction: z.enum(SYNC_DIRECTIONS, { error: `direction must be one of ${SYNC_DIRECTIONS.join(", ")}` }).default("push"),
};

export const statuspageConfigSchema = configObject(statuspageConfigShape).superRefine((config, ctx) => {
  const outbound = Object.keys(config.componentMapping).length > 0 || config.publishIncidents || config.publishMaintenances;
  if (outbound && config.apiKey === undefined) {
    ctx.addIssue({ code: "custom", path: ["apiKey"], message: "apiKey is required to update the page (componentMapping, publishIncidents or publishMaintenances is set)" });
  }
});

export type StatuspageConfig = z.output<typeof statuspageConfigSchema>;

/**
 * A stored config (validated when it was saved; secrets are `{"$secret": …}` references there)
 * read back for the outbound sync: the settings without the secrets. Configs saved before the
 * outbound fields existed get their defaults.
 */
const storedSettings = z.object(statuspageConfigShape).omit({ apiKey: true, webhookSecret: true });
export type StatuspageOutboundSettings = z.output<typeof storedSettings>;

export function readStatuspageSettings(stored: unknown): StatuspageOutboundSettings | null {
  const parsed = storedSettings.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
