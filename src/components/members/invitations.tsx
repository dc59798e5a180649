"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLE_LABELS, useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { CopyField } from "./copy-field";

const STATE_TONES: Record<string, Tone> = { pending: "amber", used: "emerald", expired: "slate", revoked: "red" };
const STATE_LABELS: Record<string, string> = { pending: "Pending", used: "Used", expired: "Expired", revoked: "Revoked" };

type InviteRole = "ADMIN" | "MEMBER" | "VIEWER";

export function Invitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, isAdmin } = useDataspace();
  const [role, setRole] = useState<InviteRole>("MEMBER");
  const [email, setEmail] = useState("");
  const [days, setDays] = useState("7");

  const invitations = useQuery({ ...trpc.invitation.list.queryOptions({ dataspace: slug }), enabled: isAdmin });
  const refresh = () => queryClient.invalidateQueries(trpc.invitation.list.queryFilter({ dataspace: slug }));
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: async () => {
        setEmail("");
        await refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions({ onSettled: refresh }));
  const errors = fieldErrorsOf(create.error);
  if (!isAdmin) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    // Left empty, the server's default (7 days) applies; anything else it validates and explains.
    create.mutate({ dataspace: slug, role, email: email.trim() || null, expiresInDays: days.trim() === "" ? undefined : Number(days) });
  }

  return (
    <Card>
      <CardHeader title="Invitations" description="Invite people with a link. Each link works once." />
      <form method="post" onSubmit={submit} noValidate className="grid gap-4 border-b border-slate-200 px-5 py-5 sm:grid-cols-[10rem_1fr_8rem_auto] sm:items-start">
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as InviteRole)} error={errors.role}>
          <option value="ADMIN">Admin</option>
          <option value="MEMBER">Member</option>
          <option value="VIEWER">Viewer</option>
        </SelectField>
        <TextField
          label="Email (optional)"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          hint="Only this address can accept."
          placeholder="name@example.com"
        />
        <TextField label="Expires in (days)" type="number" min={1} max={30} value={days} onChange={(e) => setDays(e.target.value)} error={errors.expiresInDays} />
        <Button type="submit" pending={create.isPending} className="sm:mt-7">
          <Icon name="link" className="size-4" />
          Create invite link
        </Button>
        {create.error && Object.keys(errors).length === 0 && <ErrorAlert className="sm:col-span-4">{errorMessage(create.error)}</ErrorAlert>}
        {create.data && (
          <div className="rounded-md border border-emerald-200 bg-emerald-50/60 p-4 sm:col-span-4">
            <CopyField
              label="Invite link"
              value={create.data.url}
              hint={`${ROLE_LABELS[create.data.role]} invitation${create.data.email ? ` for ${create.data.email}` : ""}${create.data.emailed ? ", sent by email" : ""}. This link is shown only once; copy it now.`}
            />
          </div>
        )}
      </form>
      {invitations.isPending ? (
        <SkeletonRows rows={2} label="Loading invitations" />
      ) : invitations.isError ? (
        <ErrorAlert className="m-4">Could not load invitations: {errorMessage(invitations.error)}</ErrorAlert>
      ) : invitations.data.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No invitations yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Invitations">
          {invitations.data.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 text-sm">
              <Badge tone={STATE_TONES[inv.state] ?? "slate"}>{STATE_LABELS[inv.state] ?? inv.state}</Badge>
              <span className="min-w-0 flex-1 truncate text-slate-900">
                {inv.email ?? <span className="text-slate-500">Anyone with the link</span>}
                <span className="ml-2 text-slate-500">as {ROLE_LABELS[inv.role]}</span>
              </span>
              <span className="text-slate-500">
                {inv.state === "pending" ? (
                  <>expires <RelativeTime date={inv.expiresAt} /></>
                ) : (
                  <>created <RelativeTime date={inv.createdAt} /></>
                )}
              </span>
              {inv.state === "pending" && (
                <Button
                  variant="danger"
                  size="sm"
                  pending={revoke.isPending && revoke.variables?.id === inv.id}
                  onClick={() => revoke.mutate({ dataspace: slug, id: inv.id })}
                >
                  Revoke
                </Button>
              )}
              {revoke.error && revoke.variables?.id === inv.id && <ErrorAlert className="w-full">{errorMessage(revoke.error)}</ErrorAlert>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
