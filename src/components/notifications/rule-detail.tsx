"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { BackLink, DetailError, DetailLoading } from "@/components/ui/detail-states";
import { useTRPC } from "@/trpc/react";
import { destinationInWords, rulesPath, RuleStateBadge } from "./labels";
import { MessageLog } from "./message-log";
import { RuleActions } from "./rule-actions";
import { RuleForm } from "./rule-form";
import { changedRuleFields, inputFromValues, valuesFromRule } from "./rule-input";
import { RuleSettingsCard, RuleStateCard } from "./rule-settings-card";
import { useNotifierIntegrations } from "./use-notifier-integrations";

/** A rule: its settings and state, its message log, and (for admins) edit, test and delete. */
export function RuleDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [editing, setEditing] = useState(false);
  const [testSent, setTestSent] = useState(false);
  const input = { dataspace: slug, id };
  const rule = useQuery(trpc.notification.get.queryOptions(input));
  const { integrations, nameOf } = useNotifierIntegrations();
  const catalog = useQuery(trpc.webhook.eventTypes.queryOptions(undefined, { staleTime: Infinity, enabled: editing }));
  const update = useMutation(
    trpc.notification.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.notification.get.queryKey(input), saved);
        await queryClient.invalidateQueries(trpc.notification.list.queryFilter({ dataspace: slug }));
        setEditing(false);
      },
    }),
  );

  if (rule.isPending) return <DetailLoading label="Loading notification rule" />;
  if (rule.isError) {
    return <DetailError error={rule.error} noun="notification rule" icon="chat" back={{ href: rulesPath(slug), label: "All notification rules" }} onRetry={() => rule.refetch()} />;
  }
  const r = rule.data;
  const values = valuesFromRule(r);

  return (
    <div className="space-y-6">
      <BackLink href={rulesPath(slug)}>All notification rules</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{r.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <RuleStateBadge rule={r} />
            <span>{destinationInWords(r, nameOf(r.integration))}</span>
          </div>
        </div>
        {!editing && <RuleActions rule={r} onEdit={() => { update.reset(); setEditing(true); }} onTestSent={setTestSent} />}
      </div>

      {testSent && !editing && <Notice>Test notification queued: it shows in the message log below, with what the platform answered.</Notice>}

      {editing ? (
        <Card className="p-6">
          <h2 className="mb-6 text-base font-semibold text-slate-900">Edit rule</h2>
          <RuleForm
            initial={values}
            integrations={integrations}
            catalog={catalog.data ?? []}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(next) => {
              const before = inputFromValues(values);
              const changes = "input" in before ? changedRuleFields(before.input, next) : next;
              if (Object.keys(changes).length === 0) setEditing(false);
              else update.mutate({ ...input, changes });
            }}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 lg:col-span-2">
            <MessageLog ruleId={r.uuid} />
          </div>
          <div className="space-y-6">
            <RuleStateCard rule={r} />
            <RuleSettingsCard rule={r} integrationName={nameOf(r.integration)} />
          </div>
        </div>
      )}
    </div>
  );
}
