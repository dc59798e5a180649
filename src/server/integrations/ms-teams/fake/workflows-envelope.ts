import { z } from "zod";
import { adaptiveCardErrors } from "./card-schema";

/**
 * What a Teams Workflows webhook trigger takes: the envelope of the "Post to a channel when a
 * webhook request is received" template, whose flow posts each attachment's card to the channel.
 * Anything else in the envelope, another content type, or a card the official Adaptive Card 1.5
 * schema refuses, is a request the real service would not turn into a message.
 */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/** Teams refuses a message larger than this. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;
/** The newest Adaptive Card version Teams renders; a later one shows only its fallback text. */
const NEWEST_TEAMS_CARD_VERSION = [1, 5];

const envelope = z.strictObject({
  type: z.literal("message"),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal(ADAPTIVE_CARD_CONTENT_TYPE),
        contentUrl: z.null().optional(),
        content: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1, "attachments must hold at least one card"),
});

export type CheckedEnvelope = { ok: true; cards: Record<string, unknown>[] } | { ok: false; errors: string[] };

export function checkWorkflowsEnvelope(body: unknown): CheckedEnvelope {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `/${issue.path.join("/")}: ${issue.message}`) };
  const errors: string[] = [];
  parsed.data.attachments.forEach(({ content }, i) => {
    const at = `/attachments/${i}/content`;
    for (const error of adaptiveCardErrors(content)) errors.push(`${at}${error.startsWith("card ") ? error.slice(4) : error}`);
    const version = typeof content.version === "string" ? content.version.split(".").map(Number) : null;
    if (!version) errors.push(`${at}/version is required on the top-level card`);
    else if (version[0] > NEWEST_TEAMS_CARD_VERSION[0] || (version[0] === NEWEST_TEAMS_CARD_VERSION[0] && (version[1] ?? 0) > NEWEST_TEAMS_CARD_VERSION[1])) {
      errors.push(`${at}/version ${String(content.version)} is newer than Teams renders (1.5)`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cards: parsed.data.attachments.map((a) => a.content) };
}
