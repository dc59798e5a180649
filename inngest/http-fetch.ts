import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

/**
 * `fetch` for the Inngest SDK's own calls (sending events, checkpointing steps) over node:http
 * with keep-alive agents. Node's built-in fetch (undici) costs noticeably more CPU per call, and
 * a checkpointed run makes one call per step: measured with `npm run bench:runtime`.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export const httpFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<Response>((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        agent: agents[url.protocol as keyof typeof agents],
        signal: request.signal,
      },
      (res) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
        }
        const empty = request.method === "HEAD" || res.statusCode === 204 || res.statusCode === 304;
        resolve(
          new Response(empty ? null : (Readable.toWeb(res) as ReadableStream), {
            status: res.statusCode ?? 500,
            statusText: res.statusMessage,
            headers,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
};
