import http from "node:http";
import https from "node:https";
import { signBody } from "./signing";

/**
 * The executor's side of the Inngest SDK protocol (the `docs/SDK_SPEC.md` of inngest/inngest):
 * in-band sync (PUT) and function invocation (POST ?fnId=&stepId=), over keep-alive connections
 * to the app's serve endpoint.
 */
const agents = { "http:": new http.Agent({ keepAlive: true, maxSockets: 256 }), "https:": new https.Agent({ keepAlive: true, maxSockets: 256 }) };

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string };

export function postJson(url: string, method: "POST" | "PUT", body: unknown, options: { signingKey?: string; headers?: Record<string, string>; timeoutMs: number }): Promise<HttpAnswer> {
  const target = new URL(url);
  const payload = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)), ...options.headers };
  if (options.signingKey) headers["x-inngest-signature"] = signBody(JSON.parse(payload), options.signingKey);
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, { method, headers, agent: agents[target.protocol as "http:" | "https:"], timeout: options.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`No answer from ${target.origin} within ${options.timeoutMs} ms`)));
    req.on("error", reject);
    req.end(payload);
  });
}

export type SyncedFunction = {
  id: string;
  name: string;
  triggers: ({ event: string; expression?: string } | { cron: string })[];
  steps: Record<string, { runtime: { url: string }; retries?: { attempts?: number } }>;
  [config: string]: unknown;
};

/** Asks the app for its functions (in-band sync), as Inngest does when an app is synced. */
export async function fetchAppFunctions(serveUrl: string, options: { signingKey?: string; timeoutMs: number }): Promise<{ appId: string; functions: SyncedFunction[] }> {
  const answer = await postJson(serveUrl, "PUT", { url: serveUrl }, { ...options, headers: { "x-inngest-sync-kind": "in_band", "x-inngest-server-kind": "cloud" } });
  if (answer.status !== 200) throw new Error(`Sync of ${serveUrl} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  const body = JSON.parse(answer.text) as { app_id?: string; functions?: SyncedFunction[] };
  if (!body.app_id || !Array.isArray(body.functions)) throw new Error(`Sync of ${serveUrl} gave no in-band answer (is the SDK in out-of-band mode?)`);
  return { appId: body.app_id, functions: body.functions };
}

export type OutgoingOp = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown> | null;
  data?: unknown;
  error?: unknown;
};

export type StepMemo = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type InvokeRequest = {
  event: unknown;
  steps: Record<string, StepMemo>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  planAll: boolean;
  /** Lets the SDK run steps back to back, reporting each to our checkpoint API (checkpoint.ts). */
  checkpoint?: { fnId: string; queueItemId: string; generation: number };
};

export type InvokeResult =
  | { kind: "ops"; ops: OutgoingOp[]; retryAfter: string | null; noRetry: boolean }
  | { kind: "done"; output: unknown }
  | { kind: "error"; error: unknown; noRetry: boolean; retryAfter: string | null };

/** One call to the function: run what is due next, report what it did (SDK_SPEC "Invoke"). */
export async function invokeFunction(url: string, stepId: string, request: InvokeRequest, options: { signingKey?: string; timeoutMs: number }): Promise<InvokeResult> {
  const target = new URL(url);
  target.searchParams.set("stepId", stepId);
  const body = {
    event: request.event,
    events: [request.event],
    steps: request.steps,
    ctx: {
      ...(request.checkpoint ? { fn_id: request.checkpoint.fnId, qi_id: request.checkpoint.queueItemId } : {}),
      run_id: request.runId,
      attempt: request.attempt,
      max_attempts: request.maxAttempts,
      disable_immediate_execution: request.planAll,
      use_api: false,
      stack: { stack: request.stack, current: request.stack.length },
    },
  };
  const headers = request.checkpoint ? { "x-inngest-generation-id": String(request.checkpoint.generation) } : undefined;
  const answer = await postJson(target.toString(), "POST", body, { ...options, headers });
  const header = (name: string) => {
    const value = answer.headers[name];
    return Array.isArray(value) ? value[0] : (value ?? null);
  };
  const noRetry = header("x-inngest-no-retry") === "true";
  const parsed = parseBody(answer.text);
  if (answer.status === 200) return { kind: "done", output: parsed };
  if (answer.status === 206 && Array.isArray(parsed)) return { kind: "ops", ops: parsed as OutgoingOp[], retryAfter: header("retry-after"), noRetry };
  return { kind: "error", error: errorOf(parsed, answer.status), noRetry, retryAfter: header("retry-after") };
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorOf(body: unknown, status: number): unknown {
  if (body && typeof body === "object") return body;
  return { name: "Error", message: `The serve endpoint answered ${status}${body ? `: ${String(body).slice(0, 500)}` : ""}` };
}
