import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveWebHandler } from "@/server/http/node-web-adapter";
import { handleApiRequest } from "@/server/rest/handler";

/**
 * Helpers for REST tests: `call` runs the /api/v1 handler in-process (a Web Request in, the
 * Response out, as server.ts hands it over); `startApiServer` serves it on 127.0.0.1 for clients
 * that need a real server.
 */
export type ApiAnswer = { status: number; headers: Headers; body: any; text: string };

export type CallOptions = { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> };

export const API_ORIGIN = "http://api.test";

export async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handleApiRequest(new Request(`${API_ORIGIN}/api/v1${path}`, { method, headers, body }));
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A client bound to one token. */
export function apiAs(token: string) {
  return {
    get: (path: string, options: Omit<CallOptions, "token"> = {}) => call("GET", path, { ...options, token }),
    post: (path: string, body: unknown, options: Omit<CallOptions, "token" | "body"> = {}) => call("POST", path, { ...options, body, token }),
    patch: (path: string, body: unknown, options: Omit<CallOptions, "token" | "body"> = {}) => call("PATCH", path, { ...options, body, token }),
    call: (method: string, path: string, options: Omit<CallOptions, "token"> = {}) => call(method, path, { ...options, token }),
  };
}

export async function startApiServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => void serveWebHandler(handleApiRequest, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
