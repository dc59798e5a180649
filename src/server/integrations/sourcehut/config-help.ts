import { ISSUE_SYNC_HELP } from "@/server/issue-sync/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const sourcehutConfigHelp = {
  repository: { help: "The git.sr.ht repository, \"~owner/name\" (its push webhooks). Needed unless tracker is set.", example: "~owner/name" },
  baseUrl: { help: "The git.sr.ht instance; https://git.sr.ht unless self-hosted." },
  todoUrl: { help: "Optional: the todo.sr.ht instance, https://todo.sr.ht unless self-hosted. Its GraphQL API (<todoUrl>/query) is what issue sync calls.", example: "https://todo.sr.ht" },
  tracker: {
    help: "The todo.sr.ht tracker, \"~owner/tracker-name\": its ticket webhooks are received, and issue sync creates and follows tickets there. Needed for issueSync.",
    example: "~owner/tracker-name",
  },
  publicKey: { help: "The instance's Ed25519 webhook key (base64). Defaults to sr.ht's published key." },
  token: {
    help:
      "A personal access token (meta.sr.ht/oauth2), only needed to act on sr.ht. For issue sync: limited to todo.sr.ht with PROFILE:RO, TRACKERS:RW (RO when its labels exist; only the tracker's owner can make labels) and TICKETS:RW, and EVENTS:RO to register the tracker webhook.",
  },
  issueSync: ISSUE_SYNC_HELP,
} satisfies ConfigHelp;
