/**
 * JSON Schemas (draft-07, for ajv) of the Web API methods and the incoming-webhook body the
 * fake Slack takes, written from Slack's own references — not from our code — so the fake
 * refuses what Slack refuses:
 * - methods and their arguments: https://docs.slack.dev/reference/methods/chat.postMessage,
 *   …/chat.update, …/chat.postEphemeral, …/users.lookupByEmail, …/users.info,
 *   …/conversations.info, …/auth.test (all under https://docs.slack.dev/reference/methods/)
 * - Block Kit: https://docs.slack.dev/reference/block-kit/blocks (at most 50 blocks in a
 *   message), …/blocks/header-block (plain_text, 150), …/blocks/section-block (text 3 000;
 *   fields 10, each 2 000), …/blocks/context-block (10 elements), …/blocks/actions-block (25
 *   elements), …/block-elements/button-element (text 75, action_id 255, value 2 000, url 3 000,
 *   style primary|danger), …/composition-objects/text-object (non-empty; `emoji` only on
 *   plain_text, `verbatim` only on mrkdwn), block_id 255.
 * - incoming webhooks: https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * - modals: https://docs.slack.dev/reference/methods/views.open (`view` required, a JSON-encoded
 *   string; one of `trigger_id` or `interactivity_pointer`), https://docs.slack.dev/reference/views/modal-views
 *   (type modal; title, submit and close plain_text of at most 24; at most 100 blocks;
 *   private_metadata 3 000; callback_id 255; `submit` required when there is an input block),
 *   …/block-kit/blocks/input-block (label and hint plain_text, 2 000), …/block-kit/block-elements/plain-text-input-element
 *   (action_id 255, placeholder 150, min_length 0–3 000, max_length 1–3 000).
 *
 * Arguments the methods do not define are refused here (`additionalProperties: false`) although
 * Slack ignores them: an argument Slack ignores is a misspelling in our code, which a test should
 * see. Form-encoded calls carry booleans as strings, hence `flag`.
 */

type Schema = Record<string, unknown>;

const flag: Schema = { enum: [true, false, "true", "false", "1", "0"] };
const nonEmpty = (maxLength?: number): Schema => ({ type: "string", minLength: 1, ...(maxLength ? { maxLength } : {}) });
const blockId = nonEmpty(255);
/** A message ts: seconds, a dot, six digits. */
const ts: Schema = { type: "string", pattern: "^\\d+\\.\\d{6}$" };

const plainText = (maxLength: number): Schema => ({
  type: "object",
  required: ["type", "text"],
  additionalProperties: false,
  properties: { type: { const: "plain_text" }, text: nonEmpty(maxLength), emoji: { type: "boolean" } },
});
const mrkdwnText = (maxLength: number): Schema => ({
  type: "object",
  required: ["type", "text"],
  additionalProperties: false,
  properties: { type: { const: "mrkdwn" }, text: nonEmpty(maxLength), verbatim: { type: "boolean" } },
});
const textObject = (maxLength: number): Schema => ({ oneOf: [plainText(maxLength), mrkdwnText(maxLength)] });

const button: Schema = {
  type: "object",
  required: ["type", "text"],
  additionalProperties: false,
  properties: {
    type: { const: "button" },
    text: plainText(75),
    action_id: nonEmpty(255),
    value: nonEmpty(2000),
    url: { type: "string", minLength: 1, maxLength: 3000, format: "uri" },
    style: { enum: ["primary", "danger"] },
    accessibility_label: nonEmpty(75),
  },
};

const blockOf = (type: string, properties: Schema, required: string[] = []): Schema => ({
  if: { type: "object", required: ["type"], properties: { type: { const: type } } },
  then: { type: "object", required: ["type", ...required], additionalProperties: false, properties: { type: { const: type }, block_id: blockId, ...properties } },
});

const plainTextInput: Schema = {
  type: "object",
  required: ["type"],
  additionalProperties: false,
  properties: {
    type: { const: "plain_text_input" },
    action_id: nonEmpty(255),
    initial_value: { type: "string" },
    multiline: { type: "boolean" },
    min_length: { type: "integer", minimum: 0, maximum: 3000 },
    max_length: { type: "integer", minimum: 1, maximum: 3000 },
    placeholder: plainText(150),
    focus_on_load: { type: "boolean" },
    dispatch_action_config: { type: "object" },
  },
};

/** Each block type's rules, applied when a block has that type. */
const BLOCK_RULES: Record<string, Schema[]> = {
  header: [blockOf("header", { text: plainText(150) }, ["text"])],
  section: [
    blockOf("section", { text: textObject(3000), fields: { type: "array", minItems: 1, maxItems: 10, items: textObject(2000) }, accessory: button }),
    // "text … not required if a valid array of fields objects is provided instead"
    { if: { properties: { type: { const: "section" } } }, then: { anyOf: [{ required: ["text"] }, { required: ["fields"] }] } },
  ],
  context: [blockOf("context", { elements: { type: "array", minItems: 1, maxItems: 10, items: textObject(3000) } }, ["elements"])],
  actions: [blockOf("actions", { elements: { type: "array", minItems: 1, maxItems: 25, items: button } }, ["elements"])],
  divider: [blockOf("divider", {})],
  // Only the element a modal of ours uses; Slack has others (selects, date pickers, …).
  input: [blockOf("input", { label: plainText(2000), element: plainTextInput, hint: plainText(2000), optional: { type: "boolean" }, dispatch_action: { type: "boolean" } }, ["label", "element"])],
};

/** A block of one of `types`; any other type is refused as unknown to the fake. */
const blockAmong = (types: string[]): Schema => ({
  type: "object",
  required: ["type"],
  properties: { type: { enum: types } },
  allOf: types.flatMap((type) => BLOCK_RULES[type]),
});

/** The block types a notification uses. */
const block = blockAmong(["header", "section", "context", "actions", "divider"]);

export const blocksSchema: Schema = { type: "array", minItems: 1, maxItems: 50, items: block };

/** What a message carries, common to chat.postMessage, chat.update, chat.postEphemeral and webhooks. */
const messageContent: Schema = {
  text: { type: "string", maxLength: 40000 },
  blocks: blocksSchema,
  attachments: { type: "array", maxItems: 100, items: { type: "object" } },
  mrkdwn: flag,
  parse: { enum: ["none", "full"] },
  link_names: flag,
  unfurl_links: flag,
  unfurl_media: flag,
  username: nonEmpty(80),
  icon_emoji: nonEmpty(),
  icon_url: { type: "string", format: "uri" },
};
/** "One of these arguments is required to describe the content of the message": text, attachments or blocks. */
const someContent: Schema = { anyOf: [{ required: ["text"] }, { required: ["blocks"] }, { required: ["attachments"] }] };
const channel = nonEmpty();
const token = nonEmpty();

const method = (properties: Schema, required: string[], extra: Schema = {}): Schema => ({
  type: "object",
  required,
  additionalProperties: false,
  properties: { token, ...properties },
  ...extra,
});

/** A modal as views.open takes it. */
const modalView: Schema = {
  type: "object",
  required: ["type", "title", "blocks"],
  additionalProperties: false,
  properties: {
    type: { const: "modal" },
    title: plainText(24),
    blocks: { type: "array", maxItems: 100, items: blockAmong(["header", "section", "context", "actions", "divider", "input"]) },
    close: plainText(24),
    submit: plainText(24),
    private_metadata: { type: "string", maxLength: 3000 },
    callback_id: { type: "string", maxLength: 255 },
    clear_on_close: { type: "boolean" },
    notify_on_close: { type: "boolean" },
    external_id: nonEmpty(255),
    submit_disabled: { type: "boolean" },
  },
  // "submit is required when an input block is within the blocks array"
  if: { required: ["blocks"], properties: { blocks: { type: "array", contains: { type: "object", required: ["type"], properties: { type: { const: "input" } } } } } },
  then: { required: ["submit"] },
};

export const METHOD_SCHEMAS: Record<string, Schema> = {
  "auth.test": method({}, []),
  "chat.postMessage": method(
    { ...messageContent, channel, thread_ts: ts, reply_broadcast: flag, as_user: flag, metadata: { type: "object" } },
    ["channel"],
    someContent,
  ),
  // chat.update: blocks or text (or attachments) replace the message's; the channel must be an id.
  "chat.update": method({ ...messageContent, channel, ts, reply_broadcast: flag, as_user: flag, metadata: { type: "object" } }, ["channel", "ts"], someContent),
  "chat.postEphemeral": method({ ...messageContent, channel, user: nonEmpty(), thread_ts: ts, as_user: flag }, ["channel", "user"], someContent),
  "users.lookupByEmail": method({ email: { type: "string", format: "email" } }, ["email"]),
  "users.info": method({ user: nonEmpty(), include_locale: flag }, ["user"]),
  "conversations.info": method({ channel, include_locale: flag, include_num_members: flag }, ["channel"]),
  "views.open": method({ view: modalView, trigger_id: nonEmpty(), interactivity_pointer: nonEmpty() }, ["view"], {
    oneOf: [{ required: ["trigger_id"] }, { required: ["interactivity_pointer"] }],
  }),
};

/** An incoming webhook's JSON body: a message, no token; `channel`/`username` overrides are ignored by app webhooks but accepted. */
export const WEBHOOK_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: { ...messageContent, channel },
  ...someContent,
};
