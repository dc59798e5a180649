import type { IntegrationProvider, MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { clip, compact, str } from "../shared/read";
import { slackConfigSchema, type SlackConfig } from "./config";
import { slackConfigHelp } from "./config-help";
import { decodeSlackForm, isFormPayloadType, mapSlackForm, validateSlackForm } from "./forms";
import { validateSlackPayload } from "./payloads";
import { verifySlack } from "./verify";

function mapSlackEvent(type: string, payload: unknown): MappedEvent | null {
  if (isFormPayloadType(str(payload, "type"))) return mapSlackForm(type, payload);
  // The handshake (see below) is no event of the workspace.
  if (str(payload, "type") !== "event_callback") return null;
  const text = str(payload, "event.text");
  const summary = {
    team: str(payload, "team_id"),
    channel: str(payload, "event.channel"),
    actor: str(payload, "event.user") ?? null,
    text: clip(text),
    ts: str(payload, "event.ts"),
  };
  return { type: eventType("slack", type), summary: compact(summary) };
}

export const slack = {
  type: "SLACK",
  label: "Slack",
  configSchema: slackConfigSchema,
  configHelp: slackConfigHelp,
  // The incoming-webhook URL is a credential too: anyone holding it can post to the channel.
  secretFields: ["signingSecret", "botToken", "webhookUrl", "webhook_url"],
  inbound: {
    verify: verifySlack,
    // Events API: the wrapped event's type (`message`, `app_mention`); the handshake is
    // `url_verification`. event_id is the same on Slack's retries. Form posts: the interaction's
    // type or `slash_command`, told apart by their trigger_id.
    envelope: (_request, payload) => ({
      eventType: str(payload, "type") === "event_callback" ? (str(payload, "event.type") ?? "") : (str(payload, "type") ?? ""),
      deliveryId: str(payload, "event_id") ?? str(payload, "trigger_id") ?? null,
    }),
    decodeForm: decodeSlackForm,
    validate: (eventType, payload) => (isFormPayloadType(str(payload, "type")) ? validateSlackForm(payload) : validateSlackPayload(eventType, payload)),
    // The Events API checks a new Request URL with a signed url_verification and accepts it only
    // if the challenge comes back.
    handshake: (payload) => {
      const challenge = str(payload, "challenge");
      return str(payload, "type") === "url_verification" && challenge !== undefined ? { challenge } : null;
    },
    map: ({ eventType: type, payload }) => mapSlackEvent(type, payload),
    // Slash commands and interactivity: an empty 200, or Slack shows the answer to the user.
    silentAcknowledgement: (payload) => isFormPayloadType(str(payload, "type")),
    setupInstructions: (url) => [
      "At api.slack.com/apps, open your Slack app (or create one) → Basic Information, and copy its Signing Secret into signingSecret here.",
      "Event Subscriptions → Enable Events.",
      `Request URL: ${url} — Slack checks it at once with a signed url_verification request, answered here.`,
      "Subscribe to bot events, e.g. message.channels and app_mention, then Save Changes and reinstall the app to the workspace.",
      `For buttons and modals: Interactivity & Shortcuts → Request URL ${url}. For slash commands: Slash Commands → each command's Request URL ${url}.`,
      "To post notifications as the app (any channel, threads, message updates, buttons): OAuth & Permissions → Bot Token Scopes chat:write (chat:write.public to post in public channels without inviting the app; users:read and users:read.email so a button click is done as the member with the same email), install the app, and paste its Bot User OAuth Token (xoxb-…) into botToken. Invite the app to private channels (/invite @app).",
      "Or, to only post to one channel: Features → Incoming Webhooks → Add New Webhook, and paste its https://hooks.slack.com/services/… URL into webhookUrl. An incoming webhook cannot choose the channel, reply in a thread or update a message.",
    ],
  },
} satisfies IntegrationProvider<SlackConfig>;
