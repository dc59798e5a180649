"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { personLabel } from "@/components/requests/labels";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { SelectField, TextField } from "@/components/ui/field";
import { formatDateTime, RelativeTime } from "@/components/ui/time";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { AlertLinks } from "./alert-links";
import { CreateIssueButtons, IssueRequested } from "./create-issue";
import { uuidIn } from "./filters";
import { AlertStatusBadge, SeverityBadge, sourceLabel } from "./labels";

export function AlertDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit } = useDataspace();
  const alert = useQuery(trpc.alert.get.queryOptions({ dataspace: slug, id }));
  const refresh = () => queryClient.invalidateQueries(trpc.alert.pathFilter());
  const acknowledge = useMutation(trpc.alert.acknowledge.mutationOptions({ onSuccess: refresh }));
  const resolve = useMutation(trpc.alert.resolve.mutationOptions({ onSuccess: refresh }));
  const createRequest = useMutation(
    trpc.alert.createRequest.mutationOptions({
      onSuccess: async ({ requestId }) => {
        await refresh();
        router.push(`/d/${slug}/requests/${requestId}`);
      },
    }),
  );

  const createIncident = useMutation(
    trpc.alert.createIncident.mutationOptions({
      onSuccess: async ({ incidentId }) => {
        await refresh();
        router.push(`/d/${slug}/incidents/${incidentId}`);
      },
    }),
  );

  // The issue goes through the alert's request (made if it has none): both are refreshed.
  const createIssue = useMutation(
    trpc.alert.createIssue.mutationOptions({
      onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries(trpc.request.pathFilter())]),
    }),
  );

  if (alert.isPending) return <DetailLoading label="Loading alert" />;
  if (alert.isError) return <DetailError error={alert.error} noun="alert" icon="bolt" back={{ href: `/d/${slug}/alerts`, label: "All alerts" }} onRetry={() => alert.refetch()} />;

  const a = alert.data;
  const actionError = acknowledge.error ?? resolve.error ?? createRequest.error ?? createIncident.error ?? createIssue.error;
  // A private request the reader may not see comes without its title: no issue can be made through it.
  const hiddenRequest = a.request !== null && a.request.title === null;
  const open = a.status !== "resolved";

  return (
    <div className="space-y-6">
      <BackLink href={`/d/${slug}/alerts`}>All alerts</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{a.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <SeverityBadge severity={a.severity} />
            <AlertStatusBadge status={a.status} />
            <span>
              Raised {a.count === 1 ? "once" : `${a.count} times`} by {sourceLabel(a.source)}, last <RelativeTime date={a.lastSeenAt} />
            </span>
          </div>
        </div>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            {a.status === "triggered" && (
              <Button variant="secondary" pending={acknowledge.isPending} onClick={() => acknowledge.mutate({ dataspace: slug, id: a.id })}>
                Acknowledge
              </Button>
            )}
            {open && (
              <Button variant="secondary" pending={resolve.isPending} onClick={() => resolve.mutate({ dataspace: slug, id: a.id })}>
                Resolve
              </Button>
            )}
            {!a.incident && (
              <Button pending={createIncident.isPending} onClick={() => createIncident.mutate({ dataspace: slug, id: a.id })}>
                Create incident
              </Button>
            )}
            {!a.request && (
              <Button variant="secondary" pending={createRequest.isPending} onClick={() => createRequest.mutate({ dataspace: slug, id: a.id })}>
                Create request
              </Button>
            )}
            {!hiddenRequest && (
              <CreateIssueButtons
                requestId={a.request?.id ?? null}
                pending={createIssue.isPending ? createIssue.variables.integrationId : null}
                onCreate={(integrationId) => createIssue.mutate({ dataspace: slug, id: a.id, integrationId })}
              />
            )}
          </div>
        )}
      </div>
      <ErrorAlert>{actionError ? errorMessage(actionError) : null}</ErrorAlert>
      <IssueRequested created={createIssue.data} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <AlertLinks links={a.links} />
          <Card className="p-6">
            <h2 className="text-sm font-semibold text-slate-900">Description</h2>
            {a.description ? (
              <p className="mt-2 text-sm leading-6 whitespace-pre-wrap text-slate-700">{a.description}</p>
            ) : (
              <p className="mt-2 text-sm text-slate-400">No description.</p>
            )}
          </Card>
          <Card className="p-6">
            <h2 className="text-sm font-semibold text-slate-900">Payload</h2>
            <p className="mt-1 text-xs text-slate-500">As the sender sent it, the last time it was raised.</p>
            <pre className="mt-3 max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-5 text-slate-100">{JSON.stringify(a.payload, null, 2)}</pre>
          </Card>
        </div>
        <div className="space-y-6">
          <Card className="h-fit p-6">
            <h2 className="text-sm font-semibold text-slate-900">Details</h2>
            <dl className="mt-4 space-y-4 text-sm">
              <Detail label="Service">{a.service ? `${a.service.name}` : <span className="text-slate-400">None</span>}</Detail>
              <Detail label="Source">{sourceLabel(a.source)}</Detail>
              <Detail label="Fingerprint"><code className="text-xs break-all">{a.fingerprint}</code></Detail>
              <Detail label="First raised">{formatDateTime(a.triggeredAt)}</Detail>
              <Detail label="Last seen">{formatDateTime(a.lastSeenAt)}</Detail>
              {a.acknowledgedAt && (
                <Detail label="Acknowledged">
                  {formatDateTime(a.acknowledgedAt)} {a.acknowledgedBy ? `by ${personLabel(a.acknowledgedBy)}` : `by ${sourceLabel(a.source)}`}
                </Detail>
              )}
              {a.resolvedAt && <Detail label="Resolved">{formatDateTime(a.resolvedAt)}</Detail>}
            </dl>
          </Card>
          <Links alert={a} canEdit={canEdit} onChanged={refresh} />
        </div>
      </div>
    </div>
  );
}

type Linked = { id: string; incident: { id: string; title: string } | null; request: { id: string; title: string | null } | null };

function Links({ alert, canEdit, onChanged }: { alert: Linked; canEdit: boolean; onChanged: () => Promise<void> }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const [incidentText, setIncidentText] = useState("");
  const [requestId, setRequestId] = useState("");
  const [incidentError, setIncidentError] = useState<string | null>(null);
  const link = useMutation(trpc.alert.link.mutationOptions({ onSuccess: async () => { setIncidentText(""); setRequestId(""); await onChanged(); } }));
  const requests = useQuery({ ...trpc.request.list.queryOptions({ dataspace: slug, limit: 50, status: ["open", "in_progress", "blocked"] }), enabled: canEdit && !alert.request });

  const linkIncident = (event: FormEvent) => {
    event.preventDefault();
    const incidentId = uuidIn(incidentText);
    setIncidentError(incidentId ? null : "Paste the incident's link or its id");
    if (incidentId) link.mutate({ dataspace: slug, id: alert.id, incidentId });
  };
  const fieldErrors = (link.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;

  return (
    <Card className="h-fit p-6">
      <h2 className="text-sm font-semibold text-slate-900">Links</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="Incident">
          {alert.incident ? (
            <span className="flex items-center justify-between gap-2">
              <Link href={`/d/${slug}/incidents/${alert.incident.id}`} className="text-indigo-600 hover:text-indigo-800">{alert.incident.title}</Link>
              {canEdit && <UnlinkButton pending={link.isPending} onClick={() => link.mutate({ dataspace: slug, id: alert.id, incidentId: null })} />}
            </span>
          ) : canEdit ? (
            <form onSubmit={linkIncident} className="space-y-2">
              <TextField label="Its link or id" value={incidentText} onChange={(e) => setIncidentText(e.target.value)} placeholder="Incident link or id" error={incidentError ?? fieldErrors?.incidentId} />
              <Button type="submit" size="sm" variant="secondary" pending={link.isPending} disabled={!incidentText.trim()}>Link incident</Button>
            </form>
          ) : (
            <span className="text-slate-400">None</span>
          )}
        </Detail>
        <Detail label="Request">
          {alert.request ? (
            <span className="flex items-center justify-between gap-2">
              <Link href={`/d/${slug}/requests/${alert.request.id}`} className="text-indigo-600 hover:text-indigo-800">{alert.request.title ?? "A private request"}</Link>
              {canEdit && <UnlinkButton pending={link.isPending} onClick={() => link.mutate({ dataspace: slug, id: alert.id, requestId: null })} />}
            </span>
          ) : canEdit ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (requestId) link.mutate({ dataspace: slug, id: alert.id, requestId });
              }}
              className="space-y-2"
            >
              <SelectField label="One of the open requests" value={requestId} onChange={(e) => setRequestId(e.target.value)} error={fieldErrors?.requestId}>
                <option value="">Choose…</option>
                {(requests.data?.items ?? []).map((r) => (
                  <option key={r.id} value={r.id}>{r.title}</option>
                ))}
              </SelectField>
              <Button type="submit" size="sm" variant="secondary" pending={link.isPending} disabled={!requestId}>Link request</Button>
            </form>
          ) : (
            <span className="text-slate-400">None</span>
          )}
        </Detail>
      </dl>
      {link.error && !fieldErrors && <ErrorAlert className="mt-4">{errorMessage(link.error)}</ErrorAlert>}
    </Card>
  );
}

function UnlinkButton({ pending, onClick }: { pending: boolean; onClick: () => void }) {
  return (
    <Button size="sm" variant="secondary" pending={pending} onClick={onClick}>
      Unlink
    </Button>
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
