import type { Duplex } from "node:stream";

/**
 * Answers a request Node refused before any handler saw it — a URL or headers over Node's
 * header limit (431), a malformed request line (400), a request whose headers came too slowly
 * (408) — as a problem+json like every other refusal (docs/api.md, "Errors"), instead of Node's
 * bare status line. server.ts installs it as the server's `clientError` listener.
 */
const STATUS: Record<string, { status: number; reason: string; type: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    type: "request-header-fields-too-large",
    detail: "The URL and headers together are larger than the server accepts (16 KB); send long filters in fewer or shorter parameters",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", type: "request-timeout", detail: "The request took too long to arrive" },
};
const BAD_REQUEST = { status: 400, reason: "Bad Request", type: "bad-request", detail: "The request is not valid HTTP" };

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A connection already gone (or answering another request) gets nothing more.
  if (error.code === "ECONNRESET" || !socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const { status, reason, type, detail } = STATUS[error.code ?? ""] ?? BAD_REQUEST;
  const body = JSON.stringify({ type: `urn:switchboard:problem:${type}`, title: reason, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
