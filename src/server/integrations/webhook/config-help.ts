import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const webhookConfigHelp = {
  signingSecret: { help: "A Standard Webhooks secret: \"whsec_\" and 24 to 64 random bytes in base64. The sender signs with it." },
  eventTypeField: { help: "The top-level payload field that names the event; \"type\" by default.", example: "type" },
} satisfies ConfigHelp;
