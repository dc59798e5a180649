import type { WebhookEndpoint } from "./labels";

/** What the API takes for an endpoint (create input, or the full patch of an update). */
export type WebhookInput = {
  url: string;
  description: string;
  eventTypes: string[];
  filter: string | null;
  isActive: boolean;
  extraPayload: Record<string, unknown> | null;
  extraHeaders: Record<string, string>;
  payloadTemplate: "DEJACODE" | "CUSTOM";
  customTemplate: string | null;
  retryClientErrors: boolean;
  rateLimitPerSecond: number | null;
};

export type Field = keyof WebhookInput;
export const FIELDS: Field[] = [
  "url",
  "description",
  "eventTypes",
  "filter",
  "isActive",
  "extraPayload",
  "extraHeaders",
  "payloadTemplate",
  "customTemplate",
  "retryClientErrors",
  "rateLimitPerSecond",
];

export const EMPTY_WEBHOOK: WebhookInput = {
  url: "",
  description: "",
  eventTypes: [],
  filter: null,
  isActive: true,
  extraPayload: null,
  extraHeaders: {},
  payloadTemplate: "DEJACODE",
  customTemplate: null,
  retryClientErrors: false,
  rateLimitPerSecond: null,
};

export function inputFromEndpoint(e: WebhookEndpoint): WebhookInput {
  return {
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    filter: e.filter,
    isActive: e.isActive,
    extraPayload: e.extraPayload,
    extraHeaders: e.extraHeaders,
    payloadTemplate: e.payloadTemplate,
    customTemplate: e.customTemplate,
    retryClientErrors: e.retryClientErrors,
    rateLimitPerSecond: e.rateLimitPerSecond,
  };
}

/** The fields of `after` that differ from `before`: an update sends only what the admin changed. */
export function changedWebhookFields(before: WebhookInput, after: WebhookInput): Partial<WebhookInput> {
  const patch: Partial<WebhookInput> = {};
  for (const key of FIELDS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(patch, { [key]: after[key] });
  }
  return patch;
}

export const FILTER_EXAMPLES = [
  'data.priority == "Urgent"',
  'data.status in ["open", "in_progress"]',
  'event.type == "request.updated" && "status" in data.changes',
];
