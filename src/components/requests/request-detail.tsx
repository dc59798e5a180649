"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorCode, errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { Comments } from "./comments";
import { IssueLinks } from "./issue-links";
import { PriorityBadge, StatusBadge, personLabel } from "./labels";
import { RequestForm, type RequestValues } from "./request-form";

type Scalar = string | number | boolean | null;

function changedFields(before: RequestValues, after: RequestValues): Partial<RequestValues> {
  const patch: Partial<RequestValues> = {};
  for (const key of Object.keys(after) as (keyof RequestValues)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}

function DetailSkeleton() {
  return (
    <div role="status" aria-label="Loading request" className="space-y-6">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-8 w-2/3" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}

export function RequestDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug, canEdit } = useDataspace();
  const [editing, setEditing] = useState(false);
  const request = useQuery(trpc.request.get.queryOptions({ dataspace: slug, id }));
  const members = useQuery({ ...trpc.member.list.queryOptions({ dataspace: slug }), enabled: canEdit });

  const refresh = () => queryClient.invalidateQueries(trpc.request.pathFilter());
  const update = useMutation(trpc.request.update.mutationOptions({ onSuccess: async () => { await refresh(); setEditing(false); } }));
  const close = useMutation(trpc.request.close.mutationOptions({ onSuccess: refresh }));
  const reopen = useMutation(trpc.request.update.mutationOptions({ onSuccess: refresh }));

  const back = (
    <Link href={`/d/${slug}/requests`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
      <Icon name="arrowLeft" className="size-4" />
      All requests
    </Link>
  );

  if (request.isPending) return <DetailSkeleton />;
  if (request.isError) {
    const missing = errorCode(request.error) === "NOT_FOUND" || errorCode(request.error) === "BAD_REQUEST";
    return (
      <div className="space-y-4">
        {back}
        <Card>
          <EmptyState
            icon={<Icon name={missing ? "inbox" : "warning"} />}
            title={missing ? "Request not found" : "Could not load this request"}
            action={missing ? <ButtonLink href={`/d/${slug}/requests`} variant="secondary">Back to requests</ButtonLink> : <Button onClick={() => request.refetch()}>Try again</Button>}
          >
            {missing ? "It may have been deleted, or it is private and you do not have access." : errorMessage(request.error)}
          </EmptyState>
        </Card>
      </div>
    );
  }

  const r = request.data;
  const custom = (r.serializedData ?? {}) as Record<string, Scalar>;
  const values: RequestValues = {
    title: r.title,
    status: r.status,
    priority: r.priority,
    assigneeId: r.assigneeId,
    notes: r.notes,
    productContext: r.productContext,
    ccEmails: r.ccEmails,
    isPrivate: r.isPrivate,
    serializedData: custom,
  };
  const actionError = close.error ?? reopen.error;

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{r.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <StatusBadge status={r.status} />
            <PriorityBadge priority={r.priority} />
            {r.isPrivate && (
              <Badge tone="amber">
                <Icon name="lock" className="mr-1 size-3.5" />
                Private
              </Badge>
            )}
            <span>
              Opened by {personLabel(r.requester)} <RelativeTime date={r.createdAt} />
            </span>
          </div>
        </div>
        {canEdit && !editing && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => { update.reset(); setEditing(true); }}>
              Edit
            </Button>
            <ButtonLink variant="secondary" href={`/d/${slug}/incidents/new?request=${r.id}`}>
              Declare incident
            </ButtonLink>
            {r.status === "closed" ? (
              <Button variant="secondary" pending={reopen.isPending} onClick={() => reopen.mutate({ dataspace: slug, id: r.id, patch: { status: "open" } })}>
                Reopen
              </Button>
            ) : (
              <Button pending={close.isPending} onClick={() => close.mutate({ dataspace: slug, id: r.id })}>
                Close request
              </Button>
            )}
          </div>
        )}
      </div>
      <ErrorAlert>{actionError ? errorMessage(actionError) : null}</ErrorAlert>

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit request</h2>
          <RequestForm
            initial={values}
            members={members.data ?? []}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const patch = changedFields(values, next);
              if (Object.keys(patch).length === 0) setEditing(false);
              else update.mutate({ dataspace: slug, id: r.id, patch });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card className="p-6">
              <h2 className="text-sm font-semibold text-slate-900">Notes</h2>
              {r.notes ? (
                <p className="mt-2 text-sm leading-6 whitespace-pre-wrap text-slate-700">{r.notes}</p>
              ) : (
                <p className="mt-2 text-sm text-slate-400">No notes.</p>
              )}
              {Object.keys(custom).length > 0 && (
                <>
                  <h2 className="mt-6 text-sm font-semibold text-slate-900">Custom fields</h2>
                  <dl className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
                    {Object.entries(custom).map(([key, value]) => (
                      <div key={key} className="flex gap-4 px-3 py-2">
                        <dt className="w-1/3 shrink-0 font-medium break-words text-slate-600">{key}</dt>
                        <dd className="min-w-0 break-words text-slate-900">{value === null ? <span className="text-slate-400">empty</span> : String(value)}</dd>
                      </div>
                    ))}
                  </dl>
                </>
              )}
            </Card>
            <Comments requestId={r.id} comments={r.comments} />
          </div>
          <div className="min-w-0 space-y-6">
            <Card className="h-fit p-6">
              <h2 className="text-sm font-semibold text-slate-900">Details</h2>
              <dl className="mt-4 space-y-4 text-sm">
                <Detail label="Status"><StatusBadge status={r.status} /></Detail>
                <Detail label="Priority"><PriorityBadge priority={r.priority} /></Detail>
                <Detail label="Assignee">{r.assignee ? personLabel(r.assignee) : <span className="text-slate-400">Unassigned</span>}</Detail>
                <Detail label="Requester">{personLabel(r.requester)}</Detail>
                <Detail label="Product context">{r.productContext ?? <span className="text-slate-400">None</span>}</Detail>
                <Detail label="CC">{r.ccEmails.length ? r.ccEmails.join(", ") : <span className="text-slate-400">Nobody</span>}</Detail>
                <Detail label="Visibility">{r.isPrivate ? "Private" : "Everyone in the dataspace"}</Detail>
                <Detail label="Created">{formatDateTime(r.createdAt)}</Detail>
                <Detail label="Last updated">
                  <RelativeTime date={r.updatedAt} />
                  {r.lastModifiedBy && <> by {personLabel(r.lastModifiedBy)}</>}
                </Detail>
              </dl>
            </Card>
            <IssueLinks requestId={r.id} createdAt={r.createdAt} />
          </div>
        </div>
      )}
    </div>
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
