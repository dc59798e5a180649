import type { Role } from "@/generated/prisma/enums";

/**
 * What an API token may do. A scope is a level for every resource (`read`, `write`, `admin`) or
 * for one (`requests:write`); a higher level implies the lower ones. Pure: the dashboard's scope
 * picker imports these lists too.
 */
export const API_RESOURCES = ["requests", "events", "webhooks", "integrations", "members", "services", "incidents", "maintenances", "alerts", "deployments", "notifications", "metrics"] as const;
export const API_LEVELS = ["read", "write", "admin"] as const;

export type ApiResource = (typeof API_RESOURCES)[number];
export type ApiLevel = (typeof API_LEVELS)[number];

/** Every scope a token may hold, global levels first. */
export const API_SCOPES: readonly string[] = [...API_LEVELS, ...API_RESOURCES.flatMap((r) => API_LEVELS.map((l) => `${r}:${l}`))];

const RANK: Record<ApiLevel, number> = { read: 0, write: 1, admin: 2 };

/** The resource (null for a global scope) and level of a known scope; undefined otherwise. */
export function parseScope(scope: string): { resource: ApiResource | null; level: ApiLevel } | undefined {
  const [first, second, ...rest] = scope.split(":");
  if (rest.length > 0) return undefined;
  if (second === undefined) return isLevel(first) ? { resource: null, level: first } : undefined;
  return isResource(first) && isLevel(second) ? { resource: first, level: second } : undefined;
}

export function isKnownScope(scope: string): boolean {
  return parseScope(scope) !== undefined;
}

/** Whether `scopes` allow `level` on `resource`: a global scope or the resource's own, at that level or above. */
export function hasScope(scopes: readonly string[], resource: ApiResource, level: ApiLevel): boolean {
  return scopes.some((scope) => {
    const parsed = parseScope(scope);
    return parsed !== undefined && (parsed.resource === null || parsed.resource === resource) && RANK[parsed.level] >= RANK[level];
  });
}

/** The highest level any of the scopes grants (null for none). */
export function highestLevel(scopes: readonly string[]): ApiLevel | null {
  let best: ApiLevel | null = null;
  for (const scope of scopes) {
    const level = parseScope(scope)?.level;
    if (level && (best === null || RANK[level] > RANK[best])) best = level;
  }
  return best;
}

// A token acts with a dataspace role: read-only tokens as viewers, write tokens as members, admin
// tokens as admins. Never as an owner: owner-only actions (granting ownership) stay in the dashboard.
const ROLE_OF_LEVEL: Record<ApiLevel, Role> = { read: "VIEWER", write: "MEMBER", admin: "ADMIN" };
const ROLE_RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

/** The role a token acts with: the lower of its creator's current role and what its scopes allow. */
export function tokenRole(creatorRole: Role, scopes: readonly string[]): Role | null {
  const level = highestLevel(scopes);
  if (level === null) return null;
  const allowed = ROLE_OF_LEVEL[level];
  return ROLE_RANK[creatorRole] < ROLE_RANK[allowed] ? creatorRole : allowed;
}

/** The highest level a member of `role` may put in a token. */
export function levelAllowedFor(role: Role): ApiLevel {
  return role === "VIEWER" ? "read" : role === "MEMBER" ? "write" : "admin";
}

export const levelAtMost = (level: ApiLevel, ceiling: ApiLevel) => RANK[level] <= RANK[ceiling];

function isLevel(value: string): value is ApiLevel {
  return (API_LEVELS as readonly string[]).includes(value);
}

function isResource(value: string): value is ApiResource {
  return (API_RESOURCES as readonly string[]).includes(value);
}
