import { describe, expect, it } from "vitest";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";
import { sourcehutGraphqlError, sourcehutHttpError, sourcehutTransportError } from "./errors";

/**
 * sr.ht's failures as the sync's verdicts: each HTTP status and each resolver message it answers
 * (core-go's auth middleware, gqlgen, todo.sr.ht's resolvers, the proxy in front), with its words
 * kept in the message.
 */
const call = { what: "ticket #12 of ~alice/widgets", grants: "PROFILE:RO, TRACKERS:RO and TICKETS:RO" };
const now = new Date("2026-12-07T10:00:00Z");
const http = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  sourcehutHttpError({ status, headers: new Headers(headers), body: typeof body === "string" ? null : body, text: typeof body === "string" ? body : JSON.stringify(body) }, call, now);
const auth = (message: string) => ({ errors: [{ message: `Authentication error: ${message}` }] });

describe("SourceHut's HTTP failures", () => {
  it("takes every authentication error for a token a person must replace: 401, 400 and 403 alike", () => {
    expect(http(401, auth("Authorization header is required. Expected 'Authorization: Bearer [token]'"))).toMatchObject({ kind: "unauthorized", refused: true, retryable: false, details: { status: 401 } });
    expect(http(400, auth("Invalid OAuth bearer token"))).toMatchObject({ kind: "unauthorized" });
    const revoked = http(403, auth("Invalid or expired OAuth 2.0 bearer token"));
    expect(revoked).toMatchObject({ kind: "unauthorized", details: { providerMessage: "Authentication error: Invalid or expired OAuth 2.0 bearer token" } });
    expect(revoked.message).toBe(
      "SourceHut refused the token (403: Authentication error: Invalid or expired OAuth 2.0 bearer token). Check token: a current personal access token from meta.sr.ht/oauth2 (SourceHut's tokens expire after a year).",
    );
    expect(http(403, auth("Account suspended with the following notice: spam\nContact support"))).toMatchObject({ kind: "unauthorized" });
  });

  it("waits out a rate limit and an outage, for as long as Retry-After says (capped)", () => {
    const page = "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body></body></html>";
    expect(http(429, page, { "retry-after": "7" })).toMatchObject({ kind: "rate_limited", retryable: true, retryAfterMs: 7000, message: expect.stringContaining("(429: 429 Too Many Requests)") });
    expect(http(429, page, { "retry-after": "Mon, 07 Dec 2026 10:00:30 GMT" }).retryAfterMs).toBe(30_000);
    expect(http(429, page, { "retry-after": "86400" }).retryAfterMs).toBe(15 * 60_000);
    expect(http(429, page).retryAfterMs).toBeNull();
    expect(http(502, "<html><head><title>502 Bad Gateway</title></head></html>")).toMatchObject({ kind: "unavailable", retryable: true, message: expect.stringContaining("(502: 502 Bad Gateway)") });
    expect(http(500, auth("Temporary error; try again later"))).toMatchObject({ kind: "unavailable" });
  });

  it("says what else went wrong: gqlgen's refusals, a wrong todoUrl, a redirect", () => {
    const invalid = { errors: [{ message: 'Cannot query field "login" on type "User".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }], data: null };
    expect(http(422, invalid)).toMatchObject({ kind: "validation", message: 'SourceHut refused ticket #12 of ~alice/widgets (422: Cannot query field "login" on type "User".)' });
    expect(http(404, "404 page not found")).toMatchObject({ kind: "not_found", message: expect.stringContaining("check todoUrl") });
    expect(http(301, "", { location: "https://todo.sr.ht/query" })).toMatchObject({ kind: "validation", message: expect.stringContaining("redirect (301 to https://todo.sr.ht/query)") });
    expect(http(403, "<html><title>403 Forbidden</title></html>")).toMatchObject({ kind: "forbidden", message: expect.stringContaining("The token needs PROFILE:RO") });
  });

  it("tells a refused address from no answer", () => {
    expect(sourcehutTransportError(new PlatformTransportError("the address 10.0.0.1 is private", "forbidden_address"), call)).toMatchObject({ kind: "blocked", retryable: false });
    expect(sourcehutTransportError(new PlatformTransportError("timed out after 2000 ms", "timeout"), call)).toMatchObject({ kind: "network", retryable: true });
  });
});

describe("SourceHut's GraphQL errors", () => {
  const graphql = (...errors: { message: string; path?: string[]; extensions?: Record<string, unknown> }[]) => sourcehutGraphqlError(errors, call);

  it("names the grant a token lacks, and the access a user lacks", () => {
    const grant = graphql({ message: "Access denied for invalid auth method", path: ["user", "tracker"] });
    expect(grant).toMatchObject({ kind: "forbidden", refused: true, message: expect.stringContaining("the token lacks a grant. It needs PROFILE:RO, TRACKERS:RO and TICKETS:RO") });
    expect(graphql({ message: "Access denied", path: ["updateTicketStatus"] })).toMatchObject({ kind: "forbidden", message: expect.stringContaining("the token's user lacks access to the tracker") });
  });

  it("takes what is gone or hidden as not found", () => {
    for (const message of ["No such ticket", "No such label", "No tracker by ID 7 found for this user", "must not be null"]) {
      expect(graphql({ message, path: ["x"] }), message).toMatchObject({ kind: "not_found", message: expect.stringContaining(`SourceHut does not know ticket #12 of ~alice/widgets (${message})`) });
    }
  });

  it("keeps refused input as sr.ht said it, with its field", () => {
    expect(graphql({ message: "Ticket body must be less than 16 KiB in size", path: ["submitTicket"], extensions: { field: "body" } })).toMatchObject({
      kind: "validation",
      retryable: false,
      message: "SourceHut refused ticket #12 of ~alice/widgets (body): Ticket body must be less than 16 KiB in size",
    });
    expect(graphql({ message: "Resolution is required when setting status to RESOLVED" })).toMatchObject({ kind: "validation" });
    expect(graphql({ message: "Authentication error: The authentication token used to create this webhook has expired" })).toMatchObject({ kind: "unauthorized" });
  });
});
