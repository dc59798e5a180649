"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { Role } from "@/generated/prisma/enums";
import { ROLE_LABELS, useDataspace } from "@/components/dataspace/dataspace-context";
import { initialsOf } from "@/components/dataspace/user-menu";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { controlBaseClasses } from "@/components/ui/field";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { ROLES } from "@/server/dataspaces/role-rank";

export function MembersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, userId, isAdmin, isOwner } = useDataspace();
  const members = useQuery(trpc.member.list.queryOptions({ dataspace: slug }));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.member.list.queryFilter({ dataspace: slug })),
      queryClient.invalidateQueries(trpc.dataspace.current.queryFilter({ dataspace: slug })),
    ]);
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(
    trpc.member.leave.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.dataspace.mine.queryFilter());
        router.push("/");
      },
    }),
  );

  // Each row shows the error of the last action taken on it.
  const rowError = (memberId: string) => {
    if (changeRole.error && changeRole.variables?.userId === memberId) return errorMessage(changeRole.error);
    if (remove.error && remove.variables?.userId === memberId) return errorMessage(remove.error);
    if (leave.error && memberId === userId) return errorMessage(leave.error);
    return null;
  };
  const resetErrors = () => {
    changeRole.reset();
    remove.reset();
    leave.reset();
  };

  return (
    <Card>
      <CardHeader title="Members" description="Everyone who can see this dataspace, and what they may do." />
      {members.isPending ? (
        <SkeletonRows rows={3} label="Loading members" />
      ) : members.isError ? (
        <ErrorAlert className="m-4">Could not load members: {errorMessage(members.error)}</ErrorAlert>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-5 py-2.5">Member</th>
                <th scope="col" className="px-3 py-2.5">Role</th>
                <th scope="col" className="hidden px-3 py-2.5 sm:table-cell">Joined</th>
                <th scope="col" className="px-5 py-2.5"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.data.map((m) => {
                const me = m.id === userId;
                // Owners are made and unmade by owners only; the server says so too.
                const canChange = isAdmin && (isOwner || m.role !== "OWNER");
                const error = rowError(m.id);
                return (
                  <tr key={m.id} className="align-middle">
                    <td className="px-5 py-3">
                      <div className="flex items-center gap-3">
                        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
                          {initialsOf(m)}
                        </span>
                        <div className="min-w-0">
                          <p className="truncate font-medium text-slate-900">
                            {m.name || m.email}
                            {me && <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span>}
                          </p>
                          {m.name && <p className="truncate text-slate-500">{m.email}</p>}
                        </div>
                      </div>
                      {error && <ErrorAlert className="mt-2">{error}</ErrorAlert>}
                    </td>
                    <td className="px-3 py-3">
                      {canChange ? (
                        <select
                          aria-label={`Access level for ${m.email}`}
                          value={m.role}
                          disabled={changeRole.isPending && changeRole.variables?.userId === m.id}
                          onChange={(e) => {
                            resetErrors();
                            changeRole.mutate({ dataspace: slug, userId: m.id, role: e.target.value as Role });
                          }}
                          className={cn(controlBaseClasses, "w-32 py-1.5")}
                        >
                          {ROLES.filter((r) => isOwner || r !== "OWNER").map((r) => (
                            <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                          ))}
                        </select>
                      ) : (
                        <Badge tone={m.role === "OWNER" ? "indigo" : m.role === "ADMIN" ? "sky" : "slate"}>{ROLE_LABELS[m.role]}</Badge>
                      )}
                    </td>
                    <td className="hidden px-3 py-3 text-slate-500 sm:table-cell"><RelativeTime date={m.joinedAt} /></td>
                    <td className="px-5 py-3 text-right">
                      {me ? (
                        <Button variant="danger" size="sm" pending={leave.isPending} onClick={() => { resetErrors(); leave.mutate({ dataspace: slug }); }}>
                          Leave dataspace
                        </Button>
                      ) : canChange ? (
                        <Button
                          variant="danger"
                          size="sm"
                          pending={remove.isPending && remove.variables?.userId === m.id}
                          onClick={() => { resetErrors(); remove.mutate({ dataspace: slug, userId: m.id }); }}
                        >
                          Remove
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
