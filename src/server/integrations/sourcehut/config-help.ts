import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const sourcehutConfigHelp = {
  repository: { help: "The repository, \"~owner/name\".", example: "~owner/name" },
  baseUrl: { help: "The git.sr.ht instance; https://git.sr.ht unless self-hosted." },
  publicKey: { help: "The instance's Ed25519 webhook key (base64). Defaults to sr.ht's published key." },
  token: { help: "A personal access token, only needed to act on sr.ht." },
} satisfies ConfigHelp;
