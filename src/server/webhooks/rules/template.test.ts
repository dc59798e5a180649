import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { renderTemplate, validateTemplate, type TemplateRoots } from "./template";
import { requestPayload, requestUpdatedPayload } from "./test-fixtures";

const roots = (data: unknown = requestPayload({ assignee: null })): TemplateRoots => ({
  event: { id: "evt_1", type: "request.updated", timestamp: "2025-08-14T09:48:27.000Z" },
  data,
  hook: { uuid: "22c9203f-e90b-4135-a142-583ef4f41e72", event: "request.*", target: "https://target.example/in" },
});
const render = (source: string, data?: unknown) => JSON.parse(renderTemplate(validateTemplate(source), roots(data)));

function refusal(source: string): string {
  try {
    validateTemplate(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).message;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe("renderTemplate", () => {
  it("replaces a whole-string placeholder by the value, of any JSON type", () => {
    const body = render(
      '{"title":"{{ data.title }}","assignee":"{{data.assignee}}","private":"{{ data.is_private }}",' +
        '"comments":"{{ data.comments }}","first":"{{ data.comments[0].text }}","missing":"{{ data.nope.deeper }}"}',
    );
    expect(body).toEqual({
      title: "New vulnerability detected",
      assignee: null,
      private: false,
      comments: [expect.objectContaining({ text: "Looking into it", user: "bob@example.com" })],
      first: "Looking into it",
      missing: null,
    });
  });

  it("writes placeholders inside longer strings as text", () => {
    const body = render(
      '{"text":"{{ data.title }} ({{ data.priority }}) by {{ data.assignee }}: {{ data.serialized_data }} [{{ data.cc_emails[3] }}]"}',
    );
    expect(body.text).toBe(
      'New vulnerability detected (Urgent) by : {"Product Team Contact":"contact email","Need By Date":"","Notes":""} []',
    );
  });

  it("offers event and hook fields, the timestamp in ISO 8601", () => {
    const body = render(
      '{"id":"{{ event.id }}","type":"{{ event.type }}","at":"{{ event.timestamp }}","hook":"{{ hook }}","to":"{{ hook.target }}"}',
    );
    expect(body).toEqual({
      id: "evt_1",
      type: "request.updated",
      at: "2025-08-14T09:48:27.000Z",
      hook: { uuid: "22c9203f-e90b-4135-a142-583ef4f41e72", event: "request.*", target: "https://target.example/in" },
      to: "https://target.example/in",
    });
  });

  it("reads what changed in an update", () => {
    const data = requestUpdatedPayload({ status: { from: "open", to: "closed" } }, { status: "closed" });
    expect(render('{"was":"{{ data.changes.status.from }}","now":"{{ data.changes.status.to }}"}', data)).toEqual({
      was: "open",
      now: "closed",
    });
  });

  it("keeps the template's key order and layout as written", () => {
    const source = '{\n  "b": "{{ event.type }}",\n  "2024": 1,\n  "a": {"z": 1, "y": 2}\n}';
    expect(renderTemplate(validateTemplate(source), roots())).toBe(
      '{\n  "b": "request.updated",\n  "2024": 1,\n  "a": {"z": 1, "y": 2}\n}',
    );
  });

  it("escapes values so they cannot break out of their string", () => {
    const data = requestPayload({ title: 'He said "hi"\n}, "evil": true' });
    const body = render('{"t":"{{ data.title }}","u":"title: {{ data.title }}"}', data);
    expect(body).toEqual({ t: 'He said "hi"\n}, "evil": true', u: 'title: He said "hi"\n}, "evil": true' });
  });

  it("never reaches outside the event's own fields", () => {
    expect(render('{"a":"{{ data.constructor }}","b":"{{ data.title.length }}","c":"{{ data.__proto__ }}"}')).toEqual({
      a: null,
      b: null,
      c: null,
    });
  });

  it("leaves strings without placeholders, escaped quotes and a lone {{ alone", () => {
    expect(render('{"q":"say \\"{{\\" to start","n":[1,"{ x }", null, "}}"]}')).toEqual({
      q: 'say "{{" to start',
      n: [1, "{ x }", null, "}}"],
    });
  });
});

describe("validateTemplate", () => {
  it("trims and returns the source", () => {
    expect(validateTemplate('  {"a": "{{ data.uuid }}"}\n')).toBe('{"a": "{{ data.uuid }}"}');
  });

  it.each([
    ['{"a": "{{ foo.bar }}"}', 'template: unknown placeholder "{{ foo.bar }}": paths start with event, data or hook'],
    ['{"a": "x {{ event.name }}"}', 'template: unknown placeholder "{{ event.name }}": event has id, type, timestamp'],
    ['{"a": "{{ hook.uuid.x }}"}', 'template: unknown placeholder "{{ hook.uuid.x }}": hook has uuid, event, target'],
    ['{"a": "{{ data..title }}"}', 'template: "{{ data..title }}" is not a path; write e.g. {{ data.title }} or {{ data.comments[0].text }}'],
    ['{"a": "{{ }}"}', 'template: "{{  }}" is not a path; write e.g. {{ data.title }} or {{ data.comments[0].text }}'],
    ['{"{{ data.uuid }}": 1}', 'template: placeholders go in values, not in keys ("{{ data.uuid }}")'],
    ['["{{ data }}"]', "template: must be a JSON object, {…}"],
    ['"{{ data }}"', "template: must be a JSON object, {…}"],
  ])("refuses %s", (source, message) => {
    expect(refusal(source)).toBe(message);
  });

  it("refuses text that is not JSON", () => {
    expect(refusal('{"a": {{ data }} }')).toMatch(/^template: not valid JSON \(/);
  });

  it("refuses more than 16 KB", () => {
    const big = JSON.stringify({ pad: "é".repeat(8_200) });
    expect(refusal(big)).toMatch(/^template: at most 16 KB \(got 164\d\d bytes\)$/);
  });
});
