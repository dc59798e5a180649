import { ErrorCode as WebApiErrorCode, type WebAPIHTTPError, type WebAPIPlatformError, type WebAPIRateLimitedError, type WebAPIRequestError } from "@slack/web-api";
import { ErrorCode as WebhookErrorCode, type IncomingWebhookHTTPError, type IncomingWebhookRequestError } from "@slack/webhook";
import { NotificationSendError } from "@/server/notifications/channel";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";

/**
 * Slack's failures as NotificationSendError: permanent when sending again cannot help (the
 * rule is marked failing with Slack's own words), retryable otherwise, after Retry-After when
 * Slack gave one. Error names and meanings from https://docs.slack.dev/reference/methods/chat.postMessage#errors
 * and https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks#handling_errors.
 */

/** What each permanent error means to the admin who has to fix it. */
const MEANINGS: Record<string, string> = {
  channel_not_found: "the channel does not exist or the app cannot see it",
  expired_trigger_id: "the click is more than 3 seconds old: Slack opens a form only right after it",
  exchanged_trigger_id: "that click already opened a form",
  invalid_trigger_id: "the click's trigger is not one Slack issued",
  not_in_channel: "the app is not in the channel: invite it, or grant the chat:write.public scope",
  is_archived: "the channel is archived",
  channel_is_archived: "the channel is archived",
  invalid_auth: "the bot token is not valid",
  not_authed: "no bot token was sent",
  account_inactive: "the token belongs to a deleted user or workspace",
  token_revoked: "the bot token was revoked",
  token_expired: "the bot token expired",
  no_permission: "the token lacks the permission",
  missing_scope: "the bot token lacks a scope this needs",
  invalid_blocks: "Slack refused the message's blocks",
  invalid_blocks_format: "the blocks are not valid JSON",
  invalid_arguments: "Slack refused the call's arguments",
  msg_too_long: "the message text is too long",
  no_text: "the message has no text",
  restricted_action: "a workspace preference forbids the app to post there",
  ekm_access_denied: "the workspace's administrators have suspended posting",
  team_access_not_granted: "the token has no access to the workspace",
  thread_not_found: "the thread's first message no longer exists",
  message_not_found: "the message to update no longer exists",
  cant_update_message: "the app may update only its own messages",
  edit_window_closed: "the message can no longer be edited",
  // Incoming webhooks
  invalid_payload: "the webhook refused the message as malformed",
  invalid_token: "the webhook URL is not valid",
  action_prohibited: "a workspace administrator restricted this webhook",
  no_service: "the webhook was removed or disabled",
  no_service_id: "the webhook URL is incomplete",
  no_team: "the webhook URL names no workspace",
  team_disabled: "the workspace is disabled",
  posting_to_general_channel_denied: "only workspace admins may post to #general",
  user_not_found: "the user does not exist",
  user_not_in_channel: "the person is not in the channel",
};

/** Slack's own passing troubles: sent again, they may go through. */
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited", "rollup_error"]);

function refused(error: string): NotificationSendError {
  const meaning = MEANINGS[error];
  return new NotificationSendError(`Slack refused the message: ${error}${meaning ? ` (${meaning})` : ""}`, { permanent: !TRANSIENT.has(error) });
}

const isCoded = (error: unknown): error is Error & { code: string } => error instanceof Error && typeof (error as { code?: unknown }).code === "string";

/** A failure of the guarded transport (no answer): retried, but for an address policy refuses or a URL that is no URL. */
function transportFailure(cause: unknown, what: string): NotificationSendError {
  if (cause instanceof PlatformTransportError && ["forbidden_address", "invalid_url"].includes(cause.kind)) {
    return new NotificationSendError(`${what} is not allowed: ${cause.message}`, { permanent: true });
  }
  return new NotificationSendError(`Slack did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { permanent: false });
}

/** A Web API call's failure (bot token mode). */
export function webApiFailure(error: unknown): NotificationSendError {
  if (!isCoded(error)) return transportFailure(error, "The Slack API URL");
  switch (error.code) {
    case WebApiErrorCode.PlatformError:
      return refused(String((error as WebAPIPlatformError).data.error));
    case WebApiErrorCode.RateLimitedError: {
      const seconds = (error as WebAPIRateLimitedError).retryAfter;
      return new NotificationSendError(`Slack is rate limiting the app: retry after ${seconds} s`, { permanent: false, retryAfterMs: seconds * 1000 });
    }
    case WebApiErrorCode.HTTPError: {
      const status = (error as WebAPIHTTPError).statusCode;
      // Slack's Web API answers 200 but for 429 and its own outages; another status is an apiUrl that is no Slack API.
      return new NotificationSendError(`Slack answered HTTP ${status}${status >= 500 ? "" : ": is apiUrl a Slack Web API?"}`, { permanent: status < 500 && status !== 408 });
    }
    case WebApiErrorCode.RequestError:
      return transportFailure((error as WebAPIRequestError).original, "The Slack API URL");
    default:
      return new NotificationSendError(`Slack call failed: ${error.message}`, { permanent: false });
  }
}

/** An incoming webhook's failure; `retryAfter` is the answer's Retry-After header, which @slack/webhook does not keep. */
export function webhookFailure(error: unknown, retryAfter: string | null): NotificationSendError {
  if (!isCoded(error)) return transportFailure(error, "The webhook URL");
  if (error.code === WebhookErrorCode.RequestError) return transportFailure((error as IncomingWebhookRequestError).original, "The webhook URL");
  if (error.code !== WebhookErrorCode.HTTPError) return new NotificationSendError(`Slack webhook failed: ${error.message}`, { permanent: false });
  const { statusCode, body } = error as IncomingWebhookHTTPError;
  if (statusCode === 429) {
    const seconds = Number.parseInt(retryAfter ?? "", 10);
    return new NotificationSendError("Slack is rate limiting the webhook", { permanent: false, retryAfterMs: Number.isNaN(seconds) ? null : seconds * 1000 });
  }
  if (statusCode >= 500 || statusCode === 408) return new NotificationSendError(`Slack answered HTTP ${statusCode}`, { permanent: false });
  // Slack answers a webhook's refusal as one word of text: invalid_payload, no_service, channel_is_archived, …
  const word = typeof body === "string" && /^[a-z_]{2,60}$/.test(body.trim()) ? body.trim() : null;
  if (word) return refused(word);
  return new NotificationSendError(`Slack refused the message: HTTP ${statusCode}`, { permanent: true });
}
