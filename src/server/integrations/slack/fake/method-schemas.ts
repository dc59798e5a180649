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

/** The block types a notification uses; any other type is refused as unknown to the fake. */
const block: Schema = {
  type: "object",
  required: ["type"],
  properties: { type: { enum: ["header", "section", "context", "actions", "divider"] } },
  allOf: [
    blockOf("header", { text: plainText(150) }, ["text"]),
    blockOf("section", { text: textObject(3000), fields: { type: "array", minItems: 1, maxItems: 10, items: textObject(2000) }, accessory: button }),
    // "text … not required if a valid array of fields objects is provided instead"
    { if: { properties: { type: { const: "section" } } }, then: { anyOf: [{ required: ["text"] }, { required: ["fields"] }] } },
    blockOf("context", { elements: { type: "array", minItems: 1, maxItems: 10, items: textObject(3000) } }, ["elements"]),
    blockOf("actions", { elements: { type: "array", minItems: 1, maxItems: 25, items: button } }, ["elements"]),
    blockOf("divider", {}),
  ],
};

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
};

/** An incoming webhook's JSON body: a message, no token; `channel`/`username` overrides are ignored by app webhooks but accepted. */
export const WEBHOOK_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: { ...messageContent, channel },
  ...someContent,
};
