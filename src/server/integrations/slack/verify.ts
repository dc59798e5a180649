import type { InboundRequest, Verification } from "../provider";
import { header } from "../shared/headers";
import { refuse, verifyHexHmac } from "../shared/signatures";

/** Slack's documented tolerance: a request stamped more than 5 minutes away from now is a replay. */
export const SLACK_TOLERANCE_SECONDS = 5 * 60;

/**
 * `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<body>">` keyed by the
 * app's signing secret; the timestamp is signed, so checking its age stops replays.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */
export function verifySlack(request: InboundRequest, secrets: Readonly<Record<string, string>>): Verification {
  const secret = secrets.signingSecret;
  if (!secret) return refuse("no signing secret is configured for this integration");
  const timestamp = header(request, "x-slack-request-timestamp");
  if (!timestamp) return refuse("the X-Slack-Request-Timestamp header is missing");
  if (!/^\d{1,12}$/.test(timestamp)) return refuse("X-Slack-Request-Timestamp must be seconds since the epoch");
  const skew = Math.abs(Math.floor(request.receivedAt.getTime() / 1000) - Number(timestamp));
  if (skew > SLACK_TOLERANCE_SECONDS) {
    return refuse(`X-Slack-Request-Timestamp is ${skew} s away from the time received; more than ${SLACK_TOLERANCE_SECONDS} s is refused as a replay`);
  }
  return verifyHexHmac({
    signature: header(request, "x-slack-signature"),
    headerName: "X-Slack-Signature",
    prefix: "v0=",
    secret,
    body: Buffer.concat([Buffer.from(`v0:${timestamp}:`), request.rawBody]),
  });
}
