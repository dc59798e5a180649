"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ROLE_LABELS, useDataspace } from "@/components/dataspace/dataspace-context";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Icon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { SsoDomainClaims } from "./sso-domain-claims";
import { EMPTY_SSO, SsoForm, type SsoFormValues } from "./sso-form";

export function SsoConnections() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const list = useQuery(trpc.sso.list.queryOptions({ dataspace: slug }));
  const refresh = () => queryClient.invalidateQueries(trpc.sso.list.queryFilter({ dataspace: slug }));
  const create = useMutation(
    trpc.sso.create.mutationOptions({
      onSuccess: async () => {
        setFormKey((k) => k + 1); // a fresh, empty form
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.sso.update.mutationOptions({
      onSuccess: async () => {
        setEditingId(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.sso.delete.mutationOptions({ onSettled: refresh }));

  return (
    <Card>
      <CardHeader
        title="SSO connections"
        description="Let people sign in with your OpenID Connect provider (Okta, Entra ID, Google Workspace, Keycloak…). They join this dataspace on first sign-in. Each email domain needs proof (a DNS record or an instance admin's approval), and SSO never signs in to an account that already exists."
      />
      {list.isPending ? (
        <SkeletonRows rows={2} label="Loading SSO connections" />
      ) : list.isError ? (
        <ErrorAlert className="m-5">Could not load SSO connections: {errorMessage(list.error)}</ErrorAlert>
      ) : list.data.length === 0 ? (
        <p className="border-b border-slate-200 px-5 py-5 text-sm text-slate-500">No SSO connections yet. Add one below.</p>
      ) : (
        <ul className="divide-y divide-slate-200 border-b border-slate-200" aria-label="SSO connections">
          {list.data.map((c) => (
            <li key={c.id} className="px-5 py-4">
              {editingId === c.id ? (
                <SsoForm
                  editing
                  initial={{
                    name: c.name,
                    issuer: c.issuer,
                    clientId: c.clientId,
                    clientSecret: "",
                    allowedDomains: c.allowedDomains.join(", "),
                    defaultRole: c.defaultRole === "OWNER" ? "ADMIN" : c.defaultRole,
                    enabled: c.enabled,
                  }}
                  submitLabel="Save connection"
                  pending={update.isPending}
                  error={update.error}
                  onCancel={() => setEditingId(null)}
                  onSubmit={(v) => update.mutate({ dataspace: slug, id: c.id, ...v, clientSecret: v.clientSecret || undefined })}
                />
              ) : (
                <div className="flex flex-wrap items-start gap-4">
                  <div className="flex size-9 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-600">
                    <Icon name="key" className="size-5" />
                  </div>
                  <div className="min-w-0 flex-1 space-y-1 text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold text-slate-900">{c.name}</span>
                      <Badge tone={c.enabled ? "emerald" : "slate"}>{c.enabled ? "Enabled" : "Disabled"}</Badge>
                    </p>
                    <p className="truncate text-slate-600">{c.issuer}</p>
                    <p className="text-slate-500">
                      Client <span className="font-mono text-xs text-slate-700">{c.clientId}</span> · secret{" "}
                      <span className="font-mono text-xs text-slate-700">{c.clientSecret}</span>
                    </p>
                    <p className="text-slate-500">
                      {c.allowedDomains.map((d) => `@${d}`).join(", ")} join as {ROLE_LABELS[c.defaultRole]}
                    </p>
                    <p className="text-xs text-slate-500">
                      Redirect URI to register: <span className="font-mono break-all text-slate-700">{c.redirectUri}</span>
                    </p>
                    <SsoDomainClaims claims={c.domainClaims} />
                    {remove.error && remove.variables?.id === c.id && <ErrorAlert>{errorMessage(remove.error)}</ErrorAlert>}
                  </div>
                  <div className="flex gap-2">
                    <Button variant="secondary" size="sm" onClick={() => { update.reset(); setEditingId(c.id); }}>
                      Edit
                    </Button>
                    <Button variant="danger" size="sm" pending={remove.isPending && remove.variables?.id === c.id} onClick={() => remove.mutate({ dataspace: slug, id: c.id })}>
                      Delete
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="px-5 py-5">
        <h3 className="mb-4 text-sm font-semibold text-slate-900">Add a connection</h3>
        <SsoForm
          key={formKey}
          editing={false}
          initial={EMPTY_SSO}
          submitLabel="Add connection"
          pending={create.isPending}
          error={create.error}
          onSubmit={(v: SsoFormValues) => create.mutate({ dataspace: slug, ...v })}
        />
      </div>
    </Card>
  );
}
