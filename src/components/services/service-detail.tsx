"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { SelectField } from "@/components/ui/field";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { useServiceGroups } from "./groups";
import { ownerLabel, SERVICE_STATUSES, SERVICE_STATUS_LABELS, ServiceStatusBadge, servicesPath } from "./labels";
import { ServiceForm, type ServiceValues } from "./service-form";

type Patch = Partial<Omit<ServiceValues, "status">>;

function changedFields(before: ServiceValues, after: ServiceValues): Patch {
  const patch: Patch = {};
  for (const key of ["name", "description", "group", "ownerId"] as const) {
    if (before[key] !== after[key]) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}

export function ServiceDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit, isAdmin } = useDataspace();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const input = { dataspace: slug, id };
  const service = useQuery(trpc.service.get.queryOptions(input));
  const members = useQuery({ ...trpc.member.list.queryOptions({ dataspace: slug }), enabled: canEdit });
  const groups = useServiceGroups(slug);

  const saved = async (next: unknown) => {
    queryClient.setQueryData(trpc.service.get.queryKey(input), next as never);
    await queryClient.invalidateQueries(trpc.service.list.pathFilter());
  };
  const update = useMutation(trpc.service.update.mutationOptions({ onSuccess: async (next) => { await saved(next); setEditing(false); } }));
  const setStatus = useMutation(trpc.service.setStatus.mutationOptions({ onSuccess: saved }));
  const remove = useMutation(
    trpc.service.delete.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries(trpc.service.get.queryFilter(input));
        await queryClient.invalidateQueries(trpc.service.list.pathFilter());
        router.push(servicesPath(slug));
      },
    }),
  );

  if (service.isPending) return <DetailLoading label="Loading service" />;
  if (service.isError) {
    return <DetailError error={service.error} noun="service" icon="squares" back={{ href: servicesPath(slug), label: "All services" }} onRetry={() => service.refetch()} />;
  }
  const s = service.data;
  const values: ServiceValues = { name: s.name, description: s.description, group: s.group, ownerId: s.ownerId, status: s.status };
  const actionError = setStatus.error ?? remove.error;

  return (
    <div className="space-y-6">
      <BackLink href={servicesPath(slug)}>All services</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{s.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <ServiceStatusBadge status={s.status} />
            {s.group && <span>in {s.group}</span>}
          </div>
        </div>
        {canEdit && !editing && !confirmDelete && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => { update.reset(); setEditing(true); }}>
              Edit
            </Button>
            {isAdmin && (
              <Button variant="danger" onClick={() => { remove.reset(); setConfirmDelete(true); }}>
                Delete
              </Button>
            )}
          </div>
        )}
        {confirmDelete && (
          <Confirm label="Confirm delete" verb="delete" danger pending={remove.isPending} onBack={() => setConfirmDelete(false)} onConfirm={() => remove.mutate(input)}>
            Delete {s.name}? It leaves the incidents and maintenance windows it is part of; its alerts and deployments stay, without a service. This cannot be undone.
          </Confirm>
        )}
      </div>
      <ErrorAlert>{actionError ? errorMessage(actionError) : null}</ErrorAlert>

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit service</h2>
          <ServiceForm
            initial={values}
            members={members.data ?? []}
            groups={groups}
            withStatus={false}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const patch = changedFields(values, next);
              if (Object.keys(patch).length === 0) setEditing(false);
              else update.mutate({ ...input, patch });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            {canEdit && <StatusCard status={s.status} pending={setStatus.isPending} onChange={(status) => setStatus.mutate({ ...input, status })} />}
            <Card className="p-6">
              <h2 className="text-sm font-semibold text-slate-900">Description</h2>
              {s.description ? (
                <p className="mt-2 text-sm leading-6 whitespace-pre-wrap text-slate-700">{s.description}</p>
              ) : (
                <p className="mt-2 text-sm text-slate-400">No description.</p>
              )}
            </Card>
          </div>
          <Card className="h-fit p-6">
            <h2 className="text-sm font-semibold text-slate-900">Details</h2>
            <dl className="mt-4 space-y-4 text-sm">
              <Detail label="Status"><ServiceStatusBadge status={s.status} /></Detail>
              <Detail label="Group">{s.group ?? <span className="text-slate-400">None</span>}</Detail>
              <Detail label="Owner">{s.owner ? ownerLabel(s.owner) : <span className="text-slate-400">Nobody</span>}</Detail>
              <Detail label="Created">{formatDateTime(s.createdAt)}</Detail>
              <Detail label="Last updated"><RelativeTime date={s.updatedAt} /></Detail>
            </dl>
          </Card>
        </div>
      )}
    </div>
  );
}

/** Members set the status by hand; incidents and maintenance windows move it at their next change. */
function StatusCard({ status, pending, onChange }: { status: ServiceStatus; pending: boolean; onChange: (status: ServiceStatus) => void }) {
  const [draft, setDraft] = useState(status);
  // A change made elsewhere (another tab, an incident) resets the choice to what the service has.
  const [seen, setSeen] = useState(status);
  if (seen !== status) {
    setSeen(status);
    setDraft(status);
  }
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Status</h2>
      <p className="mt-1 text-sm text-slate-500">
        Set by hand, it is sent to webhooks as <code className="text-xs">service.status_changed</code>. An open incident or a maintenance window in
        progress sets it again at its next change.
      </p>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft !== status) onChange(draft);
        }}
      >
        <SelectField label="New status" name="status" value={draft} onChange={(e) => setDraft(e.target.value as ServiceStatus)} className="w-full sm:w-64">
          {SERVICE_STATUSES.map((option) => (
            <option key={option} value={option}>
              {SERVICE_STATUS_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={pending} disabled={draft === status}>
          Set status
        </Button>
        {draft !== status && (
          <span className="flex items-center gap-2 pb-2 text-sm text-slate-500">
            <ServiceStatusBadge status={status} /> → <ServiceStatusBadge status={draft} />
          </span>
        )}
      </form>
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 break-words text-slate-900">{children}</dd>
    </div>
  );
}
