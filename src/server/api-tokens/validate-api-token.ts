import type { Role } from "@/generated/prisma/enums";
import { AppError, type FieldErrors } from "@/server/errors";
import { highestLevel, isKnownScope, levelAllowedFor, levelAtMost } from "./scopes";

/** A token lives at most a year (366 days, so "a year from today" always fits); no expiry is allowed too. */
export const MAX_TOKEN_LIFETIME_DAYS = 366;
export const MAX_TOKEN_NAME_LENGTH = 100;

type Input = { name: string; scopes: readonly string[]; expiresAt?: Date | null };

/**
 * Every rule of a new token, all failures reported at once by field. Returns the values to store:
 * the name trimmed, the scopes without duplicates.
 */
export function validateApiToken(input: Input, creatorRole: Role, now = new Date()) {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  if (name.length === 0) errors.name = ["Give the token a name"];
  else if (name.length > MAX_TOKEN_NAME_LENGTH) errors.name = [`At most ${MAX_TOKEN_NAME_LENGTH} characters`];

  const scopes = [...new Set(input.scopes.map((s) => s.trim()))];
  const unknown = scopes.filter((s) => !isKnownScope(s));
  const level = highestLevel(scopes);
  if (scopes.length === 0) errors.scopes = ["Choose at least one scope"];
  else if (unknown.length > 0) errors.scopes = [`Unknown scope${unknown.length > 1 ? "s" : ""}: ${unknown.map((s) => `"${s}"`).join(", ")}`];
  else if (level && !levelAtMost(level, levelAllowedFor(creatorRole))) {
    errors.scopes = [`Your role allows tokens up to "${levelAllowedFor(creatorRole)}"`];
  }

  const expiresAt = input.expiresAt ?? null;
  const latest = now.getTime() + MAX_TOKEN_LIFETIME_DAYS * 86_400_000;
  if (expiresAt && Number.isNaN(expiresAt.getTime())) errors.expiresAt = ["Enter a valid date"];
  else if (expiresAt && expiresAt.getTime() <= now.getTime()) errors.expiresAt = ["The expiry must be in the future"];
  else if (expiresAt && expiresAt.getTime() > latest) errors.expiresAt = [`At most ${MAX_TOKEN_LIFETIME_DAYS} days from now`];

  const first = Object.entries(errors)[0];
  if (first) throw new AppError("BAD_REQUEST", `${first[0]}: ${first[1][0]}`, { fieldErrors: errors });
  return { name, scopes, expiresAt };
}
