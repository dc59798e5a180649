import { z } from "zod";
import { issueSyncSchema } from "@/server/issue-sync/settings";
import { baseUrl, configObject, deploymentPushFields, optionalToken, secret, text } from "../shared/config-fields";

// GitHub's own limits: owners are 1–39 letters, digits or inner hyphens; repository names letters,
// digits, `.`, `_` and `-`, up to 100, never `.` or `..`.
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

// What git allows in a branch name, less what no one uses: no spaces or control characters,
// none of ~ ^ : ? * [ \, no "..", no leading or trailing "/" (git check-ref-format).
const BRANCH = /^(?!\/)(?!.*\.\.)(?!.*\/$)[^\s~^:?*[\\\u0000-\u001f\u007f]{1,255}$/;

const DEPLOYMENTS_EXAMPLE = '{"branches": ["main"], "environment": "production"}';

/**
 * Commit-based deployments: a push to one of `branches` records a successful deployment of its
 * head commit to `environment` (of `service`, when named). `service` also names the service of
 * the deployments GitHub's own deployment webhooks report. `push`: Switchboard's own deployments
 * (of `service`, when named) are created on GitHub and their statuses posted, and status changes
 * made in Switchboard to the deployments GitHub reported are posted back (src/server/ci). Every
 * message names its field.
 */
export const githubDeploymentsSchema = z.strictObject(
  {
    branches: z
      .array(
        z
          .string({ error: "deployments.branches must be a list of branch names, e.g. [\"main\"]" })
          .trim()
          .transform((name) => name.replace(/^refs\/heads\//, ""))
          .pipe(z.string().regex(BRANCH, "deployments.branches: each must be a branch name, e.g. \"main\" or \"release/2.x\"")),
        { error: "deployments.branches must be a list of branch names, e.g. [\"main\"]" },
      )
      .max(20, "deployments.branches holds at most 20 branches")
      .default([]),
    environment: z
      .string({ error: "deployments.environment must be a string, e.g. \"production\"" })
      .trim()
      .min(1, "deployments.environment must not be empty")
      .max(255, "deployments.environment is at most 255 characters")
      .default("production"),
    ...deploymentPushFields,
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((key) => `"deployments.${key}"`).join(", ")} (deployments has branches, environment, push and service)`
        : issue.code === "invalid_type"
          ? `deployments must be an object like ${DEPLOYMENTS_EXAMPLE}`
          : undefined,
  },
);

export type GithubDeploymentsConfig = z.output<typeof githubDeploymentsSchema>;

const repository = (field: string) => text(field, 'a string like "owner/name"').regex(REPOSITORY, `${field} must be "owner/name", e.g. "octo-org/hello-world"`).optional();

/**
 * `repository` names the repository; `repo` is accepted instead, as Provenant's documented GitHub
 * config (`{"repo", "branch", "token"}`) writes it, and kept as written — read whichever the config
 * has with `githubRepositoryOf`. `branch` is Provenant's too: stored for what acts on a branch
 * (commit-based deployments take theirs from `deployments.branches`).
 */
export const githubConfigSchema = configObject({
  repository: repository("repository"),
  repo: repository("repo"),
  branch: z
    .string({ error: 'branch must be a branch name, e.g. "main"' })
    .trim()
    .regex(BRANCH, 'branch must be a branch name, e.g. "main" or "release/2.x"')
    .optional(),
  webhookSecret: secret("webhookSecret", 16),
  token: optionalToken("token"),
  deployments: githubDeploymentsSchema.optional(),
  apiUrl: baseUrl("apiUrl", "https://github.example.com/api/v3").optional(),
  issueSync: issueSyncSchema.optional(),
}).superRefine((config, ctx) => {
  if (config.repository === undefined && config.repo === undefined) {
    ctx.addIssue({ code: "custom", path: ["repository"], message: 'repository is required: "owner/name", e.g. "octo-org/hello-world"' });
  } else if (config.repository !== undefined && config.repo !== undefined && config.repository !== config.repo) {
    ctx.addIssue({ code: "custom", path: ["repo"], message: "repo and repository name different repositories: keep one of them" });
  }
  if (config.deployments?.push && !config.token) {
    ctx.addIssue({ code: "custom", path: ["token"], message: "token is required for deployments.push: a GitHub token with Deployments: read and write on the repository" });
  }
  if (config.issueSync && !config.token) ctx.addIssue({ code: "custom", path: ["token"], message: "token is required for issueSync: a GitHub token with Issues: read and write on the repository" });
});

/** The repository a stored config names (`repository`, or its alias `repo`), or undefined. */
export function githubRepositoryOf(config: Readonly<Record<string, unknown>>): string | undefined {
  const value = config.repository ?? config.repo;
  return typeof value === "string" ? value : undefined;
}

export type GithubConfig = z.output<typeof githubConfigSchema>;
