import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { createApiToken, revokeApiToken } from "@/server/api-tokens/manage-api-tokens";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { serveWebHandler } from "@/server/http/node-web-adapter";
import { handleApiRequest } from "@/server/rest/handler";
import { seedApiToken } from "../../test/api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor } from "../../test/factories";
import { exportRequestsCsv } from "./requests-to-csv.ts";

/**
 * The requests-to-csv example against the real REST API (the /api/v1 handler on a node:http
 * server, as server.ts serves it; a real token): every request of the token's dataspace, across pages, in a
 * CSV that reads back cell for cell.
 */
describe("examples/requests-to-csv", () => {
  let server: http.Server;
  let baseUrl: string;
  let ctx: TenantContext;
  let token: string;
  let dir: string;
  const listCalls: string[] = [];
  const seeded: { id: string; title: string; status: string; priority: string; requester: string; assignee: string; created: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.startsWith("/api/v1/requests")) listCalls.push(req.url);
      void serveWebHandler(handleApiRequest, req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The API's absolute links (next pages, absolute_url) point at this server.
    process.env.AUTH_URL = baseUrl;
    resetEnvCache();

    const owner = await seedUser({ email: "owner@example.test" });
    const helper = await seedUser({ email: "helper@example.test" });
    const dataspace = await seedDataspace({ owner });
    await addMember(dataspace, helper, "MEMBER");
    ctx = await tenantFor(owner.id, dataspace.slug);
    const titles = [
      "Plain title",
      "Commas, in, the title",
      'She said "urgent"',
      "Two\nlines, and a \"quote\"",
      "=HYPERLINK(\"https://evil.example\",\"click\")",
      "-1 degrees in the server room",
      "Ünïcödé ✓",
    ];
    for (const [i, title] of titles.entries()) {
      const request = await seedRequest(ctx, { title, priority: i % 2 ? "urgent" : "low", status: i === 2 ? "closed" : "open", assigneeId: i % 3 === 0 ? helper.id : null });
      seeded.push({ id: request.id, title, status: request.status, priority: i % 2 ? "Urgent" : "Low", requester: owner.email, assignee: request.assignee?.email ?? "", created: request.createdAt.toISOString() });
    }
    // Another dataspace's request, which the token must not reach.
    const elsewhere = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    await seedRequest(elsewhere, { title: "Not in this report" });

    token = await seedApiToken(ctx, ["requests:read"]);
    dir = await mkdtemp(path.join(tmpdir(), "requests-csv-"));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const expectedRow = (r: (typeof seeded)[number]) => [
    r.id,
    /^[=+\-@]/.test(r.title) ? `'${r.title}` : r.title,
    r.status,
    r.priority,
    r.requester,
    r.assignee,
    r.created,
    expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  ];

  it("writes every request of the token's dataspace, page after page, as CSV that reads back cell for cell", async () => {
    const file = path.join(dir, "requests.csv");
    listCalls.length = 0;

    await expect(exportRequestsCsv({ baseUrl, token, file, pageSize: 3 })).resolves.toBe(seeded.length);

    // 7 requests, 3 a page: three pages, each fetched from the previous one's next link.
    expect(listCalls).toHaveLength(3);
    const text = await readFile(file, "utf8");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(["uuid", "title", "status", "priority", "requester", "assignee", "created", "updated"]);
    expect(rows).toHaveLength(seeded.length);
    const byId = new Map(rows.map((row) => [row[0], row]));
    for (const request of seeded) expect(byId.get(request.id)).toEqual(expectedRow(request));
    // Formula-looking titles are neutralised for spreadsheets, quotes doubled, line breaks kept inside quotes.
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(text).toContain(`"Two\nlines, and a ""quote"""`);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it("runs as the README says: npx tsx export.ts, configured by SWITCHBOARD_URL and SWITCHBOARD_TOKEN", async () => {
    const file = path.join(dir, "from-cli.csv");
    const run = await runScript([file], { SWITCHBOARD_URL: baseUrl, SWITCHBOARD_TOKEN: token });
    expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining(`Wrote ${seeded.length} requests`) });
    expect(parseCsv(await readFile(file, "utf8"))).toHaveLength(seeded.length + 1);

    // To standard output when no file is named.
    const piped = await runScript([], { SWITCHBOARD_URL: baseUrl, SWITCHBOARD_TOKEN: token });
    expect(piped.code).toBe(0);
    expect(parseCsv(piped.stdout).slice(1).map((row) => row[0]).sort()).toEqual(seeded.map((r) => r.id).sort());

    const unset = await runScript([], { SWITCHBOARD_URL: baseUrl });
    expect(unset).toMatchObject({ code: 1, stdout: "", stderr: expect.stringContaining("SWITCHBOARD_TOKEN") });
  });

  it("stops with the API's reason and leaves no file behind when the token is refused", async () => {
    const { token: revoked, apiToken } = await createApiToken(ctx, { name: "Old report token", scopes: ["read"] });
    await revokeApiToken(ctx, apiToken.id);
    const file = path.join(dir, "refused.csv");

    for (const bad of [revoked, "sb_" + "x".repeat(43)]) {
      await expect(exportRequestsCsv({ baseUrl, token: bad, file })).rejects.toThrow(/401/);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.partial`)).toBe(false);
    }
  });
});

function runScript(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Asynchronous on purpose: the API answering it lives in this very process.
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("examples/requests-to-csv/export.ts"), ...args], {
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** RFC 4180, read back independently of the example's writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += c;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}
