import { afterEach, describe, expect, it } from "vitest";
import type { LookupFunction } from "./guarded-lookup";
import { isRetryableResult, parseRetryAfter } from "./retry-after";
import { sendWebhookRequest, type SendOptions, USER_AGENT } from "./send";
import { checkTargetUrl, parseAllowList } from "./target-policy";
import { closedPort, startHttpServer, startSilentTcpServer, type TestServer } from "./test-servers";

const testServersAllowed = parseAllowList("127.0.0.1/32");
const options: SendOptions = {
  allowHttp: true,
  allowList: testServersAllowed,
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxResponseBytes: 1024,
};
const defaultPolicy: SendOptions = { ...options, allowList: parseAllowList(undefined) };
const payload = { headers: { "webhook-id": "msg_1" }, body: JSON.stringify({ hello: "world" }) };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});
async function server(handle: Parameters<typeof startHttpServer>[0]): Promise<TestServer> {
  const started = await startHttpServer(handle);
  cleanups.push(started.close);
  return started;
}
/** DNS that answers the n-th lookup with the n-th list (the last one from then on). */
function fixedLookup(...answers: string[][]): LookupFunction & { calls: number } {
  const answer = () => answers[Math.min(lookup.calls++, answers.length - 1)];
  const lookup = Object.assign(async () => answer().map((address) => ({ address, family: address.includes(":") ? 6 : 4 })), { calls: 0 });
  return lookup;
}

describe("sendWebhookRequest against misbehaving receivers", () => {
  it("POSTs the body and headers and returns the 2xx response", async () => {
    const target = await server((_req, res) => {
      res.setHeader("X-Multi", ["a", "b"]);
      res.writeHead(200, { "Content-Type": "text/plain" }).end("thanks");
    });
    const result = await sendWebhookRequest({ url: `${target.url}/hook?x=1`, ...payload }, options);

    expect(result).toMatchObject({ ok: true, status: 200, body: "thanks", bodyTruncated: false, error: null, remoteAddress: "127.0.0.1" });
    expect(result.headers).toMatchObject({ "content-type": "text/plain", "x-multi": "a, b" });
    expect(target.received).toHaveLength(1);
    const [received] = target.received;
    expect(received).toMatchObject({ method: "POST", url: "/hook?x=1", body: payload.body });
    expect(received.headers).toMatchObject({
      "webhook-id": "msg_1",
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "content-length": String(Buffer.byteLength(payload.body)),
    });
  });

  it("keeps the caller's content-type and user-agent but always sets a true content-length", async () => {
    const target = await server((_req, res) => res.end());
    const body = "héllo";
    await sendWebhookRequest(
      { url: target.url, body, headers: { "Content-Type": "text/plain", "User-Agent": "mine", "Content-Length": "999" } },
      options,
    );
    expect(target.received[0].headers).toMatchObject({ "content-type": "text/plain", "user-agent": "mine", "content-length": "6" });
    expect(target.received[0].body).toBe(body);
  });

  it("reports a 500 as a retryable failure with its body", async () => {
    const target = await server((_req, res) => res.writeHead(500).end("boom"));
    const result = await sendWebhookRequest({ url: target.url, ...payload }, options);
    expect(result).toMatchObject({ ok: false, status: 500, body: "boom", error: null });
    expect(isRetryableResult(result, { retryClientErrors: false })).toBe(true);
  });

  it("returns a 429's Retry-After header for the scheduler", async () => {
    const target = await server((_req, res) => res.writeHead(429, { "Retry-After": "120" }).end());
    const result = await sendWebhookRequest({ url: target.url, ...payload }, options);
    expect(result).toMatchObject({ ok: false, status: 429 });
    expect(parseRetryAfter(result.headers?.["retry-after"], new Date())).toBe(120_000);
    expect(isRetryableResult(result, { retryClientErrors: false })).toBe(true);
  });

  it("gives up on a receiver that never answers after the total timeout", async () => {
    const target = await server(() => {});
    const result = await sendWebhookRequest({ url: target.url, ...payload }, { ...options, totalTimeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, body: null, error: { kind: "timeout" } });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    expect(result.durationMs).toBeLessThan(4_000);
  });

  it("bounds a slowly dripping body by the total timeout and keeps what arrived", async () => {
    const target = await server((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("first;");
      const drip = setInterval(() => res.write("drip;"), 50);
      res.on("close", () => clearInterval(drip));
    });
    const result = await sendWebhookRequest({ url: target.url, ...payload }, { ...options, totalTimeoutMs: 400 });
    expect(result).toMatchObject({ ok: false, status: 200, error: { kind: "timeout" } });
    expect(result.body).toMatch(/^first;/);
    expect(isRetryableResult(result, { retryClientErrors: false })).toBe(true);
  });

  it("reports a receiver that drops the connection as a reset", async () => {
    const target = await server((req) => req.socket.destroy());
    const result = await sendWebhookRequest({ url: target.url, ...payload }, options);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: "reset" } });
    expect(isRetryableResult(result, { retryClientErrors: false })).toBe(true);
  });

  it("keeps the status when the connection drops mid-body", async () => {
    const target = await server((req, res) => {
      res.writeHead(200, { "Content-Length": "100" }).write("partial");
      setTimeout(() => req.socket.destroy(), 20);
    });
    const result = await sendWebhookRequest({ url: target.url, ...payload }, options);
    expect(result).toMatchObject({ ok: false, status: 200, body: "partial", error: { kind: "reset" } });
  });

  it("reports a closed port as refused", async () => {
    const port = await closedPort();
    const result = await sendWebhookRequest({ url: `http://127.0.0.1:${port}/`, ...payload }, options);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: "refused" } });
    expect(result.error?.message).toContain(`127.0.0.1:${port}`);
  });

  it("never follows a redirect", async () => {
    const elsewhere = await server((_req, res) => res.end("should not be reached"));
    const target = await server((_req, res) => res.writeHead(302, { Location: `${elsewhere.url}/stolen` }).end());
    const result = await sendWebhookRequest({ url: target.url, ...payload }, options);
    expect(result).toMatchObject({
      ok: false,
      status: 302,
      error: { kind: "redirect", message: `redirected to ${elsewhere.url}/stolen (not followed)` },
    });
    expect(isRetryableResult(result, { retryClientErrors: true })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(elsewhere.received).toHaveLength(0);
    expect(elsewhere.connections).toBe(0);
  });

  it("reads at most maxResponseBytes of a huge body", async () => {
    const target = await server((_req, res) => {
      res.writeHead(200);
      res.end("x".repeat(5 * 1024 * 1024));
    });
    const result = await sendWebhookRequest({ url: target.url, ...payload }, { ...options, maxResponseBytes: 1000 });
    expect(result).toMatchObject({ ok: true, status: 200, bodyTruncated: true, error: null });
    expect(result.body).toBe("x".repeat(1000));
  });

  it("times out a connection whose TLS handshake never completes", async () => {
    const silent = await startSilentTcpServer();
    cleanups.push(silent.close);
    const result = await sendWebhookRequest(
      { url: `https://127.0.0.1:${silent.port}/`, ...payload },
      { ...options, connectTimeoutMs: 300, totalTimeoutMs: 10_000 },
    );
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: "connect_timeout" } });
    expect(result.durationMs).toBeLessThan(5_000);
    expect(isRetryableResult(result, { retryClientErrors: false })).toBe(true);
  });

  it("counts a DNS answer that never comes against the connect timeout", async () => {
    const never: LookupFunction = () => new Promise(() => {});
    const result = await sendWebhookRequest(
      { url: "http://slow-dns.test/", ...payload },
      { ...options, lookup: never, connectTimeoutMs: 300, totalTimeoutMs: 10_000 },
    );
    expect(result.error?.kind).toBe("connect_timeout");
  });

  it("reports a DNS failure as dns", async () => {
    const nxdomain: LookupFunction = () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
    const result = await sendWebhookRequest({ url: "https://nowhere.test/", ...payload }, { ...options, lookup: nxdomain });
    expect(result.error).toEqual({ kind: "dns", message: "could not resolve nowhere.test (ENOTFOUND)" });
  });

  it("reports a non-TLS answer to https as a TLS error", async () => {
    const plain = await server((_req, res) => res.end());
    const result = await sendWebhookRequest({ url: `https://127.0.0.1:${plain.port}/`, ...payload }, options);
    expect(result.error?.kind).toBe("tls");
  });

  it("returns invalid URLs and refused schemes as results, without sending", async () => {
    const target = await server((_req, res) => res.end());
    expect((await sendWebhookRequest({ url: "not a url", ...payload }, options)).error?.kind).toBe("invalid_url");
    const plainHttp = await sendWebhookRequest({ url: target.url, ...payload }, { ...options, allowHttp: false });
    expect(plainHttp.error).toEqual({ kind: "invalid_url", message: "URL must use https; plain http is not allowed in this dataspace" });
    const badHeader = await sendWebhookRequest({ url: target.url, headers: { "x-bad": "a\r\nb" }, body: "{}" }, options);
    expect(badHeader.error?.kind).toBe("invalid_url");
    expect(badHeader.error?.message).toContain("x-bad");
    expect(target.received).toHaveLength(0);
  });
});

describe("sendWebhookRequest target policy (SSRF)", () => {
  it("refuses loopback, metadata and mapped addresses by default, before any byte is sent", async () => {
    const target = await server((_req, res) => res.end());
    const cases: [url: string, lookup: LookupFunction | undefined, reason: RegExp][] = [
      [target.url, undefined, /loopback address 127\.0\.0\.1/],
      [`http://localhost:${target.port}/`, undefined, /localhost resolves to loopback address/], // real DNS (/etc/hosts)
      [`http://metadata.test:${target.port}/`, fixedLookup(["169.254.169.254"]), /cloud metadata address 169\.254\.169\.254/],
      [`http://[::ffff:127.0.0.1]:${target.port}/`, undefined, /loopback address 127\.0\.0\.1 \(as IPv4-mapped/],
      [`http://[::1]:${target.port}/`, undefined, /loopback address ::1/],
    ];
    for (const [url, lookup, reason] of cases) {
      const result = await sendWebhookRequest({ url, ...payload }, { ...defaultPolicy, lookup });
      expect(result, url).toMatchObject({ ok: false, status: null, error: { kind: "forbidden_address" } });
      expect(result.error?.message, url).toMatch(reason);
      expect(isRetryableResult(result, { retryClientErrors: true })).toBe(false);
    }
    expect(target.connections).toBe(0);
  });

  it("connects to the first allowed address when DNS returns several", async () => {
    const target = await server((_req, res) => res.end("ok"));
    const lookup = fixedLookup(["10.0.0.1", "127.0.0.1"]);
    const result = await sendWebhookRequest({ url: `http://multi.test:${target.port}/`, ...payload }, { ...options, lookup });
    expect(result).toMatchObject({ ok: true, remoteAddress: "127.0.0.1" });
  });

  it("lets an allow-listed hostname reach whatever it resolves to", async () => {
    const target = await server((_req, res) => res.end("ok"));
    const allowList = parseAllowList("*.hooks.internal.test");
    const result = await sendWebhookRequest(
      { url: `http://a.hooks.internal.test:${target.port}/`, ...payload },
      { ...defaultPolicy, allowList, lookup: fixedLookup(["127.0.0.1"]) },
    );
    expect(result.ok).toBe(true);
  });

  it("refuses a rebound DNS answer on a new connection to a host:port that was reached before", async () => {
    // Connection: close, so the second send needs a new connection (and a new lookup).
    const target = await server((_req, res) => res.writeHead(200, { Connection: "close" }).end("ok"));
    const url = `http://rebind.test:${target.port}/`;
    // The allow-listed 127.0.0.1 stands in for the public address the name first resolves to.
    const lookup = fixedLookup(["127.0.0.1"], ["127.0.0.2"]);
    expect(checkTargetUrl(url, { allowHttp: true, allowList: testServersAllowed }).ok).toBe(true);

    const first = await sendWebhookRequest({ url, ...payload }, { ...options, lookup });
    const second = await sendWebhookRequest({ url, ...payload }, { ...options, lookup });

    expect(first).toMatchObject({ ok: true, remoteAddress: "127.0.0.1" });
    expect(second).toMatchObject({ ok: false, status: null, error: { kind: "forbidden_address" } });
    expect(second.error?.message).toContain("loopback address 127.0.0.2");
    expect(lookup.calls).toBe(2);
    expect(target.received).toHaveLength(1);
  });

  it("reuses a kept-alive connection without resolving again", async () => {
    const target = await server((_req, res) => res.end("ok"));
    const url = `http://pooled.test:${target.port}/`;
    const lookup = fixedLookup(["127.0.0.1"]);
    for (let i = 0; i < 3; i++) {
      expect(await sendWebhookRequest({ url, ...payload }, { ...options, lookup })).toMatchObject({ ok: true, remoteAddress: "127.0.0.1" });
    }
    expect(target.received).toHaveLength(3);
    expect(target.connections).toBe(1);
    expect(lookup.calls).toBe(1);
  });
});
