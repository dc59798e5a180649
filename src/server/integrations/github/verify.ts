import { isUtf8 } from "node:buffer";
import { verify } from "@octokit/webhooks-methods";
import type { InboundRequest, Verification } from "../provider";
import { header } from "../shared/headers";
import { VERIFIED, refuse } from "../shared/signatures";

const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>` checked by GitHub's own library
 * (timing-safe). It takes the body as a string, so a body that is not valid UTF-8 — which GitHub
 * never sends — is refused first: decoding it would change the bytes being checked.
 */
export async function verifyGithub(request: InboundRequest, secrets: Readonly<Record<string, string>>): Promise<Verification> {
  const secret = secrets.webhookSecret;
  if (!secret) return refuse("no webhook secret is configured for this integration");
  const signature = header(request, "x-hub-signature-256");
  if (!signature) return refuse("the X-Hub-Signature-256 header is missing (is a secret set on the GitHub webhook?)");
  if (!SIGNATURE.test(signature)) return refuse('X-Hub-Signature-256 must look like "sha256=<64 hex digits>"');
  if (request.rawBody.length === 0) return refuse("the body is empty");
  if (!isUtf8(request.rawBody)) return refuse("the body is not valid UTF-8");
  return (await verify(secret, request.rawBody.toString("utf8"), signature))
    ? VERIFIED
    : refuse("X-Hub-Signature-256 does not match the body signed with the configured secret");
}
