import type { InboundRequest, IntegrationProvider, MappedEvent, Verification } from "../provider";
import { eventType } from "../shared/event-type";
import { header } from "../shared/headers";
import { clip, compact, firstStr, str } from "../shared/read";
import { hmacSha256, refuse, safeEqual, VERIFIED } from "../shared/signatures";
import { msTeamsConfigSchema, type MsTeamsConfig } from "./config";
import { msTeamsConfigHelp } from "./config-help";
import { validateMsTeamsPayload } from "./payloads";

const AUTHORIZATION = /^HMAC ([A-Za-z0-9+/]{43}=)$/;

/**
 * `Authorization: HMAC <base64 HMAC-SHA256 of the body>`, keyed by the base64-decoded security
 * token Teams showed when the outgoing webhook was created.
 */
function verifyTeams(request: InboundRequest, secrets: Readonly<Record<string, string>>): Verification {
  const secret = secrets.hmacSecret;
  if (!secret) return refuse("no HMAC security token is configured for this integration");
  const authorization = header(request, "authorization");
  if (!authorization) return refuse("the Authorization header is missing");
  const match = AUTHORIZATION.exec(authorization);
  if (!match) return refuse('Authorization must look like "HMAC <base64 HMAC-SHA256>"');
  return safeEqual(Buffer.from(match[1], "base64"), hmacSha256(Buffer.from(secret, "base64"), request.rawBody))
    ? VERIFIED
    : refuse("the Authorization HMAC does not match the body signed with the configured security token");
}

function mapTeamsEvent(type: string, payload: unknown): MappedEvent {
  const text = str(payload, "text");
  const summary = {
    team: str(payload, "channelData.team.id"),
    channel: firstStr(payload, "channelData.channel.id", "conversation.id"),
    actor: str(payload, "from.name") ?? null,
    text: clip(text),
  };
  return { type: eventType("ms_teams", type), summary: compact(summary) };
}

export const msTeams = {
  type: "MS_TEAMS",
  label: "Microsoft Teams",
  configSchema: msTeamsConfigSchema,
  configHelp: msTeamsConfigHelp,
  // The Workflows URL is a credential too: its `sig` lets anyone holding it post to the channel.
  secretFields: ["hmacSecret", "webhookUrl"],
  inbound: {
    verify: verifyTeams,
    envelope: (_request, payload) => ({ eventType: str(payload, "type") ?? "", deliveryId: str(payload, "id") ?? null }),
    validate: validateMsTeamsPayload,
    map: ({ eventType: type, payload }) => mapTeamsEvent(type, payload),
    setupInstructions: (url) => [
      'To post notifications: in Teams, open the channel → ⋯ → Workflows → "Post to a channel when a webhook request is received", finish the template, and paste the URL it shows into webhookUrl.',
      "Office 365 connectors (…webhook.office.com/webhookb2/… URLs) are retired by Microsoft: if webhookUrl still holds one, replace it with a Workflows URL.",
      "Workflows cannot update or thread a message: every notification, follow-ups included, is a new message in the channel.",
      "To receive @mentions as well (optional): open the team → ⋯ → Manage team → Apps → Create an outgoing webhook.",
      `Callback URL: ${url}`,
      "Give it a name (that is what people @mention) and create it; Teams then shows a security token once: paste it into hmacSecret here.",
      "Messages that @mention the webhook in that team's channels arrive as ms_teams.message events; without hmacSecret every inbound request is refused.",
    ],
  },
} satisfies IntegrationProvider<MsTeamsConfig>;
