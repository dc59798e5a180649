import { z } from "zod";
import { validateFilter } from "@/server/webhooks/rules/filter";

/**
 * An integration's issue sync, the `issueSync` object of its config (the same on every platform;
 * the target — repository, project — and the credentials are the platform's own config fields).
 * Every message names its field, as the dashboard shows it next to the config.
 */
export const ISSUE_SYNC_DIRECTIONS = ["push", "pull", "both"] as const;
export type IssueSyncDirection = (typeof ISSUE_SYNC_DIRECTIONS)[number];

/** Which requests are synced: every one (optionally those passing `filter`), or only those linked by hand. */
export const ISSUE_SYNC_SCOPES = ["all", "linked"] as const;

/** What a pull request naming a request does: nothing, a comment on it, or a comment and — merged — closing it. */
export const PULL_REQUEST_MODES = ["ignore", "comment", "close_on_merge"] as const;

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;

const label = (field: string) =>
  z
    .string({ error: `${field} must be a label name (a string)` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(50, `${field} is at most 50 characters (GitHub's limit)`)
    .refine((value) => !/[\u0000-\u001f\u007f,]/.test(value), `${field} must not hold commas or control characters`);

export const issueSyncSchema = z.strictObject(
  {
    enabled: z.boolean({ error: "issueSync.enabled must be true or false" }).default(true),
    direction: z.enum(ISSUE_SYNC_DIRECTIONS, { error: 'issueSync.direction must be "push", "pull" or "both"' }).default("both"),
    requests: z.enum(ISSUE_SYNC_SCOPES, { error: 'issueSync.requests must be "all" or "linked"' }).default("all"),
    filter: z
      .string({ error: "issueSync.filter must be a filter expression (a string)" })
      .transform((value, ctx) => {
        try {
          return validateFilter(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: `issueSync.${(error as Error).message}` });
          return z.NEVER;
        }
      })
      .optional(),
    labels: z.array(label("issueSync.labels: each"), { error: 'issueSync.labels must be a list of label names, e.g. ["switchboard"]' }).max(20, "issueSync.labels holds at most 20 labels").default(["switchboard"]),
    priorityLabels: z
      .partialRecord(z.enum(PRIORITIES), label("issueSync.priorityLabels: each"), {
        error: 'issueSync.priorityLabels must map priorities to labels, e.g. {"urgent": "P0", "high": "P1"} (priorities: low, normal, high, urgent)',
      })
      .default({})
      .refine((map) => new Set(Object.values(map)).size === Object.values(map).length, "issueSync.priorityLabels: each priority needs its own label"),
    createFromLabel: label("issueSync.createFromLabel").optional(),
    pullRequests: z.enum(PULL_REQUEST_MODES, { error: 'issueSync.pullRequests must be "ignore", "comment" or "close_on_merge"' }).default("comment"),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((key) => `"issueSync.${key}"`).join(", ")} (issueSync has enabled, direction, requests, filter, labels, priorityLabels, createFromLabel and pullRequests)`
        : issue.code === "invalid_type"
          ? 'issueSync must be an object like {"direction": "both"}'
          : undefined,
  },
);

export type IssueSyncSettings = z.output<typeof issueSyncSchema>;

export const ISSUE_SYNC_HELP = {
  help:
    'Optional: two-way issue sync (docs/issue-sync.md). {"direction": "both"} creates an issue for each new request and keeps title, description, status, priority labels and comments in step both ways. ' +
    'direction: push, pull or both; requests: "all" (with an optional CEL "filter" over the request, e.g. data.priority == "Urgent") or "linked" (only requests linked by hand); labels: added to every issue made; ' +
    'priorityLabels: {"urgent": "P0"} maps priorities to labels both ways; createFromLabel: a new issue with this label creates a request; pullRequests: "ignore", "comment" (a PR naming a request is linked and noted on it) or "close_on_merge". Needs token.',
  example: '{"direction": "both", "labels": ["switchboard"], "priorityLabels": {"urgent": "P0", "high": "P1"}}',
};

/** The settings of a stored config, or null when it has none (or they are off). */
export function readIssueSyncSettings(config: unknown): IssueSyncSettings | null {
  const raw = config && typeof config === "object" ? (config as Record<string, unknown>).issueSync : undefined;
  if (raw === undefined || raw === null) return null;
  const parsed = issueSyncSchema.safeParse(raw);
  return parsed.success && parsed.data.enabled ? parsed.data : null;
}

export const pushes = (settings: IssueSyncSettings) => settings.direction !== "pull";
export const pulls = (settings: IssueSyncSettings) => settings.direction !== "push";
