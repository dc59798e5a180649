import { AppError } from "@/server/errors";
import { renderTemplate } from "./template";

/**
 * Delivery bodies
 * ===============
 *
 * DEJACODE (the default) is DejaCode's webhook body, key for key:
 *
 *   {"hook": {"uuid": "<webhook id>", "event": "request.added", "target": "<target URL>"},
 *    "data": {…the event's payload…}}
 *
 * then the webhook's extra payload merged in at the top level, as DejaCode does (a dict update:
 * its keys come after `hook` and `data`; saving refuses extra keys named `hook` or `data`).
 *
 * CUSTOM renders the webhook's own JSON template (see `template.ts`); extra payload is merged
 * into its top level the same way.
 *
 * The result is the exact text that is signed and sent, so nothing may serialize it again.
 */
export type PayloadTemplate = { kind: "DEJACODE" } | { kind: "CUSTOM"; source: string };

export const MAX_EXTRA_PAYLOAD_BYTES = 16 * 1024;
const RESERVED_KEYS = ["hook", "data"];

export type RenderPayloadInput = {
  template: PayloadTemplate;
  hook: { uuid: string; event: string; target: string };
  event: { id: string; type: string; createdAt: Date; data: unknown };
  extraPayload: Record<string, unknown> | null;
};

export function renderPayload(input: RenderPayloadInput): string {
  const { template, event, extraPayload } = input;
  // Built explicitly so the key order is DejaCode's, whatever order the caller's object has.
  const hook = { uuid: input.hook.uuid, event: input.hook.event, target: input.hook.target };
  if (template.kind === "CUSTOM") {
    const text = renderTemplate(template.source, {
      event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() },
      data: event.data,
      hook,
    });
    if (!extraPayload || Object.keys(extraPayload).length === 0) return text;
    return JSON.stringify({ ...(JSON.parse(text) as Record<string, unknown>), ...extraPayload });
  }
  // Written out by hand rather than spreading into one object: a JS object would move
  // integer-like extra keys ("2024") in front of `hook`.
  const entries: [string, unknown][] = [
    ["hook", hook],
    ["data", event.data ?? null],
  ];
  for (const [key, value] of Object.entries(extraPayload ?? {})) {
    const existing = entries.find(([name]) => name === key);
    if (existing) existing[1] = value;
    else entries.push([key, value]);
  }
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value ?? null)}`).join(",")}}`;
}

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", `extra payload: ${message}`);
}

/**
 * Extra payload: a JSON object (or its text) merged into every body. At most 16 KB as JSON; it may
 * not set `hook` or `data`. Returns a plain copy, or null when there is nothing to add.
 */
export function validateExtraPayload(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  let object = value;
  if (typeof value === "string") {
    if (value.trim() === "") return null;
    try {
      object = JSON.parse(value);
    } catch (error) {
      refuse(`not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof object !== "object" || object === null || Array.isArray(object)) {
    refuse('must be a JSON object, e.g. {"source": "switchboard"}');
  }
  let text: string;
  try {
    text = JSON.stringify(object);
  } catch {
    refuse("must contain only JSON values");
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_EXTRA_PAYLOAD_BYTES) refuse(`at most 16 KB as JSON (got ${bytes} bytes)`);
  const copy = JSON.parse(text) as Record<string, unknown>;
  for (const key of RESERVED_KEYS) {
    if (Object.hasOwn(copy, key)) refuse(`may not set "${key}": every body has its own "${key}"`);
  }
  return Object.keys(copy).length === 0 ? null : copy;
}
