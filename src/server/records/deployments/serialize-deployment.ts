import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import type { DeploymentPayload, DeploymentSource } from "./deployment.schema";

/** The relations a deployment is loaded with wherever it is shown or published. */
export const deploymentInclude = {
  service: { select: { id: true, name: true } },
  createdBy: { select: { id: true, email: true, name: true } },
} satisfies Prisma.DeploymentInclude;

export type DeploymentWithRelations = Prisma.DeploymentGetPayload<{ include: typeof deploymentInclude }>;

/** What serializing needs of a deployment: its row with the service's name and its creator's email. */
export type SerializableDeployment = Omit<DeploymentWithRelations, "createdBy" | "service"> & {
  service: { id: string; name: string } | null;
  createdBy: { email: string } | null;
};

export function deploymentUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/deployments/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/deployments/${id}` };
}

export function serializeDeployment(deployment: SerializableDeployment, dataspace: { slug: string; name: string }): DeploymentPayload {
  const { api_url, absolute_url } = deploymentUrls(dataspace.slug, deployment.id);
  return {
    api_url,
    absolute_url,
    uuid: deployment.id,
    service: deployment.service?.name ?? null,
    service_uuid: deployment.service?.id ?? null,
    environment: deployment.environment,
    ref: deployment.ref,
    sha: deployment.sha,
    version: deployment.version,
    description: deployment.description,
    status: deployment.status,
    url: deployment.url,
    source: deployment.source as DeploymentSource,
    integration: deployment.sourceIntegrationId,
    external_id: deployment.externalId,
    creator: deployment.createdBy?.email ?? deployment.creator,
    started_date: deployment.startedAt?.toISOString() ?? null,
    finished_date: deployment.finishedAt?.toISOString() ?? null,
    committed_date: deployment.committedAt?.toISOString() ?? null,
    created_date: deployment.createdAt.toISOString(),
    last_modified_date: deployment.updatedAt.toISOString(),
    dataspace: dataspace.name,
  };
}
