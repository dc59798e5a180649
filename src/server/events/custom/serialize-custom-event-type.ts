import { z } from "zod";
import { appUrl } from "@/env";

/** A registered type as the domain returns it (tRPC sends this to the dashboard). */
export type CustomEventTypeView = {
  id: string;
  name: string;
  description: string;
  schema: Record<string, unknown>;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const customEventTypeSelect = { id: true, name: true, description: true, schema: true, createdById: true, createdAt: true, updatedAt: true } as const;

export const toCustomEventTypeView = (row: Omit<CustomEventTypeView, "schema"> & { schema: unknown }): CustomEventTypeView => ({
  ...row,
  schema: row.schema as Record<string, unknown>,
});

/** A registered type as the REST API shows it, with the field names of the other API objects. */
export const customEventTypeObjectSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  name: z.string().describe("custom.<name>: the `type` to publish with POST /api/v1/events and to subscribe webhooks to"),
  description: z.string(),
  schema: z.record(z.string(), z.unknown()).describe("JSON Schema (draft 2020-12) every published event's `data` must match"),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
});

export type CustomEventTypeObject = z.infer<typeof customEventTypeObjectSchema>;

export function serializeCustomEventType(type: CustomEventTypeView, dataspace: { slug: string }): CustomEventTypeObject {
  return {
    api_url: `/api/v1/event-types/${type.id}`,
    absolute_url: `${appUrl()}/d/${dataspace.slug}/events/types#type-${type.id}`,
    uuid: type.id,
    name: type.name,
    description: type.description,
    schema: type.schema,
    created_date: type.createdAt.toISOString(),
    last_modified_date: type.updatedAt.toISOString(),
  };
}
