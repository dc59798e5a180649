import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";

/** A wait longer than this is taken as this: the runtime comes back then and asks again. */
const MAX_WAIT_MS = 15 * 60_000;

/** An entry of a GraphQL answer's `errors`, as sr.ht (gqlgen) writes it. */
export type GraphqlError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

/** What a call was: in words (`issue #12 of ~alice/bugs`), and the grants its fields need. */
export type CallContext = { what: string; grants: string };

const TOKEN_HELP = "Check token: a current personal access token from meta.sr.ht/oauth2 (SourceHut's tokens expire after a year).";

function wordsOf(errors: GraphqlError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => e.message.trim())
    .join("; ")
    .slice(0, 500);
}

/** sr.ht's own words in a non-2xx answer: its GraphQL `errors`, else the title of an HTML error page (its proxy's), else the text. */
function httpWords(body: unknown, text: string): string | null {
  const errors = graphqlErrorsOf(body);
  if (errors.length > 0) return wordsOf(errors);
  const title = /<title>([^<]{1,200})<\/title>/i.exec(text)?.[1]?.trim();
  if (title) return title;
  const plain = text.trim();
  return plain && plain.length < 300 && !plain.startsWith("<") ? plain : null;
}

/** The `errors` of a parsed answer, each with a message (others are not GraphQL errors). */
export function graphqlErrorsOf(body: unknown): GraphqlError[] {
  const errors = body && typeof body === "object" ? (body as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is GraphqlError => Boolean(e) && typeof e === "object" && typeof (e as GraphqlError).message === "string");
}

/** A call that got no complete answer: the guarded transport's policy, or the network. */
export function sourcehutTransportError(error: unknown, call: CallContext): IssueSyncApiError {
  if (error instanceof PlatformTransportError && (error.kind === "forbidden_address" || error.kind === "invalid_url")) {
    return new IssueSyncApiError("blocked", `SourceHut could not be called (${call.what}): ${error.message}`);
  }
  return new IssueSyncApiError("network", `SourceHut did not answer (${call.what}): ${(error as Error).message ?? String(error)}`);
}

/**
 * A non-2xx answer as the sync's verdict. sr.ht answers a request without a token 401, a token it
 * cannot read 400 and a revoked or expired one 403, each "Authentication error: …" (core-go's auth
 * middleware): all three are a token a person must replace. A query the schema refuses is 422
 * (gqlgen), a body that is not JSON 400; rate limits and outages come from its proxy (429, 5xx).
 */
export function sourcehutHttpError(answer: { status: number; headers: Headers; body: unknown; text: string }, call: CallContext, now = new Date()): IssueSyncApiError {
  const { status } = answer;
  const said = httpWords(answer.body, answer.text);
  const words = said ? `: ${said}` : "";
  const retryAfter = parseRetryAfter(answer.headers.get("retry-after"), now);
  const details = (wait: number | null = null) => ({ status, providerMessage: said, retryAfterMs: wait === null ? null : Math.min(wait, MAX_WAIT_MS) });

  if (status === 429) return new IssueSyncApiError("rate_limited", `SourceHut is rate-limiting this token (429${words}); ${call.what} waits and retries`, details(retryAfter));
  if (status >= 500) return new IssueSyncApiError("unavailable", `SourceHut failed on ${call.what} (${status}${words}); retrying later`, details(retryAfter));
  if (status === 401 || /^Authentication error/i.test(said ?? "")) {
    return new IssueSyncApiError("unauthorized", `SourceHut refused the token (${status}${words}). ${TOKEN_HELP}`, details());
  }
  if (status === 403) return new IssueSyncApiError("forbidden", `SourceHut refused ${call.what} (403${words}). The token needs ${call.grants}.`, details());
  if (status === 404) return new IssueSyncApiError("not_found", `SourceHut has no GraphQL API there (404${words}): check todoUrl (e.g. https://todo.sr.ht).`, details());
  if (status >= 300 && status < 400) {
    const location = answer.headers.get("location");
    return new IssueSyncApiError("validation", `SourceHut answered ${call.what} with a redirect (${status}${location ? ` to ${location}` : ""}): check todoUrl.`, details());
  }
  return new IssueSyncApiError("validation", `SourceHut refused ${call.what} (${status}${words})`, details());
}

const ACL_DENIED = /^Access denied$|^Private auth access denied$|^Insufficient access/i;
const GRANT_DENIED = /^Access denied for invalid auth method$|^Access to read\/write resolver denied/i;
const GONE = /^No such (ticket|tracker|label)$|^No tracker by ID \d+ found|^must not be null$|^Cannot return null for non-nullable field/i;

/**
 * GraphQL errors in a 200 answer (resolvers refused) as the sync's verdict, from sr.ht's messages:
 * the `@access` directive's "Access denied for invalid auth method" is a grant the token lacks;
 * a tracker ACL's "Access denied" a permission its user lacks; "No such ticket", or a non-null
 * field answered null (gqlgen: "must not be null"), something gone or hidden; an error naming an
 * input `field` (core-go's validation) refused input.
 */
export function sourcehutGraphqlError(errors: GraphqlError[], call: CallContext, status = 200): IssueSyncApiError {
  const said = wordsOf(errors);
  const details = { status, providerMessage: said, retryAfterMs: null };
  const first = errors[0]?.message.trim() ?? "";
  if (errors.some((e) => /^Authentication error/i.test(e.message))) {
    return new IssueSyncApiError("unauthorized", `SourceHut refused the token (${said}). ${TOKEN_HELP}`, details);
  }
  if (errors.some((e) => GRANT_DENIED.test(e.message.trim()))) {
    return new IssueSyncApiError("forbidden", `SourceHut refused ${call.what} (${said}): the token lacks a grant. It needs ${call.grants} (meta.sr.ht/oauth2, "Generate new token", limited to todo.sr.ht).`, details);
  }
  if (errors.some((e) => ACL_DENIED.test(e.message.trim()))) {
    return new IssueSyncApiError(
      "forbidden",
      `SourceHut refused ${call.what} (${said}): the token's user lacks access to the tracker. Give it submit, comment, edit and triage on the tracker's Access page (creating labels takes its owner).`,
      details,
    );
  }
  if (GONE.test(first) || errors.every((e) => GONE.test(e.message.trim()))) {
    return new IssueSyncApiError("not_found", `SourceHut does not know ${call.what} (${said}): it was deleted, or the token's user cannot see it.`, details);
  }
  const field = errors.map((e) => e.extensions?.field).find((f): f is string => typeof f === "string");
  return new IssueSyncApiError("validation", `SourceHut refused ${call.what}${field ? ` (${field})` : ""}: ${said}`, details);
}
