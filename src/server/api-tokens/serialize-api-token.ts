/** A token as lists show it: never the token itself, which exists only in the creator's hands. */
export type ApiTokenStatus = "active" | "expired" | "revoked";

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: { id: string; name: string | null; email: string };
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
};

/** The columns a view is made from, for `select`. */
export const apiTokenViewSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

type Row = Omit<ApiTokenView, "status">;

export function apiTokenStatus(row: { revokedAt: Date | null; expiresAt: Date | null }, now = Date.now()): ApiTokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function serializeApiToken(row: Row): ApiTokenView {
  return { ...row, status: apiTokenStatus(row) };
}
