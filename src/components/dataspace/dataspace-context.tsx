"use client";

import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import type { Role } from "@/generated/prisma/enums";
import { roleAtLeast } from "@/server/dataspaces/role-rank";
import { useTRPC } from "@/trpc/react";

type Current = { id: string; slug: string; name: string; role: Role };

const DataspaceContext = createContext<{ initial: Current; userId: string } | null>(null);

/** Makes the dataspace the layout resolved (and the signed-in user) available to client components. */
export function DataspaceProvider({ initial, userId, children }: { initial: Current; userId: string; children: ReactNode }) {
  return <DataspaceContext.Provider value={{ initial, userId }}>{children}</DataspaceContext.Provider>;
}

function useDataspaceContext() {
  const value = useContext(DataspaceContext);
  if (!value) throw new Error("useDataspace must be used inside <DataspaceProvider>");
  return value;
}

export const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Viewer" };

/**
 * The current dataspace with the user's role, kept fresh through `dataspace.current` (so a rename
 * or a role change shows up without a reload), plus what that role allows in the UI. The server
 * checks every action again; these flags only decide which controls to show.
 */
export function useDataspace() {
  const { initial, userId } = useDataspaceContext();
  const trpc = useTRPC();
  const { data } = useQuery(trpc.dataspace.current.queryOptions({ dataspace: initial.slug }, { initialData: initial }));
  const current = data ?? initial;
  return {
    ...current,
    userId,
    canEdit: roleAtLeast(current.role, "MEMBER"),
    isAdmin: roleAtLeast(current.role, "ADMIN"),
    isOwner: current.role === "OWNER",
  };
}
