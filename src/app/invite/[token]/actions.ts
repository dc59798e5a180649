"use server";

import { signOut } from "@/auth";

/** Signs out and comes back to the invitation, to accept it with another account. */
export async function switchAccount(token: string): Promise<void> {
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}` });
}
