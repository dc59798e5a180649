import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const msTeamsConfigHelp = {
  hmacSecret: {
    help: "Only to receive @mentions: the security token Teams shows once when the outgoing webhook is created (base64). Leave it out for an integration that only posts notifications.",
  },
  webhookUrl: {
    help:
      'To post notifications: a Workflows webhook URL. In Teams, open the channel → ⋯ → Workflows → "Post to a channel when a webhook request is received", finish the template and copy the URL it shows. ' +
      "Office 365 connector URLs (…webhook.office.com/webhookb2/…) are retired by Microsoft: replace them with a Workflows URL.",
  },
} satisfies ConfigHelp;
