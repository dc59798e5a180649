import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetch } from "./http-fetch";

describe("httpFetch (the SDK's transport)", () => {
  let server: http.Server;
  let base: string;
  const seen: { method?: string; body: string; auth?: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, body, auth: req.headers.authorization });
        if (req.url === "/empty") return void res.writeHead(204).end();
        res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json", "x-answer": "42" });
        res.end(JSON.stringify({ ids: ["a"], status: 200 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("sends method, headers and body, and gives back status, headers and body", async () => {
    const res = await httpFetch(`${base}/e/key`, { method: "POST", headers: { authorization: "Bearer x" }, body: '[{"name":"a"}]' });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-answer")).toBe("42");
    expect(await res.json()).toEqual({ ids: ["a"], status: 200 });
    expect(seen.at(-1)).toEqual({ method: "POST", body: '[{"name":"a"}]', auth: "Bearer x" });
  });

  it("reports error statuses and empty answers like fetch does", async () => {
    expect((await httpFetch(`${base}/missing`)).status).toBe(404);
    const empty = await httpFetch(`${base}/empty`, { method: "PUT" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("rejects when nothing listens", async () => {
    await expect(httpFetch("http://127.0.0.1:1/")).rejects.toThrow();
  });
});
