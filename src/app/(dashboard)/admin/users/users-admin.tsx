"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/** Users of the instance, each with a button that makes a one-time password reset link. */
export function UsersAdmin() {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const users = useQuery(trpc.userAdmin.list.queryOptions({ query: query || undefined }));
  const [links, setLinks] = useState<Record<string, { url: string; expiresAt: Date }>>({});
  const create = useMutation(
    trpc.userAdmin.createResetLink.mutationOptions({
      onSuccess: (link, input) => setLinks((current) => ({ ...current, [input.userId]: link })),
    }),
  );
  return (
    <div className="space-y-4">
      <TextField label="Search by email or name" name="query" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      {users.error && <ErrorAlert>{errorMessage(users.error)}</ErrorAlert>}
      {create.error && <ErrorAlert>{errorMessage(create.error)}</ErrorAlert>}
      <ul aria-label="Users" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {users.data?.map((user) => (
          <li key={user.id} aria-label={user.email} className="space-y-3 px-4 py-3">
            <div className="flex items-center justify-between gap-4">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{user.name || user.email}</p>
                <p className="truncate text-xs text-slate-500">
                  {user.email}
                  {user.isInstanceAdmin ? " · instance admin" : ""}
                  {user.hasPassword ? "" : " · no password yet"}
                </p>
              </div>
              <Button size="sm" variant="secondary" pending={create.isPending && create.variables?.userId === user.id} onClick={() => create.mutate({ userId: user.id })}>
                Create reset link
              </Button>
            </div>
            {links[user.id] && (
              <TextField
                label="One-time reset link (valid 24 hours): pass it on privately"
                name={`reset-${user.id}`}
                value={links[user.id].url}
                readOnly
                onFocus={(e) => e.target.select()}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
