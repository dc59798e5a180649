import { num, str } from "./read";

/**
 * The reason a delivery falls outside the repository an integration's config names, or null.
 * Org-, group- and instance-wide webhooks send other repositories' events too; a delivery naming
 * no repository (an organization event, …) is kept. Forges compare names case-insensitively.
 */
export function otherRepository(payload: unknown, wanted: unknown): string | null {
  const named = str(payload, "repository.full_name");
  if (!named || typeof wanted !== "string" || named.toLowerCase() === wanted.toLowerCase()) return null;
  return `the delivery is for the repository ${named}; this integration keeps to ${wanted} (its repository)`;
}

/** GitLab's project: a numeric id or a `group/project` path, as the config's `projectId` names it. */
export function otherGitlabProject(payload: unknown, wanted: unknown): string | null {
  if (typeof wanted !== "string") return null;
  const id = num(payload, "project.id") ?? num(payload, "project_id");
  const path = str(payload, "project.path_with_namespace");
  const numeric = /^\d+$/.test(wanted);
  if (numeric ? id === undefined || String(id) === wanted : !path || path.toLowerCase() === wanted.toLowerCase()) return null;
  const named = numeric ? `${path ?? "the project"} (id ${id})` : path;
  return `the delivery is for the project ${named}; this integration keeps to ${wanted} (its projectId)`;
}
