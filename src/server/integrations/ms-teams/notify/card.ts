import type { NotificationContent } from "@/server/notifications/channel";

/**
 * A notification as an Adaptive Card 1.5, the newest version Teams renders, and the envelope a
 * Teams Workflows webhook trigger ("When a Teams webhook request is received") takes.
 *
 * Teams refuses a message over 28 KB. Every string is cut to a bound, after control characters
 * are dropped and lone surrogates replaced (so a character costs at most 4 bytes of JSON, as an
 * emoji does): with at most 10 facts the envelope stays under MAX_ENVELOPE_BYTES whatever the
 * event said (card.test.ts checks that on arbitrary strings and on the worst case).
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;
/** Ours, with room left for what Teams adds around the card. */
export const MAX_ENVELOPE_BYTES = 24 * 1024;

// In characters (code points, at most 4 bytes of JSON each); the URL in bytes, as sent.
const LIMITS = { title: 200, text: 1_500, factName: 60, factValue: 200, facts: 10, eventTypes: 10, eventType: 60, url: 1_500 } as const;
const COLOUR_OF_TONE = { critical: "attention", warning: "warning", good: "good", info: "default" } as const;

export type AdaptiveCard = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  type: "AdaptiveCard";
  version: "1.5";
  body: CardElement[];
  actions?: { type: "Action.OpenUrl"; title: string; url: string }[];
};
type CardElement =
  | { type: "TextBlock"; text: string; wrap: true; weight?: "bolder"; size?: "medium" | "small"; color?: string; isSubtle?: true; spacing?: "small" }
  | { type: "FactSet"; facts: { title: string; value: string }[] };

export type WorkflowsMessage = {
  type: "message";
  attachments: { contentType: "application/vnd.microsoft.card.adaptive"; contentUrl: null; content: AdaptiveCard }[];
};

export function adaptiveCardOf(content: NotificationContent): AdaptiveCard {
  const title = clip(content.title, LIMITS.title) || clip(content.eventType, LIMITS.title) || "Switchboard notification";
  const body: CardElement[] = [{ type: "TextBlock", text: title, weight: "bolder", size: "medium", wrap: true, color: COLOUR_OF_TONE[content.tone] }];
  const text = clip(content.text, LIMITS.text);
  if (text) body.push({ type: "TextBlock", text, wrap: true });
  if (content.digest) body.push(...digestBlocks(content.digest));
  const facts = content.facts.slice(0, LIMITS.facts).map((fact) => ({ title: clip(fact.name, LIMITS.factName), value: clip(fact.value, LIMITS.factValue) }));
  if (facts.length > 0) body.push({ type: "FactSet", facts });
  const card: AdaptiveCard = { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.5", body };
  const url = openableUrl(content.url);
  if (url) card.actions = [{ type: "Action.OpenUrl", title: "Open in Switchboard", url }];
  return card;
}

export function workflowsMessageOf(card: AdaptiveCard): WorkflowsMessage {
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

function digestBlocks(digest: NonNullable<NotificationContent["digest"]>): CardElement[] {
  const count = Math.max(0, Math.trunc(digest.count));
  const folded = `${count} ${count === 1 ? "event" : "events"} folded by the rule's throttle between ${when(digest.since)} and ${when(digest.until)}.`;
  const types = digest.eventTypes.slice(0, LIMITS.eventTypes).map((type) => clip(type, LIMITS.eventType));
  const more = digest.eventTypes.length - types.length;
  const blocks: CardElement[] = [{ type: "TextBlock", text: folded, wrap: true, isSubtle: true, spacing: "small" }];
  if (types.length > 0) {
    const list = `Event types: ${types.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
    blocks.push({ type: "TextBlock", text: list, wrap: true, isSubtle: true, size: "small" });
  }
  return blocks;
}

/** An ISO time as "2026-12-07 13:00:05 UTC"; anything else as given (cut). */
function when(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return clip(value, 40) || "?";
  return new Date(time).toISOString().replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

/** Only an absolute http(s) URL makes an action Teams can open; another is left out rather than refused. */
function openableUrl(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  const href = url.toString();
  return (url.protocol === "https:" || url.protocol === "http:") && href.length <= LIMITS.url ? href : null;
}

/**
 * Well-formed and bounded: control characters other than tab and line break dropped (a NUL
 * renders as nothing useful and some clients choke on it), lone surrogates replaced, then cut to
 * `max` characters with "…", never inside a surrogate pair.
 */
function clip(value: string, max: number): string {
  const clean = value.toWellFormed().replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();
  const characters = Array.from(clean);
  return characters.length <= max ? clean : `${characters.slice(0, max - 1).join("").trimEnd()}…`;
}
