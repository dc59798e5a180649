import { promisify } from "node:util";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_DECOMPRESSED_BYTES, MAX_PAYLOAD_BYTES } from "./fake-datadog-api";
import { startFakeDatadog, type FakeDatadog } from "./fake-datadog";

/**
 * The fake Datadog itself, over real HTTP with `fetch`: series (gzip and deflate, replaced on
 * resend, dropped outside the accepted window, refused over the size limits), events, DORA
 * deployments, the API key, the fault switch, the contract gate's verdicts as `violations`, and
 * the control surface. Every answer the fake gives is checked against the vendored response
 * schema too (a mismatch would be in `violations`, which afterEach expects empty).
 */

const KEY = "0123456789abcdef0123456789abcdef";
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0); // the fake's clock, in milliseconds
const NOW = T0 / 1000;
const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);

type Body = Record<string, unknown>;
type Sent = { status: number; body: Body; headers: Headers };

describe("the fake Datadog", () => {
  let fake: FakeDatadog;
  let clock = T0;

  /** A request as Switchboard sends one: JSON, compressed when `encoding` says so, with the key unless told otherwise. */
  async function send(method: string, path: string, body?: unknown, options: { encoding?: "gzip" | "deflate" | "br"; key?: string | null; signal?: AbortSignal; raw?: Buffer } = {}): Promise<Sent> {
    const json = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const payload = options.raw ?? (json && options.encoding === "gzip" ? await gzip(json) : json && options.encoding === "deflate" ? await deflate(json) : json);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.encoding) headers["content-encoding"] = options.encoding;
    if (options.key !== null) headers["dd-api-key"] = options.key ?? KEY;
    const answer = await fetch(`${fake.url}${path}`, { method, headers, body: payload && new Uint8Array(payload), signal: options.signal });
    return { status: answer.status, body: (await answer.json()) as Body, headers: answer.headers };
  }
  const control = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${fake.url}/_fake/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: answer.status, body: (await answer.json()) as unknown };
  };
  const point = (timestamp: number, value: number) => ({ timestamp, value });
  const payload = (points: { timestamp: number; value: number }[], tags = ["env:prod", "dataspace:acme"]) => ({ series: [{ metric: "switchboard.tickets.open", type: 3, tags, points }] });
  /** Takes the violations recorded so far, so afterEach can expect none were left. */
  const takeViolations = () => fake.violations.splice(0);

  beforeAll(async () => {
    fake = await startFakeDatadog({ apiKeys: [KEY], now: () => clock });
  });
  beforeEach(() => {
    clock = T0;
    fake.reset();
  });
  afterEach(() => {
    fake.setFault(null);
    expect(fake.violations).toEqual([]);
  });
  afterAll(() => fake?.close());

  it("validates the key: a known one is valid, an unknown or missing one is 403 Forbidden", async () => {
    expect(await send("GET", "/api/v1/validate")).toMatchObject({ status: 200, body: { valid: true } });
    expect(await send("GET", "/api/v1/validate", undefined, { key: "nope" })).toMatchObject({ status: 403, body: { errors: ["Forbidden"] } });
    expect(await send("POST", "/api/v2/series", payload([point(NOW, 1)]), { key: null })).toMatchObject({ status: 403, body: { errors: ["Forbidden"] } });
    fake.apiKeys.delete(KEY);
    expect((await send("GET", "/api/v1/validate")).status).toBe(403);
    fake.apiKeys.add(KEY);
    expect(fake.series()).toEqual([]);
    expect(fake.requests.map((r) => [r.operationId, r.status])).toEqual([["Validate", 200], ["Validate", 403], ["SubmitMetrics", 403], ["Validate", 403]]);
  });

  it("stores gzip-compressed series, one value per (series, timestamp): a resent window replaces, never doubles", async () => {
    const window = [point(NOW - 120, 3), point(NOW - 60, 4), point(NOW, 5)];
    expect(await send("POST", "/api/v2/series", payload(window), { encoding: "gzip" })).toMatchObject({ status: 202, body: { errors: [] } });
    const [first] = fake.requests;
    expect(first).toMatchObject({ method: "POST", path: "/api/v2/series", encoding: "gzip", operationId: "SubmitMetrics", status: 202, body: payload(window), at: T0 });
    expect(first.headers).toMatchObject({ "content-encoding": "gzip", "dd-api-key": KEY });
    expect(first.bytes).toBe((await gzip(Buffer.from(JSON.stringify(payload(window))))).length); // as received: compressed

    // The same window again, the last point corrected, tags in another order: the same three points.
    expect((await send("POST", "/api/v2/series", payload([...window.slice(0, 2), point(NOW, 6)], ["dataspace:acme", "env:prod", "env:prod"]), { encoding: "deflate" })).status).toBe(202);
    expect(fake.requests[1].encoding).toBe("deflate");
    expect(fake.series()).toEqual([
      { metric: "switchboard.tickets.open", type: 3, tags: ["dataspace:acme", "env:prod"], timestamp: NOW - 120, value: 3 },
      { metric: "switchboard.tickets.open", type: 3, tags: ["dataspace:acme", "env:prod"], timestamp: NOW - 60, value: 4 },
      { metric: "switchboard.tickets.open", type: 3, tags: ["dataspace:acme", "env:prod"], timestamp: NOW, value: 6 },
    ]);
    // Other tags, or another host, are another series.
    await send("POST", "/api/v2/series", payload([point(NOW, 1)], ["env:staging"]));
    await send("POST", "/api/v2/series", { series: [{ ...payload([point(NOW, 2)]).series[0], resources: [{ type: "host", name: "web-1" }] }] });
    expect(fake.series()).toHaveLength(5);
  });

  it("drops points more than an hour old or ten minutes ahead, still answering 202, and counts them", async () => {
    const points = [point(NOW - 3601, 1), point(NOW - 3600, 2), point(NOW + 600, 3), point(NOW + 601, 4)];
    expect(await send("POST", "/api/v2/series", payload(points))).toMatchObject({ status: 202, body: { errors: [] } });
    expect(fake.series().map((p) => p.value)).toEqual([2, 3]);
    expect(fake.droppedPoints).toBe(2);
    // The clock moves: what was current is now too old.
    clock = T0 + 2 * 3600 * 1000;
    await send("POST", "/api/v2/series", payload([point(NOW, 9)]));
    expect(fake.droppedPoints).toBe(3);
    expect(fake.series()).toHaveLength(2);
  });

  it("refuses payloads over 512000 bytes as sent, or 5242880 decompressed, with 413", async () => {
    const padded = (size: number) => Buffer.from(JSON.stringify(payload([point(NOW, 1)])).replace(/}$/, `${" ".repeat(size)}}`));
    const tooBig = padded(MAX_PAYLOAD_BYTES);
    expect(await send("POST", "/api/v2/series", undefined, { raw: tooBig })).toMatchObject({ status: 413, body: { errors: [expect.stringContaining("Payload too large")] } });
    // Compressed, it is small enough to send, and decompresses under the limit.
    expect((await send("POST", "/api/v2/series", undefined, { raw: await gzip(tooBig), encoding: "gzip" })).status).toBe(202);
    const bomb = await gzip(padded(MAX_DECOMPRESSED_BYTES));
    expect(bomb.length).toBeLessThan(MAX_PAYLOAD_BYTES);
    expect(await send("POST", "/api/v2/series", undefined, { raw: bomb, encoding: "gzip" })).toMatchObject({ status: 413, body: { errors: [expect.stringContaining("less than 5242880 bytes")] } });
    expect(takeViolations()).toEqual([expect.stringContaining("POST /api/v2/series: Payload too large: 512"), expect.stringContaining("POST /api/v2/series: Payload too large: the decompressed")]);
    expect(fake.series()).toHaveLength(1);
  });

  it("creates events (202, status ok) and keeps what was sent", async () => {
    const sent = { title: "Deployed switchboard 1.4", text: "%%% \nRelease notes\n %%%", tags: ["env:prod"], alert_type: "success", aggregation_key: "deploy-1.4", source_type_name: "my_apps", priority: "low" };
    const answer = await send("POST", "/api/v1/events", sent);
    expect(answer).toMatchObject({ status: 202, body: { status: "ok", event: { title: sent.title, text: sent.text, tags: ["env:prod"], date_happened: NOW, priority: "low", alert_type: "success" } } });
    const event = (answer.body as { event: { id: number; id_str: string; url: string } }).event;
    expect(event.id_str).toBe(String(event.id));
    expect(event.url).toBe(`https://app.datadoghq.com/event/event?id=${event.id}`);
    expect(fake.events()).toEqual([{ ...sent, id: event.id, id_str: event.id_str, url: event.url, date_happened: NOW }]);
    await send("POST", "/api/v1/events", { title: "Older", text: "x", date_happened: NOW - 60 });
    expect(fake.events()[1]).toMatchObject({ title: "Older", tags: [], date_happened: NOW - 60 });
  });

  it("creates DORA deployments (200, data.id and type), keeping a given id, refusing what the attribute descriptions forbid", async () => {
    const attributes = { service: "switchboard", env: "prod", started_at: NOW - 30, finished_at: NOW, version: "1.4.0", git: { repository_url: "https://github.com/acme/switchboard", commit_sha: "66adc9350f2cc9b250b69abddab733dd55e1a588" } };
    const answer = await send("POST", "/api/v2/dora/deployment", { data: { attributes } });
    expect(answer).toMatchObject({ status: 200, body: { data: { id: expect.stringMatching(/^[0-9a-f]{16}$/), type: "dora_deployment" } } });
    const id = (answer.body as { data: { id: string } }).data.id;
    expect(fake.deployments()).toEqual([{ id, attributes }]);
    const mine = { ...attributes, id: "switchboard-deploy-0001", custom_tags: ["team:core"] };
    expect((await send("POST", "/api/v2/dora/deployment", { data: { attributes: mine } })).body).toEqual({ data: { id: "switchboard-deploy-0001", type: "dora_deployment" } });
    expect(await send("POST", "/api/v2/dora/deployment", { data: { attributes: { ...mine, custom_tags: ["core"] } } })).toMatchObject({
      status: 400,
      body: { errors: [{ status: "400", title: "Bad Request", detail: "custom_tags must follow the key:value pattern: core" }] },
    });
    expect((await send("POST", "/api/v2/dora/deployment", { data: { attributes: { ...attributes, id: "short" } } })).status).toBe(400);
    expect(takeViolations()).toEqual([expect.stringContaining("key:value"), expect.stringContaining("Deployment ID must be 16-128 characters")]);
    expect(fake.deployments().map((d) => d.id)).toEqual([id, "switchboard-deploy-0001"]);
  });

  it("records what the real API would refuse as violations, answering as Datadog does", async () => {
    await send("POST", "/api/v2/series", payload([point(NOW, 1)]));
    await send("POST", "/api/v1/events", { title: "ok", text: "ok" });
    expect(fake.violations).toEqual([]);

    expect(await send("POST", "/api/v2/series", { series: [{ metric: "m", type: 7, points: [point(NOW, 1)] }] })).toMatchObject({ status: 400, body: { errors: [expect.stringContaining("/type must be equal to one of the allowed values")] } });
    expect(await send("POST", "/api/v2/dora/deployment", { data: { attributes: { service: "sb" } } })).toMatchObject({ status: 400, body: { errors: [{ status: "400", detail: expect.stringContaining("started_at") }] } });
    expect(await send("POST", "/api/v1/series", payload([point(NOW, 1)]))).toMatchObject({ status: 404, body: { errors: ["Not found"] } });
    expect(await send("POST", "/api/v2/series", payload([point(NOW, 1)]), { encoding: "br" })).toMatchObject({ status: 415 });
    expect((await send("POST", "/api/v2/series", { series: [{ metric: "m", points: [{ timestamp: NOW }] }] })).status).toBe(400);
    expect((await send("POST", "/api/v2/series", undefined, { raw: Buffer.from("{not json") })).status).toBe(400);
    expect(takeViolations()).toEqual([
      expect.stringMatching(/^POST \/api\/v2\/series: \/requestBody\/series\/0\/type must be equal to one of the allowed values/),
      expect.stringMatching(/^POST \/api\/v2\/dora\/deployment: .*must have required property 'started_at'/),
      "POST /api/v1/series: POST /api/v1/series is not an operation of the vendored Datadog API",
      expect.stringContaining("Content-Encoding br is not supported"),
      expect.stringContaining("points without a timestamp and a value: series[0].points[0]"),
      "POST /api/v2/series: the body is not JSON",
    ]);
    expect(fake.series()).toHaveLength(1);
  });

  it("has a fault switch: 429 with Retry-After, 500 for `times` requests, 403, and a hang the client times out of", async () => {
    fake.setFault({ status: 429, retryAfter: "7" });
    const limited = await send("POST", "/api/v2/series", payload([point(NOW, 1)]));
    expect(limited).toMatchObject({ status: 429, body: { errors: ["Too many requests"] } });
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("x-ratelimit-reset")).toBe("7");
    expect(fake.series()).toEqual([]);

    fake.setFault({ status: 500, times: 2 });
    expect((await send("GET", "/api/v1/validate")).status).toBe(500);
    expect((await send("GET", "/api/v1/validate")).status).toBe(500);
    expect((await send("GET", "/api/v1/validate")).status).toBe(200);

    fake.setFault({ status: 403, match: (r) => r.operationId === "V1CreateEvent" });
    expect((await send("GET", "/api/v1/validate")).status).toBe(200);
    expect(await send("POST", "/api/v1/events", { title: "t", text: "x" })).toMatchObject({ status: 403, body: { errors: ["Forbidden"] } });
    expect(fake.events()).toEqual([]);

    fake.setFault({ hang: true });
    await expect(send("POST", "/api/v2/series", payload([point(NOW, 1)]), { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: "TimeoutError" });
    expect(fake.series()).toEqual([]);
    expect((await send("POST", "/api/v2/series", payload([point(NOW, 1)]))).status).toBe(202);
  });

  it("has a control surface for another process: state, requests, keys, faults, reset", async () => {
    await control("POST", "api-keys", { key: "e2e-key" });
    expect((await send("POST", "/api/v2/series", payload([point(NOW, 2), point(NOW - 7200, 1)]), { key: "e2e-key", encoding: "gzip" })).status).toBe(202);
    await send("POST", "/api/v1/events", { title: "t", text: "x" }, { key: "e2e-key" });
    await send("POST", "/api/v2/dora/deployment", { data: { attributes: { service: "sb", started_at: NOW, finished_at: NOW } } }, { key: "e2e-key" });
    expect(await control("GET", "series")).toEqual({ status: 200, body: [expect.objectContaining({ metric: "switchboard.tickets.open", value: 2 })] });
    expect(await control("GET", "dropped-points")).toEqual({ status: 200, body: { droppedPoints: 1 } });
    expect((await control("GET", "events")).body).toEqual([expect.objectContaining({ title: "t" })]);
    expect((await control("GET", "deployments")).body).toEqual([expect.objectContaining({ attributes: expect.objectContaining({ service: "sb" }) })]);
    const requests = (await control("GET", "requests")).body as Record<string, unknown>[];
    expect(requests.map((r) => [r.operationId, r.status, r.encoding])).toEqual([["SubmitMetrics", 202, "gzip"], ["V1CreateEvent", 202, null], ["CreateDORADeployment", 200, null]]);
    expect(requests[0]).not.toHaveProperty("body");
    expect(await control("GET", "deliveries")).toEqual({ status: 200, body: [] });
    expect(await control("GET", "violations")).toEqual({ status: 200, body: [] });

    await control("POST", "fault", { status: 503, times: 1, operationId: "Validate" });
    expect((await send("POST", "/api/v1/events", { title: "t", text: "x" })).status).toBe(202);
    expect((await send("GET", "/api/v1/validate")).status).toBe(503);
    await control("POST", "fault", { hang: true });
    await control("DELETE", "fault");
    expect((await send("GET", "/api/v1/validate")).status).toBe(200);
    expect(await control("POST", "fault", { status: 418 })).toMatchObject({ status: 400 });

    await control("DELETE", "api-keys", { key: "e2e-key" });
    expect((await send("GET", "/api/v1/validate", undefined, { key: "e2e-key" })).status).toBe(403);
    await control("POST", "reset");
    expect((await control("GET", "events")).body).toEqual([]);
    expect(fake.requests).toEqual([]);
    expect(await control("GET", "nothing")).toMatchObject({ status: 404 });
  });
});
