import type { NotificationContent } from "@/server/notifications/channel";

/**
 * A notification as a Slack message: Block Kit blocks and the top-level `text` Slack shows in
 * notifications and reads to screen readers. Whatever the content, the message stays inside
 * Block Kit's limits (LIMITS), so Slack never refuses it for its size; and every piece of user text
 * in mrkdwn is escaped (&, <, >), so an event cannot mention `<!channel>` or hide a link.
 */

/** Block Kit's limits that the message can reach (Slack refuses a message past any of them). */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3_000,
  fields: 10,
  fieldText: 2_000,
  contextText: 3_000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  /** The top-level `text` (chat.postMessage's msg_too_long past it). */
  messageText: 40_000,
} as const;

export type SlackButton = { actionId: string; text: string; value: string; style?: "primary" | "danger" };

type TextObject = { type: "plain_text"; text: string; emoji?: boolean } | { type: "mrkdwn"; text: string };
type ButtonElement = { type: "button"; text: TextObject; action_id: string; value?: string; url?: string; style?: "primary" | "danger" };
export type SlackBlock =
  | { type: "header"; text: TextObject }
  | { type: "section"; text?: TextObject; fields?: TextObject[] }
  | { type: "context"; elements: TextObject[] }
  | { type: "actions"; elements: ButtonElement[] };
export type SlackMessage = { text: string; blocks: SlackBlock[] };

const TONE_EMOJI: Record<NotificationContent["tone"], string> = {
  critical: ":rotating_light:",
  warning: ":warning:",
  good: ":white_check_mark:",
  info: ":information_source:",
};

/** The button that opens the record; its action_id lets an interaction handler tell it from the others (Slack sends link clicks too). */
export const OPEN_BUTTON_ACTION_ID = "open_in_switchboard";

export function slackMessageOf(content: NotificationContent, options: { buttons?: SlackButton[] } = {}): SlackMessage {
  const title = clean(content.title, LIMITS.sectionText).trim() || "(no title)";
  const body = clean(content.text, LIMITS.sectionText).trim();
  const blocks: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: cut(`${TONE_EMOJI[content.tone]} ${title}`, LIMITS.headerText), emoji: true } }];
  if (body) blocks.push({ type: "section", text: mrkdwn(escapeMrkdwn(body), LIMITS.sectionText) });
  if (content.digest) blocks.push({ type: "section", text: mrkdwn(digestLine(content.digest), LIMITS.sectionText) });
  const facts = content.facts.slice(0, LIMITS.fields).map((fact) => {
    const name = clean(fact.name, LIMITS.fieldText).trim() || "—";
    const value = clean(fact.value, LIMITS.fieldText).trim() || "—";
    return mrkdwn(`*${escapeMrkdwn(name)}*\n${escapeMrkdwn(value)}`, LIMITS.fieldText);
  });
  if (facts.length > 0) blocks.push({ type: "section", fields: facts });
  const buttons = buttonsOf(content.url, options.buttons ?? []);
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  blocks.push({ type: "context", elements: [mrkdwn(contextLine(content), LIMITS.contextText)] });
  return { text: fallbackText(title, body, content), blocks: blocks.slice(0, LIMITS.blocks) };
}

/**
 * Slack's mrkdwn escaping: these three only (https://docs.slack.dev/messaging/formatting-message-text#escaping).
 * `<` and `>` would otherwise open a mention (`<!channel>`, `<@U…>`) or a link (`<https://…|text>`).
 */
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Text as Slack can take it: lone surrogates become U+FFFD (the form encoding of @slack/web-api
 * throws on them) and control characters but tab and newline are dropped (NUL and the like show
 * as nothing useful and some clients choke on them). Only what can be shown is kept (`max`
 * characters and one more, so `cut` still marks the cut): escaping only lengthens text, and a
 * 10 MB event field should not be escaped whole to show 3 000 characters of it.
 */
function clean(value: string, max: number = LIMITS.messageText): string {
  // eslint-disable-next-line no-control-regex
  return value.slice(0, max + 1).toWellFormed().replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * At most `max` UTF-16 units, ending in "…" when cut (Slack counts characters; a unit count is
 * never smaller), never splitting a surrogate pair or an escape such as `&amp;`.
 */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let kept = value.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  kept = kept.replace(/&[a-z]{0,3}$/, "");
  return `${kept}…`;
}

function mrkdwn(escaped: string, max: number): TextObject {
  return { type: "mrkdwn", text: cut(escaped, max) };
}

function digestLine(digest: NonNullable<NotificationContent["digest"]>): string {
  const types = digest.eventTypes.slice(0, 21).map((type) => `\`${escapeMrkdwn(clean(type, 200)).replace(/`/g, "'")}\``);
  const more = digest.eventTypes.length - 20;
  const shown = types.slice(0, 20).join(", ") + (more > 0 ? ` and ${more} more type${more === 1 ? "" : "s"}` : "");
  const events = `${digest.count} event${digest.count === 1 ? "" : "s"}`;
  return `*${events}* folded by the rule's throttle between ${when(digest.since)} and ${when(digest.until)}${shown ? `: ${shown}` : ""}.`;
}

/** "2026-12-07 12:00:05 UTC" for an ISO instant; anything else as given, escaped. */
function when(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return escapeMrkdwn(clean(value, 100));
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function contextLine(content: NotificationContent): string {
  const state = content.subject?.state ? ` · ${escapeMrkdwn(clean(content.subject.state, 200))}` : "";
  return `Switchboard · \`${escapeMrkdwn(clean(content.eventType, 200)).replace(/`/g, "'")}\`${state}`;
}

function buttonsOf(url: string | null, extra: SlackButton[]): ButtonElement[] {
  const elements: ButtonElement[] = [];
  const seen = new Set<string>();
  const link = url ? linkOf(url) : null;
  if (link) {
    elements.push({ type: "button", text: plain("Open in Switchboard", LIMITS.buttonText), action_id: OPEN_BUTTON_ACTION_ID, url: link });
    seen.add(OPEN_BUTTON_ACTION_ID);
  }
  for (const button of extra) {
    const actionId = cut(clean(button.actionId, LIMITS.actionId).trim(), LIMITS.actionId);
    if (!actionId || seen.has(actionId)) continue; // Slack wants action_ids unique within a block
    seen.add(actionId);
    const value = cut(clean(button.value, LIMITS.buttonValue), LIMITS.buttonValue);
    elements.push({
      type: "button",
      text: plain(clean(button.text, LIMITS.buttonText).trim() || actionId, LIMITS.buttonText),
      action_id: actionId,
      ...(value ? { value } : {}),
      ...(button.style ? { style: button.style } : {}),
    });
  }
  return elements.slice(0, LIMITS.actionsElements);
}

/** An http(s) URL short enough for a button, or null: a record without a usable link gets no button. */
function linkOf(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  return parsed.href.length <= LIMITS.buttonUrl ? parsed.href : null;
}

function plain(text: string, max: number): TextObject {
  return { type: "plain_text", text: cut(text, max), emoji: true };
}

/** What a notification and a screen reader show: the title, the text, then the digest line and the facts. */
function fallbackText(title: string, body: string, content: NotificationContent): string {
  const lines = [cut(escapeMrkdwn(title), LIMITS.sectionText)];
  if (body) lines.push(cut(escapeMrkdwn(body), LIMITS.sectionText));
  if (content.digest) lines.push(digestLine(content.digest).replace(/\*/g, ""));
  for (const fact of content.facts.slice(0, LIMITS.fields)) {
    lines.push(cut(`${escapeMrkdwn(clean(fact.name, LIMITS.fieldText))}: ${escapeMrkdwn(clean(fact.value, LIMITS.fieldText))}`, LIMITS.fieldText));
  }
  return cut(lines.join("\n"), LIMITS.messageText);
}
