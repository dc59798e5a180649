import { z } from "zod";
import { isHttpUrl } from "@/server/validation/url";

export const DEPLOYMENT_STATUSES = ["queued", "in_progress", "success", "failure", "cancelled"] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Where a deployment was recorded from: the API (or the dashboard), a GitHub deployment, a push to a configured branch. */
export const DEPLOYMENT_SOURCES = ["api", "github", "github_push"] as const;
export type DeploymentSource = (typeof DEPLOYMENT_SOURCES)[number];

export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatus, string> = {
  queued: "Queued",
  in_progress: "In progress",
  success: "Succeeded",
  failure: "Failed",
  cancelled: "Cancelled",
};

/** Limits shared by the API's inputs and what inbound deliveries are cut to. */
export const DEPLOYMENT_LIMITS = { environment: 255, ref: 255, version: 100, description: 2_000, url: 2_048, creator: 255 } as const;

/** A commit id: 7 to 40 hexadecimal digits (an abbreviation or the full SHA-1), stored lower-case. */
export const SHA_PATTERN = /^[0-9a-f]{7,40}$/i;

/** A deployment as webhooks, the REST API and the runtime see it. */
export const deploymentPayloadSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  service: z.string().nullable().describe("The service's name, or null"),
  service_uuid: z.string().uuid().nullable().describe("The service's uuid, or null"),
  environment: z.string().describe("Where it was deployed, e.g. production"),
  ref: z.string().nullable().describe("The branch or tag deployed, e.g. main"),
  sha: z.string().nullable().describe("The commit deployed (7–40 hexadecimal digits)"),
  version: z.string().nullable().describe("The version deployed, e.g. 2.4.1"),
  description: z.string(),
  status: z.enum(DEPLOYMENT_STATUSES),
  url: z.string().nullable().describe("Where the deployed environment (or its log) can be seen"),
  source: z.enum(DEPLOYMENT_SOURCES).describe("api (the API or the dashboard), github (a GitHub deployment) or github_push (a push to a configured branch)"),
  integration: z.string().uuid().nullable().describe("The integration it came from, for github and github_push"),
  external_id: z.string().nullable().describe("Its id at the source (GitHub's deployment id), unique per integration"),
  creator: z.string().nullable().describe("Who started it: a member's email, or the source's login (GitHub)"),
  started_date: z.string().nullable().describe("ISO 8601; when it went in progress"),
  finished_date: z.string().nullable().describe("ISO 8601; when it succeeded, failed or was cancelled"),
  committed_date: z.string().nullable().describe("ISO 8601; when the oldest change it ships was committed, where known: the start of its DORA lead time"),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
  dataspace: z.string().describe("Dataspace name"),
});
export type DeploymentPayload = z.infer<typeof deploymentPayloadSchema>;

export const deploymentStatusChangedPayloadSchema = deploymentPayloadSchema.extend({
  previous_status: z.enum(DEPLOYMENT_STATUSES),
});

// ── inputs (shared by tRPC and REST) ──
// Text that PostgreSQL cannot store (NUL, lone surrogates) is refused at the edges, for every
// field at once: see src/server/validation/text.ts.

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} is at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

export const deploymentUrl = z
  .string()
  .trim()
  .max(DEPLOYMENT_LIMITS.url, `URL is at most ${DEPLOYMENT_LIMITS.url} characters`)
  .refine(isHttpUrl, "URL must be an absolute http:// or https:// address");

/** A commit's clock may run a little ahead of ours; beyond that, a time in the future is a mistake. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** When the oldest change a deployment ships was committed (ISO 8601 with its offset), or null when not known. */
function committedAt() {
  return z.iso
    .datetime({ offset: true, error: "Committed date must be an ISO 8601 date and time with its offset, e.g. 2026-12-07T09:30:00Z" })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() <= Date.now() + CLOCK_SKEW_MS, "Committed date cannot be in the future")
    .nullish()
    .transform((value) => value ?? null);
}

export const deploymentFields = {
  serviceId: z.string().uuid("Unknown service").nullable().default(null),
  environment: z
    .string()
    .trim()
    .min(1, "Environment is required, e.g. production")
    .max(DEPLOYMENT_LIMITS.environment, `Environment is at most ${DEPLOYMENT_LIMITS.environment} characters`),
  ref: optionalText("Ref", DEPLOYMENT_LIMITS.ref),
  sha: z
    .string()
    .trim()
    .regex(SHA_PATTERN, "SHA must be 7 to 40 hexadecimal digits (a commit id)")
    .transform((value) => value.toLowerCase())
    .nullish()
    .transform((value) => value ?? null),
  version: optionalText("Version", DEPLOYMENT_LIMITS.version),
  description: z.string().trim().max(DEPLOYMENT_LIMITS.description, `Description is at most ${DEPLOYMENT_LIMITS.description} characters`).default(""),
  status: z.enum(DEPLOYMENT_STATUSES).default("queued"),
  url: z
    .union([deploymentUrl, z.literal("").transform(() => null)])
    .nullish()
    .transform((value) => value ?? null),
  committedAt: committedAt(),
};

export const createDeploymentInput = z.object(deploymentFields);
export type CreateDeploymentInput = z.input<typeof createDeploymentInput>;

export const setDeploymentStatusInput = z.object({
  id: z.string().uuid("Unknown deployment"),
  status: z.enum(DEPLOYMENT_STATUSES),
  /** The environment's URL once known (often with success); left out, the URL stays as it is. */
  url: z.union([deploymentUrl, z.null()]).optional(),
});
export type SetDeploymentStatusInput = z.input<typeof setDeploymentStatusInput>;

export const listDeploymentsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  serviceId: z.string().uuid().optional(),
  /** The REST API names a service by name as well as by uuid. */
  serviceName: z.string().trim().min(1).max(200).optional(),
  environment: z.string().trim().min(1).max(DEPLOYMENT_LIMITS.environment).optional(),
  status: z.array(z.enum(DEPLOYMENT_STATUSES)).max(5).optional(),
});
export type ListDeploymentsInput = z.input<typeof listDeploymentsInput>;
