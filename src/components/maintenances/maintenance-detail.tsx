"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { EmptyState } from "@/components/ui/empty-state";
import { TextAreaField } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { RelativeTime } from "@/components/ui/time";
import { errorCode, errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { DateTime, MaintenanceStatusBadge, toLocalInput, WindowTimes } from "./labels";
import { MaintenanceForm, type MaintenanceValues } from "./maintenance-form";

type Person = { email: string; name: string | null } | null;
const personLabel = (person: Person) => (person ? (person.name ?? person.email) : "Switchboard");

/** Only what the form changed: times compare at the minute the input shows, services as a set. */
function changedFields(before: MaintenanceValues, after: MaintenanceValues): Partial<MaintenanceValues> {
  const patch: Partial<MaintenanceValues> = {};
  if (after.title !== before.title) patch.title = after.title;
  if (after.description !== before.description) patch.description = after.description;
  if (toLocalInput(after.scheduledStart) !== toLocalInput(before.scheduledStart)) patch.scheduledStart = after.scheduledStart;
  if (toLocalInput(after.scheduledEnd) !== toLocalInput(before.scheduledEnd)) patch.scheduledEnd = after.scheduledEnd;
  const same = after.serviceIds.length === before.serviceIds.length && after.serviceIds.every((id) => before.serviceIds.includes(id));
  if (!same) patch.serviceIds = after.serviceIds;
  return patch;
}

function DetailSkeleton() {
  return (
    <div role="status" aria-label="Loading maintenance window" className="space-y-6">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-8 w-2/3" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}

export function MaintenanceDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, canEdit } = useDataspace();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<"complete" | "cancel" | null>(null);
  const maintenance = useQuery({
    ...trpc.maintenance.get.queryOptions({ dataspace: slug, id }),
    // The runtime moves a window at its times: follow it while it can still move.
    refetchInterval: (query) => (query.state.data && query.state.data.status !== "completed" ? 10_000 : false),
  });
  const services = useQuery({ ...trpc.service.options.queryOptions({ dataspace: slug }), enabled: canEdit && editing });

  const refresh = () => queryClient.invalidateQueries(trpc.maintenance.pathFilter());
  const update = useMutation(trpc.maintenance.update.mutationOptions({ onSuccess: async () => { await refresh(); setEditing(false); } }));
  const complete = useMutation(trpc.maintenance.complete.mutationOptions({ onSuccess: async () => { await refresh(); setConfirming(null); } }));
  const cancel = useMutation(trpc.maintenance.cancel.mutationOptions({ onSuccess: async () => { await refresh(); setConfirming(null); } }));

  const back = (
    <Link href={`/d/${slug}/maintenance`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
      <Icon name="arrowLeft" className="size-4" />
      All maintenance
    </Link>
  );

  if (maintenance.isPending) return <DetailSkeleton />;
  if (maintenance.isError) {
    const missing = errorCode(maintenance.error) === "NOT_FOUND" || errorCode(maintenance.error) === "BAD_REQUEST";
    return (
      <div className="space-y-4">
        {back}
        <Card>
          <EmptyState
            icon={<Icon name={missing ? "inbox" : "warning"} />}
            title={missing ? "Maintenance window not found" : "Could not load this maintenance window"}
            action={missing ? <ButtonLink href={`/d/${slug}/maintenance`} variant="secondary">Back to maintenance</ButtonLink> : <Button onClick={() => maintenance.refetch()}>Try again</Button>}
          >
            {missing ? "It may be in another dataspace, or the link is wrong." : errorMessage(maintenance.error)}
          </EmptyState>
        </Card>
      </div>
    );
  }

  const w = maintenance.data;
  const values: MaintenanceValues = {
    title: w.title,
    description: w.description,
    scheduledStart: w.scheduledStart,
    scheduledEnd: w.scheduledEnd,
    serviceIds: w.services.map((s) => s.service.id),
  };
  const actionError = complete.error ?? cancel.error;

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{w.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <MaintenanceStatusBadge status={w.status} startedAt={w.startedAt} />
            <WindowTimes start={w.scheduledStart} end={w.scheduledEnd} />
          </div>
        </div>
        {canEdit && !editing && w.status !== "completed" && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => { update.reset(); setEditing(true); setConfirming(null); }}>
              Edit
            </Button>
            {w.status === "in_progress" ? (
              <Button onClick={() => setConfirming("complete")}>Complete now</Button>
            ) : (
              <Button variant="danger" onClick={() => setConfirming("cancel")}>Cancel window</Button>
            )}
          </div>
        )}
      </div>
      {confirming === "complete" && (
        <Confirm label="Complete the window now" verb="complete it" pending={complete.isPending} onBack={() => setConfirming(null)} onConfirm={() => complete.mutate({ dataspace: slug, id: w.id })}>
          The window ends now, before its scheduled end; its services go back to operational unless an open incident holds them.
        </Confirm>
      )}
      {confirming === "cancel" && (
        <Confirm label="Cancel the window" verb="cancel it" danger pending={cancel.isPending} onBack={() => setConfirming(null)} onConfirm={() => cancel.mutate({ dataspace: slug, id: w.id })}>
          The window will not start. It is kept, marked cancelled, with its timeline.
        </Confirm>
      )}
      <ErrorAlert>{actionError ? errorMessage(actionError) : null}</ErrorAlert>

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit maintenance window</h2>
          <MaintenanceForm
            initial={values}
            services={services.data ?? w.services.map((s) => s.service)}
            locked={w.status === "in_progress" ? { start: true, services: true } : undefined}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const patch = changedFields(values, next);
              if (Object.keys(patch).length === 0) setEditing(false);
              else update.mutate({ dataspace: slug, id: w.id, patch });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card className="p-6">
              <h2 className="text-sm font-semibold text-slate-900">Description</h2>
              {w.description ? (
                <p className="mt-2 text-sm leading-6 whitespace-pre-wrap break-words text-slate-700">{w.description}</p>
              ) : (
                <p className="mt-2 text-sm text-slate-400">No description.</p>
              )}
            </Card>
            <Timeline maintenanceId={w.id} updates={w.updates} />
          </div>
          <Card className="h-fit p-6">
            <h2 className="text-sm font-semibold text-slate-900">Details</h2>
            <dl className="mt-4 space-y-4 text-sm">
              <Detail label="Status"><MaintenanceStatusBadge status={w.status} startedAt={w.startedAt} /></Detail>
              <Detail label="Scheduled start"><DateTime date={w.scheduledStart} /></Detail>
              <Detail label="Scheduled end"><DateTime date={w.scheduledEnd} /></Detail>
              {w.startedAt && <Detail label="Started"><DateTime date={w.startedAt} /></Detail>}
              {w.completedAt && <Detail label={w.startedAt ? "Completed" : "Cancelled"}><DateTime date={w.completedAt} /></Detail>}
              <Detail label="Affected services">
                {w.services.length === 0 ? (
                  <span className="text-slate-400">None</span>
                ) : (
                  <ul className="space-y-1">
                    {w.services.map(({ service }) => (
                      <li key={service.id}>{service.name}</li>
                    ))}
                  </ul>
                )}
              </Detail>
              <Detail label="Scheduled by">{w.createdBy ? personLabel(w.createdBy) : <span className="text-slate-400">A removed account</span>}</Detail>
              <Detail label="Last updated"><RelativeTime date={w.updatedAt} /></Detail>
            </dl>
          </Card>
        </div>
      )}
    </div>
  );
}

type Update = { id: string; message: string; status: "scheduled" | "in_progress" | "completed"; createdAt: Date; author: Person };

const STATUS_WORDS: Record<Update["status"], string> = { scheduled: "while scheduled", in_progress: "in progress", completed: "after completion" };

function Timeline({ maintenanceId, updates }: { maintenanceId: string; updates: Update[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, canEdit } = useDataspace();
  const [message, setMessage] = useState("");
  const post = useMutation(
    trpc.maintenance.addUpdate.mutationOptions({
      onSuccess: async () => {
        setMessage("");
        await queryClient.invalidateQueries(trpc.maintenance.pathFilter());
      },
    }),
  );
  const fieldError = fieldErrorsOf(post.error).message;

  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate({ dataspace: slug, maintenanceId, message });
  }

  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">
        Timeline <span className="font-normal text-slate-500">({updates.length})</span>
      </h2>
      {updates.length === 0 ? (
        <p className="mt-3 text-sm text-slate-400">No updates yet. The window&apos;s start and end are recorded here as they happen.</p>
      ) : (
        <ol className="mt-4 space-y-5" title="Timeline">
          {updates.map((u) => (
            <li key={u.id} className="flex gap-3">
              <span aria-hidden="true" className={`mt-1.5 size-2.5 shrink-0 rounded-full ${u.author ? "bg-indigo-400" : "bg-slate-300"}`} />
              <article className="min-w-0 flex-1">
                <header className="flex flex-wrap items-baseline gap-x-2 text-sm">
                  <span className="font-medium text-slate-900">{personLabel(u.author)}</span>
                  <span className="text-xs text-slate-500">{STATUS_WORDS[u.status]}</span>
                  <RelativeTime date={u.createdAt} className="text-xs text-slate-500" />
                </header>
                <p className="mt-1 text-sm leading-6 whitespace-pre-wrap break-words text-slate-700">{u.message}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <form method="post" onSubmit={submit} noValidate className="mt-6 space-y-3 border-t border-slate-200 pt-5">
          <TextAreaField label="Post an update" name="message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} error={fieldError} placeholder="What is happening now…" />
          <ErrorAlert>{post.error && !fieldError ? errorMessage(post.error) : null}</ErrorAlert>
          <div className="flex justify-end">
            <Button type="submit" pending={post.isPending}>
              Post update
            </Button>
          </div>
        </form>
      ) : (
        <p className="mt-6 border-t border-slate-200 pt-5 text-sm text-slate-500">Viewers can read the timeline but not post to it.</p>
      )}
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 break-words text-slate-900">{children}</dd>
    </div>
  );
}
