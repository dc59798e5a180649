import type { Prisma } from "@/generated/prisma/client";
import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { sendTeamsNotification } from "@/server/integrations/ms-teams/notify/send";
import { sendSlackNotification, type SlackNotifyConfig } from "@/server/integrations/slack/notify/send";
import { NotificationSendError, type NotificationContent, type SendOutcome } from "./channel";
import { recipientsOf, sendEmailNotification } from "./email-channel";
import { destinationFor } from "./rule.schema";
import { slackButtonsFor } from "./slack-actions";
import { sendInSlackThread, type KnownThreads } from "./threads";

type Rule = Prisma.NotificationRuleGetPayload<object>;

/**
 * Sends a rule's message through its channel: the one place that knows which channel code
 * renders and sends what (Slack: src/server/integrations/slack/notify, Teams:
 * src/server/integrations/ms-teams/notify, email: ./email-channel.ts). Secrets are decrypted for
 * this call only.
 */
export async function sendThroughChannel(tdb: TenantDb, rule: Rule, content: NotificationContent, options: { isTest: boolean; channels?: ChannelCache }): Promise<SendOutcome> {
  const destination = destinationFor(rule.channel, rule.destination);
  if (rule.channel === "EMAIL") return sendEmailNotification(await recipientsOf(tdb, destination), content);
  const integration = rule.integrationId ? await (options.channels ?? channelCache(tdb)).integration(rule.integrationId) : null;
  if (!integration) throw new NotificationSendError("The rule's integration no longer exists: choose another", { permanent: true });
  if (!integration.isActive) throw new NotificationSendError("The rule's integration is switched off", { permanent: true });
  const { secrets, config } = integration;
  // A Slack bot threads what it says about one record (a test is about none).
  if (rule.channel === "SLACK" && secrets.botToken && content.subject && !options.isTest) {
    return sendInSlackThread(tdb, rule, { config: config as SlackNotifyConfig, secrets, content, channel: destination.channel, buttons: slackButtonsFor(content) }, options.channels?.threads);
  }
  return sendToPlatform(rule.channel, { config, secrets, content, destination });
}

/**
 * The integrations one delivery group sends through, read (and their secrets decrypted) once for
 * the group rather than once per message: a group is one dataspace's messages due together, often
 * many rules on one Slack.
 */
export type ChannelCache = {
  integration(id: string): Promise<{ isActive: boolean; config: Record<string, unknown>; secrets: Record<string, string> } | null>;
  /** Slack threads of the group's (rule, record) pairs, read at once (threads.ts). */
  threads: KnownThreads;
};

export function channelCache(tdb: TenantDb, threads: KnownThreads = new Map()): ChannelCache {
  const read = new Map<string, ReturnType<ChannelCache["integration"]>>();
  return {
    threads,
    integration(id) {
      let found = read.get(id);
      if (!found) {
        found = (async () => {
          const row = await tdb.integration.findFirst({ where: { id }, select: { id: true, isActive: true, config: true } });
          return row ? { isActive: row.isActive, config: (row.config ?? {}) as Record<string, unknown>, secrets: await loadIntegrationSecrets(tdb, row.id) } : null;
        })();
        read.set(id, found);
      }
      return found;
    },
  };
}

type PlatformSend = { config: Record<string, unknown>; secrets: Record<string, string>; content: NotificationContent; destination: { channel?: string } };

function sendToPlatform(channel: "SLACK" | "TEAMS", input: PlatformSend): Promise<SendOutcome> {
  if (channel === "SLACK") return sendSlackNotification({ config: input.config as SlackNotifyConfig, secrets: input.secrets, content: input.content, channel: input.destination.channel });
  const webhookUrl = input.secrets.webhookUrl;
  if (!webhookUrl) throw new NotificationSendError("The Teams integration has no Workflows webhook URL to post to", { permanent: true });
  return sendTeamsNotification({ webhookUrl, content: input.content });
}
