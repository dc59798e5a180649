import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookAgents } from "./agents";
import type { LookupFunction } from "./guarded-lookup";
import { sendWebhookRequest, type SendOptions } from "./send";
import { parseAllowList } from "./target-policy";
import { TEST_TLS_CERT, TEST_TLS_KEY } from "./test-tls";

// This file's process (one per test file) trusts the test certificate on the shared agent itself,
// so the production pool, not a look-alike, is what gets exercised.
webhookAgents().https.options.ca = TEST_TLS_CERT;

let server: https.Server;
let port = 0;
let connections = 0;
beforeAll(async () => {
  server = https.createServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, (req, res) => {
    req.resume();
    req.on("end", () => res.end(`secure ${req.headers.host}`));
  });
  server.on("secureConnection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const toTestServer: LookupFunction & { calls: number } = Object.assign(
  async () => {
    toTestServer.calls++;
    return [{ address: "127.0.0.1", family: 4 }];
  },
  { calls: 0 },
);
const options: SendOptions = {
  allowHttp: false,
  allowList: parseAllowList("127.0.0.1/32"),
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxResponseBytes: 1024,
  lookup: toTestServer,
};
const payload = { headers: {}, body: "{}" };

describe("sendWebhookRequest over HTTPS", () => {
  it("delivers over a verified TLS connection and reuses it", async () => {
    const url = `https://hooks.test:${port}/in`;
    const first = await sendWebhookRequest({ url, ...payload }, options);
    const second = await sendWebhookRequest({ url, ...payload }, options);

    expect(first).toMatchObject({ ok: true, status: 200, body: `secure hooks.test:${port}`, error: null, remoteAddress: "127.0.0.1" });
    expect(second).toMatchObject({ ok: true, status: 200, remoteAddress: "127.0.0.1" });
    expect(connections).toBe(1);
    expect(toTestServer.calls).toBe(1);
  });

  it("refuses a certificate that does not name the host", async () => {
    const result = await sendWebhookRequest({ url: `https://other.test:${port}/in`, ...payload }, options);
    expect(result).toMatchObject({ ok: false, status: null, error: { kind: "tls" } });
    expect(result.error?.message).toContain("other.test");
  });
});
