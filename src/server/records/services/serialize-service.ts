import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import type { ServicePayload } from "./service.schema";

/** The relations a service is loaded with wherever it is shown or published. */
export const serviceInclude = {
  owner: { select: { id: true, email: true, name: true } },
} satisfies Prisma.ServiceInclude;

export type ServiceWithRelations = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>;

export function serviceUrls(dataspaceSlug: string, id: string) {
  return { api_url: `/api/v1/services/${id}`, absolute_url: `${appUrl()}/d/${dataspaceSlug}/services/${id}` };
}

export function serializeService(service: ServiceWithRelations, dataspace: { slug: string; name: string }): ServicePayload {
  const { api_url, absolute_url } = serviceUrls(dataspace.slug, service.id);
  return {
    api_url,
    absolute_url,
    uuid: service.id,
    name: service.name,
    description: service.description,
    group: service.group,
    status: service.status,
    owner: service.owner?.email ?? null,
    created_date: service.createdAt.toISOString(),
    last_modified_date: service.updatedAt.toISOString(),
    dataspace: dataspace.name,
  };
}
