import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { answerClientError } from "@/server/http/client-error";
import { encodeCursor } from "@/server/pagination/cursor";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import { apiRoutes } from "@/server/rest/routes";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { apiAs } from "./api";

/**
 * Bad input gets a 4xx that says what is wrong, never a 500 (issue 12, item 6): prototype-named
 * query parameters, text PostgreSQL cannot store (NUL, lone surrogates) anywhere in a body or a
 * query, cursors the list did not issue, a URL over Node's header limit.
 */
let ctx: TenantContext;
let api: ReturnType<typeof apiAs>;

beforeAll(async () => {
  // These walks send every operation several hostile requests on one token: more than the
  // API's 600 a minute once there are 100 operations. What they test is the answers, not the
  // rate limit (test/rest/rate-limit.test.ts does that).
  process.env.API_RATE_LIMIT_PER_MINUTE = "100000";
  // Runs are read from the embedded runtime's tables (on an external Inngest, /runs answers 409 whatever it is sent).
  process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1";
  resetEnvCache();
  const owner = await seedUser();
  const space = await seedDataspace({ owner, name: "Hostile" });
  ctx = await tenantFor(owner.id, space.slug);
  api = apiAs(await seedApiToken(ctx, ["admin"]));
});

const pathOf = (route: (typeof apiRoutes)[number]) => route.path.replace(/\{\w+\}/g, () => crypto.randomUUID());
const fields = (answer: { body: any }) => (answer.body?.errors ?? []).map((e: { field: string }) => e.field);

describe("hostile input on the REST API", () => {
  it("prototype names as query parameters are unknown parameters (422), on every operation", async () => {
    for (const route of apiRoutes) {
      for (const name of ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]) {
        const answer = await api.call(route.method, `${pathOf(route)}?${name}=1`, route.body ? { body: {} } : {});
        expect({ op: route.operationId, name, status: answer.status, fields: fields(answer) }).toEqual({ op: route.operationId, name, status: 422, fields: [name] });
      }
    }
  });

  it("NUL or a lone surrogate anywhere in a body is a 422 naming the field, on every operation with a body, keyed or not", async () => {
    for (const route of apiRoutes.filter((r) => r.body)) {
      for (const bad of ["a\u0000b", "\ud800", "x\udc00y"]) {
        const body = { name: "fine", description: bad, data: { nested: [{ deep: "ok" }, bad] }, [`key${bad}`]: 1 };
        const headers = route.method === "POST" ? { "idempotency-key": crypto.randomUUID() } : undefined;
        const answer = await api.call(route.method, pathOf(route), { body, headers });
        expect({ op: route.operationId, status: answer.status }).toEqual({ op: route.operationId, status: 422 });
        expect(fields(answer)).toEqual(expect.arrayContaining(["description", "data.nested.1"]));
        expect(answer.body.errors.find((e: { field: string }) => e.field.startsWith("key")).message).toMatch(/in a key/);
      }
    }
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id } })).toBe(0);
  });

  it("a lone surrogate with an Idempotency-Key is a 422, not a 500, and reserves nothing", async () => {
    const key = crypto.randomUUID();
    const answer = await api.post("/requests", { title: "Lone \ud800 surrogate" }, { headers: { "idempotency-key": key } });
    expect(answer.status).toBe(422);
    expect(fields(answer)).toEqual(["title"]);
    expect(await db.apiIdempotencyKey.count({ where: { key } })).toBe(0);
  });

  it("NUL in a query value (`?q=`, filters) is a 422 naming the parameter", async () => {
    // (A lone surrogate cannot arrive in a URL: its UTF-8 bytes decode as U+FFFD.)
    for (const query of ["q=%00", "q=a%00b", "status=open%00"]) {
      const answer = await api.get(`/requests?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 422 });
      expect(fields(answer)[0]).toMatch(new RegExp(`^${query.split("=")[0]}`));
    }
  });

  it("a cursor the list did not issue is a 400 on every list: garbage, AA, another list's, another ordering's", async () => {
    await seedRequest(ctx);
    await seedRequest(ctx);
    const issued = await api.get("/requests?limit=1");
    const requestsCursor = new URL(issued.body.next).searchParams.get("cursor")!;
    const foreign = [
      "AA",
      "abc",
      "not a cursor",
      "%00",
      encodeCursor("no-such-list:createdAt", [Date.now(), crypto.randomUUID()]),
      encodeCursor("requests:-createdAt", ["\u0000", crypto.randomUUID()]),
      `${requestsCursor}=`,
    ];
    // A token of its own: the tests above spent much of the first one's rate-limit budget.
    const lists = apiAs(await seedApiToken(ctx, ["admin"]));
    for (const route of apiRoutes.filter((r) => r.query && "cursor" in r.query.shape && !r.params)) {
      const own = route.path === "/requests" ? [] : [requestsCursor];
      for (const cursor of [...foreign, ...own]) {
        const answer = await lists.get(`${route.path}?cursor=${encodeURIComponent(cursor)}`);
        expect({ op: route.operationId, cursor, status: answer.status }).toEqual({ op: route.operationId, cursor, status: 400 });
        expect(answer.body.detail).toMatch(/cursor/i);
      }
    }
    // The same list under another ordering refuses it too; its own ordering follows it.
    expect((await lists.get(`/requests?ordering=created_date&cursor=${requestsCursor}`)).status).toBe(400);
    expect((await lists.get(`/requests?limit=1&cursor=${requestsCursor}`)).status).toBe(200);
  });

  it("declares, on every operation, the 422 for unknown parameters and, on every POST, the 400 for a bad Idempotency-Key", () => {
    const document = buildOpenApiDocument("http://api.test") as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const route of apiRoutes) {
      const responses = document.paths[route.path][route.method.toLowerCase()].responses;
      expect(Object.keys(responses)).toContain("422");
      if (route.method === "POST") expect(Object.keys(responses)).toEqual(expect.arrayContaining(["400", "409"]));
      if (route.query && "cursor" in route.query.shape) expect(Object.keys(responses)).toContain("400");
    }
  });

  it("a URL over Node's header limit gets a problem+json 431", async () => {
    const server = http.createServer((_req, res) => res.end("never"));
    server.on("clientError", answerClientError);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/requests?q=${"x".repeat(20_000)}`);
      expect(response.status).toBe(431);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 431, type: "urn:switchboard:problem:request-header-fields-too-large" });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
