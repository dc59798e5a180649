import "server-only";

import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/generated/prisma/enums";
import { roleAtLeast } from "@/server/dataspaces/role-rank";
import { currentUser, getCaller } from "@/trpc/server";

type SearchParams = Record<string, string | string[] | undefined>;

/** `path` plus its query string, as the user typed it (for the sign-in round trip). */
export function pathWithQuery(path: string, searchParams?: SearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requireUser(path: string) {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}

/** The dataspace with the user's role; unknown slugs and non-members get the not-found page. */
export const requireDataspace = cache(async (slug: string) => {
  try {
    return await (await getCaller()).dataspace.current({ dataspace: slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export function isAdminRole(role: Role): boolean {
  return roleAtLeast(role, "ADMIN");
}
