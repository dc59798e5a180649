"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { DeploymentStatus } from "@/generated/prisma/enums";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { Notice } from "@/components/ui/alert";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorMessage, fieldErrorsOf } from "@/trpc/errors";
import { useTRPC } from "@/trpc/react";
import { DEPLOYMENT_STATUSES, DEPLOYMENT_STATUS_LABELS } from "./labels";

/** Records a deployment by hand: what went where, and how it went (a script would POST /api/v1/deployments). */
export function NewDeployment() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { slug, canEdit } = useDataspace();
  const facets = useQuery(trpc.deployment.facets.queryOptions({ dataspace: slug }));
  const [serviceId, setServiceId] = useState("");
  const [environment, setEnvironment] = useState("production");
  const [ref, setRef] = useState("");
  const [sha, setSha] = useState("");
  const [version, setVersion] = useState("");
  const [status, setStatus] = useState<DeploymentStatus>("success");
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.deployment.create.mutationOptions({
      onSuccess: async (deployment) => {
        await queryClient.invalidateQueries(trpc.deployment.pathFilter());
        router.push(`/d/${slug}/deployments/${deployment.id}`);
      },
    }),
  );

  if (!canEdit) return <Notice>Viewers can read deployments but not record them. Ask an admin for the member role.</Notice>;

  const errors = fieldErrorsOf(create.error);
  const generalError = create.error && Object.keys(errors).length === 0 ? errorMessage(create.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      dataspace: slug,
      serviceId: serviceId || null,
      environment,
      ref: ref || null,
      sha: sha || null,
      version: version || null,
      status,
      url: url || null,
      description,
    });
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField label="Service" name="serviceId" value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={errors.serviceId} hint="What was deployed; leave it empty for the whole product.">
          <option value="">No service</option>
          {(facets.data?.services ?? []).map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </SelectField>
        <TextField
          label="Environment"
          name="environment"
          value={environment}
          onChange={(e) => setEnvironment(e.target.value)}
          error={errors.environment}
          list="deployment-environments"
          maxLength={255}
          autoComplete="off"
          hint="Where it went, e.g. production or staging."
        />
        <datalist id="deployment-environments">
          {(facets.data?.environments ?? []).map((env) => (
            <option key={env} value={env} />
          ))}
        </datalist>
      </div>
      <div className="grid gap-6 sm:grid-cols-3">
        <TextField label="Ref" name="ref" value={ref} onChange={(e) => setRef(e.target.value)} error={errors.ref} maxLength={255} autoComplete="off" placeholder="main" hint="Branch or tag." />
        <TextField label="Commit SHA" name="sha" value={sha} onChange={(e) => setSha(e.target.value)} error={errors.sha} maxLength={40} autoComplete="off" spellCheck={false} placeholder="f95f852" hint="7 to 40 hexadecimal digits." />
        <TextField label="Version" name="version" value={version} onChange={(e) => setVersion(e.target.value)} error={errors.version} maxLength={100} autoComplete="off" placeholder="2.4.1" />
      </div>
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as DeploymentStatus)} error={errors.status} hint="A deployment only moves forward: queued, in progress, then succeeded, failed or cancelled.">
          {DEPLOYMENT_STATUSES.map((s) => (
            <option key={s} value={s}>{DEPLOYMENT_STATUS_LABELS[s]}</option>
          ))}
        </SelectField>
        <TextField label="URL" name="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} maxLength={2048} autoComplete="off" placeholder="https://" hint="Where the deployed environment (or its log) can be seen." />
      </div>
      <TextAreaField label="Description" name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} maxLength={2000} />
      <FormActions
        error={generalError}
        // Stays pending through the navigation that follows success.
        pending={create.isPending || create.isSuccess}
        submitLabel="Record deployment"
        onCancel={() => router.push(`/d/${slug}/deployments`)}
      />
    </form>
  );
}
