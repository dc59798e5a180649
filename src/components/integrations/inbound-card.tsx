"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { CopyField } from "@/components/members/copy-field";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { Confirm } from "@/components/ui/confirm";
import type { Integration } from "./labels";

/** The integration's inbound URL (copy, rotate) and how to point the provider at it. */
export function InboundCard({ integration, label }: { integration: Integration; label: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useDataspace();
  const [confirming, setConfirming] = useState(false);
  const input = { dataspace: slug, id: integration.id };
  const rotate = useMutation(
    trpc.integration.rotateInboundUrl.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.integration.get.queryKey(input), saved);
        setConfirming(false);
        // The setup steps quote the URL.
        await queryClient.invalidateQueries(trpc.integration.setupInstructions.queryFilter(input));
      },
    }),
  );

  return (
    <Card>
      <CardHeader
        title="Inbound URL"
        description={`Where ${label} sends its webhooks. Each request is verified with this integration's secret before anything is stored.`}
      />
      <div className="space-y-4 p-5">
        <CopyField label="Inbound URL" value={integration.inboundUrl} hint="Treat it like a password: it is unguessable, and rotating it is how you revoke it." />
        {!integration.isActive && <Notice>This integration is inactive: its URL answers 404 until you activate it.</Notice>}
        {rotate.isSuccess && (
          <Notice>The URL was rotated: the old one answers 404 from now on. Update it in {label}, in the step that names the URL below.</Notice>
        )}
        {confirming ? (
          <Confirm
            label="Confirm rotate URL"
            onBack={() => setConfirming(false)}
            verb="rotate" danger pending={rotate.isPending} onConfirm={() => rotate.mutate(input)}
          >
            Rotate the inbound URL? You get a new URL at once and the old one stops working: {label} gets 404 until you paste the new one
            into its webhook settings.
          </Confirm>
        ) : (
          <Button variant="secondary" onClick={() => { rotate.reset(); setConfirming(true); }}>
            Rotate URL
          </Button>
        )}
        <ErrorAlert>{rotate.error ? errorMessage(rotate.error) : null}</ErrorAlert>
      </div>
    </Card>
  );
}

/** The provider's own steps, with this integration's URL in them. */
export function SetupInstructions({ integrationId, label }: { integrationId: string; label: string }) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const steps = useQuery(trpc.integration.setupInstructions.queryOptions({ dataspace: slug, id: integrationId }));
  return (
    <Card>
      <CardHeader title={`Set up ${label}`} description="What to do on the other side, once." />
      <div className="p-5">
        {steps.isPending ? (
          <div role="status" aria-label="Loading setup steps" className="space-y-2">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        ) : steps.isError ? (
          <ErrorAlert>Could not load the setup steps: {errorMessage(steps.error)}</ErrorAlert>
        ) : (
          <ol aria-label="Setup steps" className="list-decimal space-y-2 pl-5 text-sm text-slate-700 marker:text-slate-400">
            {steps.data.map((step, i) => (
              <li key={i} className="pl-1 break-words">{step}</li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
