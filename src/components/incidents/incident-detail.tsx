"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { CreateIssueButtons, IssueRequested } from "@/components/alerts/create-issue";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { personLabel } from "@/components/requests/labels";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { IncidentForm, type IncidentFieldValues } from "./incident-form";
import { Duration } from "./incidents-view";
import { ImpactBadge, INCIDENT_STATUSES, IncidentStatusBadge, SeverityBadge, STATUS_HINTS, STATUS_LABELS } from "./labels";

export function IncidentDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, canEdit } = useDataspace();
  const [editing, setEditing] = useState(false);
  const [confirmResolve, setConfirmResolve] = useState(false);
  const incident = useQuery(trpc.incident.get.queryOptions({ dataspace: slug, id }));
  const services = useQuery({ ...trpc.service.options.queryOptions({ dataspace: slug }), enabled: canEdit && editing });

  const refresh = () => queryClient.invalidateQueries(trpc.incident.pathFilter());
  const update = useMutation(trpc.incident.update.mutationOptions({ onSuccess: async () => { await refresh(); setEditing(false); } }));
  const resolve = useMutation(trpc.incident.resolve.mutationOptions({ onSuccess: async () => { await refresh(); setConfirmResolve(false); } }));
  // The issue goes through the incident's request (made if it has none): both are refreshed.
  const createIssue = useMutation(
    trpc.incident.createIssue.mutationOptions({
      onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries(trpc.request.pathFilter())]),
    }),
  );

  const back = { href: `/d/${slug}/incidents`, label: "All incidents" };
  if (incident.isPending) return <DetailLoading label="Loading incident" />;
  if (incident.isError) return <DetailError error={incident.error} noun="incident" icon="bolt" back={back} onRetry={() => incident.refetch()} />;

  const i = incident.data;
  const resolved = i.status === "resolved";
  const actionError = resolve.error ?? createIssue.error;
  const values: IncidentFieldValues = { title: i.title, severity: i.severity, services: i.services.map((s) => ({ serviceId: s.service.id, impact: s.impact })) };

  return (
    <div className="space-y-6">
      <BackLink href={back.href}>{back.label}</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{i.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <IncidentStatusBadge status={i.status} />
            <SeverityBadge severity={i.severity} />
            <span>
              Declared {i.createdBy ? `by ${personLabel(i.createdBy)} ` : ""}
              <RelativeTime date={i.createdAt} />
            </span>
          </div>
        </div>
        {canEdit && !editing && (
          <div className="flex flex-col items-end gap-2">
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={() => { update.reset(); setEditing(true); }}>
                Edit
              </Button>
              {!resolved && (
                <Button onClick={() => { resolve.reset(); setConfirmResolve(true); }} disabled={confirmResolve}>
                  Resolve
                </Button>
              )}
              {/* A linked private request the reader may not see: no issue can be made through it. */}
              {!(i.requestId && !i.request) && (
                <CreateIssueButtons
                  requestId={i.request?.id ?? null}
                  pending={createIssue.isPending ? createIssue.variables.integrationId : null}
                  onCreate={(integrationId) => createIssue.mutate({ dataspace: slug, id: i.id, integrationId })}
                />
              )}
            </div>
            {confirmResolve && !resolved && (
              <Confirm label="Resolve incident" verb="resolve" pending={resolve.isPending} onBack={() => setConfirmResolve(false)} onConfirm={() => resolve.mutate({ dataspace: slug, id: i.id })}>
                Resolve this incident? “This incident has been resolved.” goes on the timeline, and its services return to operational unless another open incident or a maintenance in progress holds them.
              </Confirm>
            )}
          </div>
        )}
      </div>
      <ErrorAlert>{actionError ? errorMessage(actionError) : null}</ErrorAlert>
      <IssueRequested created={createIssue.data} />

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit incident</h2>
          <IncidentForm
            mode="edit"
            initial={values}
            serviceOptions={services.data ?? []}
            servicesLoading={services.isPending}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const patch: Partial<IncidentFieldValues> = {};
              if (next.title !== values.title) patch.title = next.title;
              if (next.severity !== values.severity) patch.severity = next.severity;
              if (JSON.stringify(next.services) !== JSON.stringify(values.services)) patch.services = next.services;
              if (Object.keys(patch).length === 0) setEditing(false);
              else update.mutate({ dataspace: slug, id: i.id, patch });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            {canEdit ? (
              <PostUpdate key={i.status} incidentId={i.id} current={i.status} />
            ) : (
              <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-500">Viewers can follow the incident but not post updates.</p>
            )}
            <Timeline updates={i.updates} />
          </div>
          <Card className="h-fit p-6">
            <h2 className="text-sm font-semibold text-slate-900">Details</h2>
            <dl className="mt-4 space-y-4 text-sm">
              <Detail label="Status">
                <IncidentStatusBadge status={i.status} />
              </Detail>
              <Detail label="Severity">
                <SeverityBadge severity={i.severity} />
              </Detail>
              <Detail label="Started">{formatDateTime(i.startedAt)}</Detail>
              {i.resolvedAt && <Detail label="Resolved">{formatDateTime(i.resolvedAt)}</Detail>}
              <Detail label="Duration">
                <Duration startedAt={i.startedAt} resolvedAt={i.resolvedAt} />
              </Detail>
              <Detail label={resolved ? "Services it affected" : "Affected services"}>
                {i.services.length === 0 ? (
                  <span className="text-slate-400">None</span>
                ) : (
                  <ul className="space-y-1.5">
                    {i.services.map(({ service, impact }) => (
                      <li key={service.id} className="flex flex-wrap items-center justify-between gap-2">
                        <Link href={`/d/${slug}/services/${service.id}`} className="min-w-0 truncate text-slate-900 hover:text-indigo-600">
                          {service.name}
                        </Link>
                        <ImpactBadge impact={impact} />
                      </li>
                    ))}
                  </ul>
                )}
              </Detail>
              <Detail label="Request">
                {i.request ? (
                  <Link href={`/d/${slug}/requests/${i.request.id}`} className="text-indigo-600 hover:text-indigo-800">
                    {i.request.title}
                  </Link>
                ) : i.requestId ? (
                  <span className="text-slate-500">A private request you do not have access to</span>
                ) : (
                  <span className="text-slate-400">None</span>
                )}
              </Detail>
              <Detail label="Alerts">
                {i.alerts.length === 0 ? (
                  <span className="text-slate-400">None</span>
                ) : (
                  <ul className="space-y-1.5">
                    {i.alerts.map((alert) => (
                      <li key={alert.id} className="flex flex-wrap items-center justify-between gap-2">
                        <Link href={`/d/${slug}/alerts/${alert.id}`} className="min-w-0 truncate text-slate-900 hover:text-indigo-600">
                          {alert.title}
                        </Link>
                        <span className="flex gap-1">
                          <Badge tone={alert.severity === "critical" || alert.severity === "error" ? "red" : alert.severity === "warning" ? "amber" : "slate"}>{alert.severity}</Badge>
                          <Badge tone={alert.status === "resolved" ? "emerald" : alert.status === "acknowledged" ? "sky" : "red"}>{alert.status}</Badge>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </Detail>
              <Detail label="Last updated">
                <RelativeTime date={i.updatedAt} />
              </Detail>
            </dl>
          </Card>
        </div>
      )}
    </div>
  );
}

/** The "Post update" form: a message and the status it sets; on a resolved incident an open status reopens it. */
function PostUpdate({ incidentId, current }: { incidentId: string; current: IncidentStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [status, setStatus] = useState<IncidentStatus>(current);
  const [message, setMessage] = useState("");
  const post = useMutation(
    trpc.incident.addUpdate.mutationOptions({
      onSuccess: async () => {
        setMessage("");
        await queryClient.invalidateQueries(trpc.incident.pathFilter());
      },
    }),
  );
  const errors = fieldErrorsOf(post.error);
  const reopening = current === "resolved" && status !== "resolved";

  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate({ dataspace: slug, incidentId, status, message });
  }

  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Post update</h2>
      <form method="post" onSubmit={submit} noValidate className="mt-4 space-y-4">
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as IncidentStatus)}
          error={errors.status}
          hint={reopening ? "Posting with this status reopens the incident: its services take its impact again." : STATUS_HINTS[status]}
          className="max-w-xs"
        >
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </SelectField>
        <TextAreaField label="Message" name="message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} error={errors.message} placeholder="What changed since the last update…" />
        <ErrorAlert>{post.error && !errors.message && !errors.status ? errorMessage(post.error) : null}</ErrorAlert>
        <div className="flex justify-end">
          <Button type="submit" pending={post.isPending}>
            Post update
          </Button>
        </div>
      </form>
    </Card>
  );
}

type Update = { id: string; message: string; status: IncidentStatus; createdAt: Date; author: { id: string; email: string; name: string | null } | null };

/** The timeline, newest first (the API lists it oldest first). */
function Timeline({ updates }: { updates: Update[] }) {
  const newestFirst = [...updates].reverse();
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">
        Timeline <span className="font-normal text-slate-500">({updates.length})</span>
      </h2>
      <ol className="mt-4 space-y-0" aria-label="Timeline">
        {newestFirst.map((u, index) => (
          <li key={u.id} className="relative flex gap-3 pb-5 last:pb-0">
            {index < newestFirst.length - 1 && <span aria-hidden="true" className="absolute top-6 bottom-0 left-[5px] w-px bg-slate-200" />}
            <span aria-hidden="true" className="mt-1.5 size-2.5 shrink-0 rounded-full bg-slate-300 ring-4 ring-white" />
            <article className="min-w-0 flex-1">
              <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <IncidentStatusBadge status={u.status} />
                <span className="font-medium text-slate-900">{u.author ? personLabel(u.author) : "Someone who left"}</span>
                <time dateTime={u.createdAt.toISOString()} className="text-xs text-slate-500" suppressHydrationWarning>
                  {formatDateTime(u.createdAt)}
                </time>
              </header>
              <p className="mt-1 text-sm leading-6 whitespace-pre-wrap break-words text-slate-700">{u.message}</p>
            </article>
          </li>
        ))}
      </ol>
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
