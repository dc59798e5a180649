"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type FormEvent } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { typeLabel } from "@/components/integrations/labels";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { SelectField, TextField } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/time";
import type { AppRouter } from "@/server/api/root";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";

/**
 * A request's issues on other platforms (issue sync): each link with its sync state, when it last
 * matched and the platform's last error in its own words; the pull requests naming the request;
 * and, for members, "Create issue in …", "Link existing issue" and "Unlink". A link still being
 * made (PENDING) is polled until it settles, and so is a new request's list for its first minute
 * (its automatic issue is on the way). Hidden where no integration syncs issues and none is linked.
 */

type IssueLinks = inferRouterOutputs<AppRouter>["request"]["issueLinks"];
type Link = IssueLinks["links"][number];
type Available = IssueLinks["available"][number];

const POLL_MS = 2_000;
/** A new request's issue is made by the runtime within moments: its page looks until then. */
const NEW_REQUEST_MS = 60_000;

const STATES: Record<Link["state"], { label: string; tone: Tone }> = {
  PENDING: { label: "Pending", tone: "sky" },
  SYNCED: { label: "Synced", tone: "emerald" },
  FAILED: { label: "Failed", tone: "red" },
};

const PULL_REQUEST_STATES: Record<string, { label: string; tone: Tone }> = {
  open: { label: "Open", tone: "emerald" },
  merged: { label: "Merged", tone: "indigo" },
  closed: { label: "Closed", tone: "slate" },
};

export function IssueLinks({ requestId, createdAt }: { requestId: string; createdAt: Date }) {
  const trpc = useTRPC();
  const { slug, canEdit } = useDataspace();
  const input = { dataspace: slug, requestId };
  const links = useQuery(
    trpc.request.issueLinks.queryOptions(input, {
      refetchInterval: (query) =>
        query.state.data?.links.some((l) => l.state === "PENDING") || Date.now() - createdAt.getTime() < NEW_REQUEST_MS ? POLL_MS : false,
    }),
  );
  const types = useQuery(trpc.integration.types.queryOptions(undefined, { staleTime: Infinity }));

  if (!links.data || (links.data.links.length === 0 && links.data.pullRequests.length === 0 && links.data.available.length === 0)) {
    return links.isError ? (
      <Card className="p-6">
        <h2 className="text-sm font-semibold text-slate-900">Issues</h2>
        <ErrorAlert className="mt-3">{errorMessage(links.error)}</ErrorAlert>
      </Card>
    ) : null;
  }
  const { links: issueLinks, pullRequests, available } = links.data;
  const provider = (type: string) => typeLabel(types.data, type);

  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Issues</h2>
      {issueLinks.length === 0 ? (
        <p className="mt-2 text-sm text-slate-400">Not linked to an issue.</p>
      ) : (
        <ul aria-label="Linked issues" className="mt-3 divide-y divide-slate-100">
          {issueLinks.map((link) => (
            <IssueLinkRow key={link.id} link={link} provider={provider(link.integration.type)} requestId={requestId} canEdit={canEdit} />
          ))}
        </ul>
      )}

      {pullRequests.length > 0 && (
        <>
          <h3 className="mt-5 text-xs font-medium text-slate-500">Pull requests</h3>
          <ul aria-label="Pull requests" className="mt-2 space-y-2 text-sm">
            {pullRequests.map((pr) => (
              <li key={pr.id} className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <a href={pr.url} target="_blank" rel="noreferrer noopener" className="font-medium text-indigo-700 hover:underline">
                  {pr.key}
                </a>
                <span className="min-w-0 break-words text-slate-700">{pr.title}</span>
                <Badge tone={PULL_REQUEST_STATES[pr.state]?.tone ?? "slate"}>{PULL_REQUEST_STATES[pr.state]?.label ?? pr.state}</Badge>
              </li>
            ))}
          </ul>
        </>
      )}

      {canEdit && available.length > 0 && <IssueActions requestId={requestId} available={available} />}
    </Card>
  );
}

function IssueLinkRow({ link, provider, requestId, canEdit }: { link: Link; provider: string; requestId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [confirming, setConfirming] = useState(false);
  const unlink = useMutation(
    trpc.request.unlinkIssue.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.request.issueLinks.queryFilter({ dataspace: slug, requestId })),
    }),
  );
  const state = STATES[link.state];
  const name = link.key ?? `the ${provider} issue`;

  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="text-slate-500" title={link.integration.name}>
          {provider}
        </span>
        {link.key && link.url ? (
          <a href={link.url} target="_blank" rel="noreferrer noopener" className="font-medium text-indigo-700 hover:underline">
            {link.key}
          </a>
        ) : (
          <span className="text-slate-400">Creating the issue…</span>
        )}
        <Badge tone={state.tone}>{state.label}</Badge>
        {canEdit && !confirming && (
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => { unlink.reset(); setConfirming(true); }}>
            Unlink
          </Button>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        via {link.integration.name} ·{" "}
        {link.lastSyncedAt ? (
          <>
            last synced <RelativeTime date={link.lastSyncedAt} />
          </>
        ) : (
          "not synced yet"
        )}
      </p>
      {link.lastError && (
        <p className="mt-1 text-sm break-words text-red-700" title={`What ${provider} said`}>
          {link.lastError}
        </p>
      )}
      {confirming && (
        <Confirm
          label={`Unlink ${name}`}
          verb="unlink"
          className="mt-2"
          pending={unlink.isPending}
          onBack={() => setConfirming(false)}
          onConfirm={() => unlink.mutate({ dataspace: slug, requestId, linkId: link.id })}
        >
          Unlink {name}? It stays on {provider} as it is, and nothing syncs between it and this request any more.
        </Confirm>
      )}
      <ErrorAlert className="mt-2">{unlink.error ? errorMessage(unlink.error) : null}</ErrorAlert>
    </li>
  );
}

function IssueActions({ requestId, available }: { requestId: string; available: Available[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [linking, setLinking] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.request.issueLinks.queryFilter({ dataspace: slug, requestId }));
  const create = useMutation(trpc.request.createIssue.mutationOptions({ onSuccess: refresh }));

  return (
    <div className="mt-5 space-y-3 border-t border-slate-200 pt-4">
      <div className="flex flex-wrap gap-2">
        {available.map((integration) => (
          <Button
            key={integration.id}
            variant="secondary"
            size="sm"
            disabled={integration.paused}
            title={integration.paused ? "Its sync is paused after the platform refused its credentials: an admin must fix them first" : undefined}
            pending={create.isPending && create.variables?.integrationId === integration.id}
            onClick={() => create.mutate({ dataspace: slug, requestId, integrationId: integration.id })}
          >
            Create issue in {integration.name}
          </Button>
        ))}
        {!linking && (
          <Button variant="ghost" size="sm" onClick={() => setLinking(true)}>
            Link existing issue
          </Button>
        )}
      </div>
      <ErrorAlert>{create.error ? errorMessage(create.error) : null}</ErrorAlert>
      {linking && <LinkIssueForm requestId={requestId} available={available} onDone={() => setLinking(false)} />}
    </div>
  );
}

function LinkIssueForm({ requestId, available, onDone }: { requestId: string; available: Available[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [integrationId, setIntegrationId] = useState(available[0]?.id ?? "");
  const [reference, setReference] = useState("");
  const link = useMutation(
    trpc.request.linkIssue.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.request.issueLinks.queryFilter({ dataspace: slug, requestId }));
        onDone();
      },
    }),
  );
  const errors = fieldErrorsOf(link.error);
  // What the platform or the rules answered (no such issue, already linked elsewhere) belongs to the issue asked for.
  const referenceError = errors.reference ?? (link.error && !errors.integrationId ? errorMessage(link.error) : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    link.mutate({ dataspace: slug, requestId, integrationId, reference });
  }

  return (
    <form method="post" onSubmit={submit} noValidate aria-label="Link existing issue" className="space-y-3 rounded-md border border-slate-200 p-3">
      <SelectField label="Integration" name="integrationId" value={integrationId} onChange={(e) => { setIntegrationId(e.target.value); link.reset(); }} error={errors.integrationId}>
        {available.map((integration) => (
          <option key={integration.id} value={integration.id} disabled={integration.paused}>
            {integration.name}
            {integration.paused ? " (paused)" : ""}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Issue"
        name="reference"
        value={reference}
        onChange={(e) => { setReference(e.target.value); link.reset(); }}
        placeholder="#12, OPS-7 or the issue's URL"
        hint="Its number, key or URL; it is checked on the platform."
        error={referenceError}
        autoComplete="off"
      />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" pending={link.isPending}>
          Link issue
        </Button>
      </div>
    </form>
  );
}
