import { eventCatalog } from "@/server/events/catalog";

/**
 * Event payloads for tests, parsed by the catalog's own schemas so they cannot drift from what
 * `publishEvent` sends. Shaped like `serializeRequest`'s output.
 */
export function requestPayload(overrides: Record<string, unknown> = {}) {
  return eventCatalog["request.added"].schema.parse({
    api_url: "/api/v1/dataspaces/acme/requests/fbc77986-06ff-4dbb-81c3-95cd36dbed66/",
    absolute_url: "https://switchboard.example/d/acme/requests/fbc77986-06ff-4dbb-81c3-95cd36dbed66",
    uuid: "fbc77986-06ff-4dbb-81c3-95cd36dbed66",
    title: "New vulnerability detected",
    request_template: null,
    request_template_name: null,
    status: "open",
    priority: "Urgent",
    assignee: "ops@example.com",
    product_context: null,
    notes: "",
    serialized_data: { "Product Team Contact": "contact email", "Need By Date": "", Notes: "" },
    is_private: false,
    requester: "alice@example.com",
    content_type: null,
    content_object: null,
    content_object_display_name: null,
    cc_emails: [],
    last_modified_by: null,
    created_date: "2025-08-14T09:48:26.909Z",
    last_modified_date: "2025-08-14T09:48:26.909Z",
    comments: [
      {
        uuid: "1d3bbf8e-2a43-4b4f-9d2c-6f7e7a1c1a01",
        user: "bob@example.com",
        text: "Looking into it",
        created_date: "2025-08-14T10:00:00.000Z",
      },
    ],
    dataspace: "Acme",
    ...overrides,
  });
}

export function requestUpdatedPayload(
  changes: Record<string, { from: unknown; to: unknown }>,
  overrides: Record<string, unknown> = {},
) {
  return eventCatalog["request.updated"].schema.parse({ ...requestPayload(overrides), changes });
}

export function commentAddedPayload() {
  const request = requestPayload();
  return eventCatalog["request_comment.added"].schema.parse({
    uuid: "5b0c7f1e-9a0e-4c53-8d0a-2b4b5f1f6c02",
    user: "bob@example.com",
    text: "Fixed in 2.4.1",
    created_date: "2025-08-14T11:00:00.000Z",
    request: {
      uuid: request.uuid,
      title: request.title,
      api_url: request.api_url,
      absolute_url: request.absolute_url,
      status: request.status,
    },
    dataspace: "Acme",
  });
}

export function eventOf(type: string, id = "evt_01J0000000000000000000000") {
  return { id, type, timestamp: "2025-08-14T09:48:27.000Z" };
}
