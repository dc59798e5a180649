import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const statuspageConfigHelp = {
  pageId: { help: "The page's id, shown under API info (12 lower-case letters and digits; not its URL).", example: "gytm4qzbx9t6" },
  apiKey: {
    help: "A Statuspage API key (API info → API keys), needed to update the page: without it the integration only receives Statuspage's notifications. Its user needs the page roles for what is synced (components, incidents, maintenances).",
  },
  webhookSecret: { help: "For receiving Statuspage's notifications: a secret Statuspage sends in the subscriber URL (see the setup steps). At least 16 characters; a long random string is best." },
  componentMapping: {
    help: 'Which Statuspage component follows which service: {"<service id>": "<component id>"}. Pick them on the integration page (Outbound sync → Components), which lists the page\'s components live.',
  },
  publishIncidents: { help: "Incidents of mapped services become Statuspage incidents (created, updated, resolved). Default false." },
  publishMaintenances: { help: "Maintenance windows become scheduled Statuspage maintenances with their times. Default false." },
  notifySubscribers: { help: "Whether published incidents and maintenances notify the page's subscribers (deliver_notifications). Default false." },
  reconcileIntervalMinutes: { help: "How often the scheduled reconcile compares services with their components and repairs drift (minutes, 1–1440). Default 5." },
  direction: {
    help: 'What the reconcile does with drift: "push" (default) sets components to their services\' status; "pull" sets services to their components\' status; "report" changes nothing and records the drift.',
  },
} satisfies ConfigHelp;
