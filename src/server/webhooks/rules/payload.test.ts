import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { renderPayload, validateExtraPayload, type RenderPayloadInput } from "./payload";
import { requestPayload } from "./test-fixtures";

const hook = {
  uuid: "22c9203f-e90b-4135-a142-583ef4f41e72",
  event: "request.added",
  target: "https://target.com/path/",
};
const event = { id: "evt_1", type: "request.added", createdAt: new Date("2025-08-14T09:48:27Z"), data: requestPayload() };
const input = (overrides: Partial<RenderPayloadInput> = {}): RenderPayloadInput => ({
  template: { kind: "DEJACODE" },
  hook,
  event,
  extraPayload: null,
  ...overrides,
});

function refusal(value: unknown): string {
  try {
    validateExtraPayload(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).message;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe("renderPayload, DejaCode shape", () => {
  it("matches DejaCode's documented payload key for key", () => {
    const body = JSON.parse(renderPayload(input()));
    expect(Object.keys(body)).toEqual(["hook", "data"]);
    expect(body.hook).toEqual(hook);
    expect(Object.keys(body.hook)).toEqual(["uuid", "event", "target"]);
    // The order of DejaCode's example (seed 001).
    expect(Object.keys(body.data)).toEqual([
      "api_url", "absolute_url", "uuid", "title", "request_template", "request_template_name", "status",
      "priority", "assignee", "product_context", "notes", "serialized_data", "is_private", "requester",
      "content_type", "content_object", "content_object_display_name", "cc_emails", "last_modified_by",
      "created_date", "last_modified_date", "comments", "dataspace",
    ]);
    expect(body.data).toEqual(event.data);
  });

  it("is compact JSON, hook first whatever order the caller's object has", () => {
    const text = renderPayload(
      input({
        hook: { target: "https://t.example/", event: "request.added", uuid: "u1" },
        event: { ...event, data: { a: 1 } },
      }),
    );
    expect(text).toBe('{"hook":{"uuid":"u1","event":"request.added","target":"https://t.example/"},"data":{"a":1}}');
  });

  it("merges the extra payload after hook and data, even integer-like keys", () => {
    const text = renderPayload(
      input({ event: { ...event, data: { a: 1 } }, extraPayload: { team: "ops", "2024": { q: 3 } } }),
    );
    expect(text).toBe(
      '{"hook":{"uuid":"22c9203f-e90b-4135-a142-583ef4f41e72","event":"request.added","target":"https://target.com/path/"},' +
        '"data":{"a":1},"2024":{"q":3},"team":"ops"}',
    );
  });

  it("replaces hook or data in place when an old extra payload sets them, as a dict update would", () => {
    const body = JSON.parse(renderPayload(input({ extraPayload: { data: "x", more: 1 } })));
    expect(Object.keys(body)).toEqual(["hook", "data", "more"]);
    expect(body.data).toBe("x");
  });
});

describe("renderPayload, custom template", () => {
  const template = { kind: "CUSTOM" as const, source: '{"text": "{{ data.title }} is {{ data.status }}", "id": "{{ event.id }}"}' };

  it("renders the template", () => {
    expect(renderPayload(input({ template }))).toBe('{"text": "New vulnerability detected is open", "id": "evt_1"}');
  });

  it("merges the extra payload into the top level", () => {
    expect(JSON.parse(renderPayload(input({ template, extraPayload: { id: "mine", channel: "#ops" } })))).toEqual({
      text: "New vulnerability detected is open",
      id: "mine",
      channel: "#ops",
    });
  });
});

describe("validateExtraPayload", () => {
  it("returns a copy of an object, or null when there is nothing to add", () => {
    const value = { source: "switchboard", nested: { list: [1, "two", null] } };
    const copy = validateExtraPayload(value);
    expect(copy).toEqual(value);
    value.nested.list.push(4);
    expect(copy?.nested).toEqual({ list: [1, "two", null] });
    expect(validateExtraPayload(null)).toBeNull();
    expect(validateExtraPayload(undefined)).toBeNull();
    expect(validateExtraPayload({})).toBeNull();
    expect(validateExtraPayload("  ")).toBeNull();
  });

  it("accepts JSON text, as typed in a form", () => {
    expect(validateExtraPayload(' {"env": "prod"} ')).toEqual({ env: "prod" });
    expect(refusal("{env: prod}")).toMatch(/^extra payload: not valid JSON \(/);
  });

  it.each([[[1, 2]], ["[1]"], [42], ['"text"']])("refuses %j, which is not an object", (value) => {
    expect(refusal(value)).toBe('extra payload: must be a JSON object, e.g. {"source": "switchboard"}');
  });

  it.each(["hook", "data"])("refuses setting %s", (key) => {
    expect(refusal({ [key]: 1 })).toBe(`extra payload: may not set "${key}": every body has its own "${key}"`);
  });

  it("refuses more than 16 KB", () => {
    expect(refusal({ pad: "x".repeat(16_400) })).toBe("extra payload: at most 16 KB as JSON (got 16410 bytes)");
    expect(validateExtraPayload({ pad: "x".repeat(16_000) })).not.toBeNull();
  });

  it("refuses values JSON cannot carry", () => {
    expect(refusal({ n: 10n })).toBe("extra payload: must contain only JSON values");
  });
});
