import type { IntegrationType } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import { datadog } from "./datadog";
import { forgejo } from "./forgejo";
import { github } from "./github";
import { gitlab } from "./gitlab";
import { jira } from "./jira";
import { msTeams } from "./ms-teams";
import { newRelic } from "./new-relic";
import type { IntegrationProvider } from "./provider";
import { slack } from "./slack";
import { sourcehut } from "./sourcehut";
import { statuspage } from "./statuspage";
import { webhook } from "./webhook";

/**
 * Each provider is typed by its own config; callers hold configs as plain records that the
 * provider's `configSchema` validates at run time, so the registry hands out the erased type.
 */
function erased<Config extends Record<string, unknown>>(provider: IntegrationProvider<Config>): IntegrationProvider {
  return provider as unknown as IntegrationProvider;
}

// Typed by the enum, so a new IntegrationType without a provider does not compile;
// registry.test.ts checks each provider's own `type` matches its key.
const BY_TYPE: Readonly<Record<IntegrationType, IntegrationProvider>> = {
  GITHUB: erased(github),
  GITLAB: erased(gitlab),
  FORGEJO: erased(forgejo),
  SOURCEHUT: erased(sourcehut),
  JIRA: erased(jira),
  SLACK: erased(slack),
  MS_TEAMS: erased(msTeams),
  DATADOG: erased(datadog),
  NEW_RELIC: erased(newRelic),
  STATUSPAGE: erased(statuspage),
  WEBHOOK: erased(webhook),
};

/** Every provider, in the order the dashboard's type picker shows them. */
export const PROVIDERS: readonly IntegrationProvider[] = Object.values(BY_TYPE);

/** The provider of an integration type; an unknown type (bad input) is a 400. */
export function providerFor(type: IntegrationType): IntegrationProvider {
  const provider = Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type] : undefined;
  if (!provider) throw new AppError("BAD_REQUEST", `Unknown integration type "${String(type)}"`);
  return provider;
}
