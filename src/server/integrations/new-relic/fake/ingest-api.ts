import { randomUUID } from "node:crypto";
import type { ContractGate } from "../../shared/fake/contract-gate";
import type { Exchange, FakeState } from "./fake-new-relic-types";
import { MAX_PAYLOAD_BYTES, decodeBody, judgeEvents, judgeMetrics } from "./ingest-checks";

/**
 * The fake's Metric API (`POST /metric/v1`) and Event API (`POST /v1/accounts/{id}/events`), in
 * the order the documentation describes them (new-relic-ingest.openapi.json, pages in its `info`):
 * first what they check synchronously — the path, Content-Type and Content-Encoding (415), the
 * size as sent (413), the key (403: a license key, in `Api-Key`, or for the Metric API its query
 * parameter, or for the Event API an Insert key in `X-Insert-Key`), a Metric API body that is not
 * JSON (400) — then, once answered 202 or 200, the data, each data point or event on its own.
 *
 * Violations: everything the contract or ingest-checks.ts refuses, a missing key, a Metric API
 * key sent only as `X-License-Key` (a header the Metric API pages never name). Not violations: a
 * key or account the fake does not know (403), and faults.
 */
export function handleIngest(x: Exchange, gate: ContractGate, state: FakeState): void {
  const { url, raw, record } = x;
  const header = (name: string): string | undefined => record.headers[name];
  const refusals: [status: number, why: string][] = [];
  const refuse = (status: number, why: string, violation = true) => {
    if (violation) x.violation(why);
    refusals.push([status, why]);
  };

  const check = (body: unknown) => gate.check({ method: record.method, path: url.pathname, query: url.search.replace(/^\?/, ""), headers: record.headers, body });
  const metrics = url.pathname === "/metric/v1";
  const known = metrics || /^\/v1\/accounts\/[^/]+\/events$/.test(url.pathname);
  if (!known || record.method !== "POST") {
    const verdict = check(undefined);
    x.violation(verdict.ok ? `${record.method} is not how to call ${url.pathname}` : verdict.errors.join("; "));
    if (x.faulted()) return;
    return x.send(known ? 405 : 404, { error: known ? "Method Not Allowed" : "Not Found" });
  }

  const encoding = (header("content-encoding") ?? "identity").trim().toLowerCase();
  const encodings = metrics ? ["gzip", "identity"] : ["gzip", "deflate", "identity"];
  if (!encodings.includes(encoding)) refuse(415, `Content-Encoding ${encoding} is not one of ${encodings.join(", ")}`);
  else record.encoding = encoding === "identity" ? null : (encoding as "gzip" | "deflate");
  const type = (header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") refuse(415, `Content-Type ${type || "(none)"} is not application/json`);
  if (raw.length > MAX_PAYLOAD_BYTES) refuse(413, `the payload is ${raw.length} bytes as sent, over the limit of 10^6`);

  let body: unknown;
  let unreadable: string | null = null;
  const decoded = refusals.length === 0 ? decodeBody(raw, record.encoding) : { text: null };
  if ("error" in decoded) unreadable = decoded.error;
  else if (decoded.text !== null) {
    try {
      body = JSON.parse(decoded.text);
      record.body = body;
    } catch (error) {
      unreadable = `the body is not JSON (${(error as Error).message})`;
    }
  }

  const verdict = check(body);
  record.operation = verdict.operationId;
  if (!verdict.operationId) throw new Error(`the ingest contract has no operation for POST ${url.pathname}`);
  // A body that could not be read is one violation, not also the schema's errors about a missing body.
  const aboutBody = (error: string) => error.startsWith("/requestBody") || error.startsWith("request ");
  const read = refusals.length === 0 && unreadable === null;
  const gateErrors = verdict.ok ? [] : verdict.errors.filter((e) => read || !aboutBody(e));
  if (unreadable !== null) x.violation(unreadable);
  if (gateErrors.length > 0) x.violation(gateErrors.join("; "));

  if (x.faulted()) return;

  const accountId = metrics ? null : Number(/^\/v1\/accounts\/(\d+)\/events$/.exec(url.pathname)?.[1] ?? NaN);
  const key = metrics ? metricApiKey(url, header, refuse) : (header("api-key") ?? header("x-insert-key"));
  if (!metrics && key === undefined) refuse(403, "no key: the Event API takes a license key in Api-Key (or an Insert key in X-Insert-Key)");
  else if (key !== undefined && !state.licenseKeys.has(key)) refuse(403, "the key is not a license or Insert key the fake knows", false);
  else if (accountId !== null && !state.accountIds.has(accountId)) refuse(403, `the fake knows no account ${url.pathname.split("/")[3]}`, false);
  if (metrics && unreadable !== null) refuse(400, unreadable, false);
  if (refusals.length > 0) return x.send(refusals[0][0], { error: refusals[0][1] });

  const uuid = randomUUID();
  let answer: { status: number; body: unknown };
  if (metrics) {
    const judged = judgeMetrics(body, gateErrors, state.now());
    judged.problems.forEach((p) => x.violation(p));
    state.metrics.push(...judged.points);
    answer = { status: 202, body: { requestId: uuid } };
  } else {
    // Unreadable JSON is a parsing error, found after the answer: 200, and nothing kept.
    const judged = read ? judgeEvents(body, accountId!, gateErrors, state.now()) : { events: [], problems: [] };
    judged.problems.forEach((p) => x.violation(p));
    state.events.push(...judged.events);
    answer = { status: 200, body: { success: true, uuid } };
  }
  for (const problem of gate.checkResponse(verdict.operationId, answer.status, answer.body)) x.violation(`the fake's own answer: ${problem}`);
  x.send(answer.status, answer.body);
}

/** The Metric API's key: the `Api-Key` header or query parameter (equal when both are sent). */
function metricApiKey(url: URL, header: (name: string) => string | undefined, refuse: (status: number, why: string) => void): string | undefined {
  const inHeader = header("api-key");
  const inQuery = url.searchParams.get("Api-Key") ?? undefined;
  if (inHeader !== undefined && inQuery !== undefined && inHeader !== inQuery) refuse(403, "Api-Key differs between the header and the query parameter");
  else if (inHeader === undefined && inQuery === undefined) {
    const why = header("x-license-key") !== undefined ? "the key was sent as X-License-Key, which the Metric API documentation never names: send Api-Key" : "no Api-Key header nor query parameter";
    refuse(403, why);
  }
  return inHeader ?? inQuery;
}
