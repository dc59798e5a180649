import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiReference, type ApiDocument } from "@/app/(dashboard)/d/[slug]/api/reference";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import { apiRoutes } from "@/server/rest/routes";

/** The dashboard's API reference shows every route of the document, and its links lead somewhere. */
describe("the API reference page", () => {
  const doc = buildOpenApiDocument("https://switchboard.acme.test") as unknown as ApiDocument;
  const html = renderToStaticMarkup(createElement(ApiReference, { doc, dataspaceName: "Platform team", tokensLink: "API tokens" }));

  it("lists every route with its method, path, summary and scope", () => {
    for (const route of apiRoutes) {
      expect(html).toContain(`id="${route.operationId}"`);
      // The route's own card: from its anchor to the next one.
      const start = html.indexOf(`id="${route.operationId}"`);
      const next = html.slice(start + 4).search(/ id="(?!schema-)[A-Za-z]+"/);
      const card = next < 0 ? html.slice(start) : html.slice(start, start + 4 + next);
      expect(card).toContain(`/api/v1${route.path}`);
      expect(card).toContain(route.summary.replaceAll("'", "&#x27;"));
      expect(card).toContain(`scope ${route.scope.resource}:${route.scope.level}`);
    }
    expect(html).toContain("https://switchboard.acme.test/api/v1/requests?status=open");
  });

  it("shows each schema's fields, and every schema link has its target", () => {
    expect(html).toContain('id="schema-Request"');
    expect(html).toMatch(/cc_emails.*array of.*string/);
    const targets = new Set([...html.matchAll(/id="(schema-[^"]+)"/g)].map((m) => m[1]));
    const links = [...html.matchAll(/href="#(schema-[^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((link) => !targets.has(link))).toEqual([]);
  });
});
