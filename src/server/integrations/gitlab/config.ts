import { z } from "zod";
import { issueSyncSchema } from "@/server/issue-sync/settings";
import { baseUrl, configObject, deploymentPushFields, optionalToken, secret } from "../shared/config-fields";

// A numeric project id, or its full path (`group/subgroup/project`).
const PROJECT = /^(?:\d+|[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+)$/;

// What git allows in a branch name, less what no one uses (git check-ref-format).
const BRANCH = /^(?!\/)(?!.*\.\.)(?!.*\/$)[^\s~^:?*[\\\u0000-\u001f\u007f]{1,255}$/;

const project = (field: string) =>
  z
    .union([z.number().int().positive(), z.string()], { error: `${field} must be a number or a path like group/project` })
    .transform((value) => String(value).trim())
    .refine((value) => PROJECT.test(value), `${field} must be a numeric id (e.g. "4242") or a path like "group/project"`)
    .optional();

/** Switchboard's deployments (of `service`, when named) created on GitLab and their statuses pushed (src/server/ci). */
const gitlabDeploymentsSchema = z.strictObject(
  deploymentPushFields,
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((key) => `"deployments.${key}"`).join(", ")} (deployments has push and service)`
        : issue.code === "invalid_type"
          ? 'deployments must be an object like {"push": true}'
          : undefined,
  },
);

/**
 * `projectId` names the project; `project_id` is accepted instead, as Provenant's documented
 * GitLab config (`{"project_id", "branch", "token"}`) writes it, and kept as written. Use
 * `gitlabProjectOf` to read whichever the config has. `branch` is stored for the integrations that
 * act on a branch; the issue sync does not read it.
 */
export const gitlabConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://gitlab.example.com").default("https://gitlab.com"),
  projectId: project("projectId"),
  project_id: project("project_id"),
  branch: z.string({ error: 'branch must be a branch name, e.g. "main"' }).trim().regex(BRANCH, 'branch must be a branch name, e.g. "main" or "release/2.x"').optional(),
  webhookToken: secret("webhookToken", 16),
  token: optionalToken("token"),
  issueSync: issueSyncSchema.optional(),
  deployments: gitlabDeploymentsSchema.optional(),
}).superRefine((config, ctx) => {
  if (config.deployments?.push && !config.token) {
    ctx.addIssue({ code: "custom", path: ["token"], message: "token is required for deployments.push: a GitLab token with the api scope (Developer on the project)" });
  }
  if (config.projectId === undefined && config.project_id === undefined) {
    ctx.addIssue({ code: "custom", path: ["projectId"], message: 'projectId is required: a numeric id (e.g. "4242") or a path like "group/project"' });
  } else if (config.projectId !== undefined && config.project_id !== undefined && config.projectId !== config.project_id) {
    ctx.addIssue({ code: "custom", path: ["project_id"], message: "project_id and projectId name different projects: keep one of them" });
  }
});

export type GitlabConfig = z.output<typeof gitlabConfigSchema>;

/** The project a stored config names (`projectId`, or its alias `project_id`), or undefined. */
export function gitlabProjectOf(config: Readonly<Record<string, unknown>>): string | undefined {
  const value = config.projectId ?? config.project_id;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
