import { STATUS_CODES } from "node:http";
import { NotificationSendError, type NotificationContent, type SendOutcome } from "@/server/notifications/channel";
import { PlatformTransportError, platformFetch } from "@/server/issue-sync/platform-fetch";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";
import { adaptiveCardOf, workflowsMessageOf } from "./card";

/**
 * Posts a notification to a channel through its Teams Workflows webhook URL, over the guarded
 * transport (a dataspace admin chose the URL: private addresses are refused unless the operator
 * allow-listed them). Workflows answers 202 Accepted and no message id, so a Teams message can be
 * neither updated nor threaded: follow-ups are new messages.
 *
 * An old Office 365 connector URL (`*.webhook.office.com/webhookb2/…`) is posted to the same way:
 * Microsoft retired those connectors, but some tenants keep them for a while; the config help
 * says to use a Workflows URL.
 */
export async function sendTeamsNotification(options: { webhookUrl: string; content: NotificationContent }): Promise<SendOutcome> {
  const body = JSON.stringify(workflowsMessageOf(adaptiveCardOf(options.content)));
  let answer: Response;
  try {
    answer = await platformFetch(options.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
  } catch (error) {
    throw transportFailure(error);
  }
  const text = await answer.text();
  if (answer.ok) return { providerMessageId: null, conversationId: null, answer: `${answer.status} ${STATUS_CODES[answer.status] ?? ""}`.trim() };
  throw refusal(answer, text);
}

function transportFailure(error: unknown): NotificationSendError {
  const message = error instanceof Error ? error.message : String(error);
  // A refused address or a malformed URL will be refused again; a timeout or a reset may pass next time.
  if (error instanceof PlatformTransportError && (error.kind === "forbidden_address" || error.kind === "invalid_url")) {
    return new NotificationSendError(`Teams could not be called: ${message}`, { permanent: true });
  }
  return new NotificationSendError(`Teams could not be reached: ${message}`, { permanent: false });
}

function refusal(answer: Response, text: string): NotificationSendError {
  const status = answer.status;
  const said = `${status}: ${(messageOf(text) || STATUS_CODES[status] || "no message").replace(/\.$/, "")}`;
  if (status === 429) {
    const wait = parseRetryAfter(answer.headers.get("retry-after"), new Date());
    return new NotificationSendError(`Teams is throttling this webhook (${said})`, { permanent: false, retryAfterMs: wait });
  }
  if (status >= 500 || status === 408) return new NotificationSendError(`Teams failed (${said}); retrying later`, { permanent: false });
  if ([401, 403, 404, 410].includes(status)) {
    return new NotificationSendError(
      `the Workflows URL was revoked or is wrong: ${said}. Create a new one in Teams (channel → Workflows → "Post to a channel when a webhook request is received") and paste it into webhookUrl.`,
      { permanent: true },
    );
  }
  if (status >= 300 && status < 400) {
    return new NotificationSendError(`the webhook URL redirects (${status}), which is not followed: use the Workflows URL itself`, { permanent: true });
  }
  return new NotificationSendError(`Teams refused the card (${said})`, { permanent: true });
}

/** Workflows (Logic Apps) answers errors as `{"error": {"code", "message"}}`; the old connectors in plain text. */
function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; code?: unknown }; message?: unknown };
    const message = parsed.error?.message ?? parsed.message;
    if (typeof message === "string") return message.slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 500);
}
