/** The pure rules of outgoing webhooks: no database, no network. */
export { MAX_EVENT_PATTERNS, matchesEventPattern, normalizeEventPatterns } from "./event-patterns";
export { MAX_FILTER_LENGTH, evaluateExpression, filterMatches, validateExpression, validateFilter, type FilterVariables } from "./filter";
export {
  MAX_EXTRA_PAYLOAD_BYTES,
  renderPayload,
  validateExtraPayload,
  type PayloadTemplate,
  type RenderPayloadInput,
} from "./payload";
export { MAX_TEMPLATE_BYTES, renderTemplate, validateTemplate, type TemplateRoots } from "./template";
export { MAX_EXTRA_HEADERS, MAX_HEADER_VALUE_LENGTH, validateExtraHeaders } from "./headers";
export {
  DEFAULT_RETRY_SCHEDULE_SECONDS,
  MAX_RETRIES,
  MAX_RETRY_AFTER_MS,
  MAX_RETRY_DELAY_SECONDS,
  MAX_RETRY_TOTAL_SECONDS,
  nextRetryDelayMs,
  validateRetrySchedule,
} from "./retry-schedule";
export { generateWebhookSecret, isWebhookSecret, signatureHeaders, type SignatureHeaders } from "./signing";
