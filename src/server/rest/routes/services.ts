import { z } from "zod";
import { createService } from "@/server/records/services/create-service";
import { deleteService } from "@/server/records/services/delete-service";
import { getService } from "@/server/records/services/get-service";
import { listServices } from "@/server/records/services/list-services";
import {
  createServiceInput,
  SERVICE_STATUSES,
  servicePayloadSchema,
  updateServiceInput,
} from "@/server/records/services/service.schema";
import { serializeService } from "@/server/records/services/serialize-service";
import { updateService } from "@/server/records/services/update-service";
import { memberIdByEmail } from "@/server/records/requests/visibility";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Services: what a status page calls components, each with a status. Written with the same field
 * names they are read with; the owner is named by email, as in the object.
 */
export const serviceObject = servicePayloadSchema.meta({ id: "Service", description: "A service (a status page's component) and its status" });

const created = createServiceInput.shape; // the domain's fields, with their defaults
const patchable = updateServiceInput.shape.patch.shape; // the same fields, without defaults
const email = z.string().trim().toLowerCase().email("Not a valid email address");

const about = {
  name: "Unique in the dataspace (ignoring case), one line, up to 100 characters",
  description: "Free text, up to 2 000 characters",
  group: "Component group, e.g. `API`; null or empty for none (up to 100 characters)",
  owner: "Email of a member of the dataspace, or null for nobody",
  status:
    "Set by hand; publishes `service.status_changed` when it changes. Incidents and maintenance windows move it too, at their next change",
};

export const serviceCreateBody = z
  .strictObject({
    name: created.name.meta({ description: about.name }),
    description: created.description.meta({ description: about.description }),
    group: created.group.meta({ description: about.group }),
    owner: email.nullable().default(null).meta({ description: about.owner }),
    status: created.status.meta({ description: about.status }),
  })
  .meta({ id: "ServiceCreate" });

export const serviceUpdateBody = z
  .strictObject({
    name: patchable.name.meta({ description: about.name }),
    description: patchable.description.meta({ description: about.description }),
    group: patchable.group.meta({ description: about.group }),
    owner: email.nullable().optional().meta({ description: about.owner }),
    status: patchable.status.meta({ description: about.status }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to change: send at least one field")
  .meta({ id: "ServiceUpdate", description: "The fields to change; the others keep their values" });

/** Domain field names → the API's, for the field errors the domain raises. */
const fieldNames = { ownerId: "owner", id: "uuid" };

const listQuery = z.object({
  group: z.string().trim().max(100).optional().meta({ description: "Only services of this group (exact name)" }),
  status: z.array(z.enum(SERVICE_STATUSES)).max(SERVICE_STATUSES.length).optional().meta({ description: "Only these statuses (repeat the parameter or separate with commas)" }),
  q: z.string().trim().max(100).optional().meta({ description: "Words in the name (case-insensitive)" }),
  ...pageQuery,
  // This list's cursor carries the last group and name, so it may be longer than other lists'.
  cursor: z.string().max(1_000).optional().meta({ description: "Where the page starts: copy it from a `next` link, never build it" }),
});

export const serviceRoutes = [
  defineRoute({
    method: "GET",
    path: "/services",
    operationId: "listServices",
    tag: "Services",
    summary: "List services",
    description: "By group (A to Z, services without a group last), then by name.",
    scope: { resource: "services", level: "read" },
    kind: "list",
    query: listQuery,
    response: serviceObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listServices(tenant, {
        group: query.group || undefined,
        status: query.status,
        q: query.q || undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((service) => serializeService(service, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/services",
    operationId: "createService",
    tag: "Services",
    summary: "Create a service",
    description: "Publishes `service.created`. A name the dataspace already has (ignoring case) is a 409. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "services", level: "write" },
    kind: "object",
    status: 201,
    body: serviceCreateBody,
    response: serviceObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const ownerId = await memberIdByEmail(tenant, body.owner, "owner");
      const input = createServiceInput.parse({ name: body.name, description: body.description, group: body.group, status: body.status, ownerId });
      return serializeService(await createService(tenant, input), tenant.dataspace);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/services/{uuid}",
    operationId: "getService",
    tag: "Services",
    summary: "Get a service",
    description: "Send `If-None-Match` with the ETag you have to get 304 when it has not changed.",
    scope: { resource: "services", level: "read" },
    kind: "object",
    params: uuidParams,
    response: serviceObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeService(await getService(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/services/{uuid}",
    operationId: "updateService",
    tag: "Services",
    summary: "Update a service",
    description:
      "Changes the fields sent. Publishes `service.updated` when the name, description, group or owner changed, and `service.status_changed` when `status` did. A name the dataspace already has is a 409. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the service since.",
    scope: { resource: "services", level: "write" },
    kind: "object",
    params: uuidParams,
    body: serviceUpdateBody,
    response: serviceObject,
    fieldNames,
    errors: [400, 404, 409, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const ownerId = await memberIdByEmail(tenant, body.owner, "owner");
      const patch = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.group !== undefined ? { group: body.group } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(ownerId !== undefined ? { ownerId } : {}),
      };
      const input = updateServiceInput.parse({ id: params.uuid, patch });
      const updated = await updateService(tenant, input, { precondition: (current) => ifMatch(serializeService(current, tenant.dataspace)) });
      return serializeService(updated, tenant.dataspace);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/services/{uuid}",
    operationId: "deleteService",
    tag: "Services",
    summary: "Delete a service",
    description:
      "Publishes `service.deleted`. Alerts and deployments that named it stay, without a service; it leaves the incidents and maintenance windows it was part of. Takes `services:admin` and a token made by an admin or owner.",
    scope: { resource: "services", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.null(),
    errors: [404],
    handle: async ({ tenant, params }) => {
      await deleteService(tenant, params.uuid);
    },
  }),
];
