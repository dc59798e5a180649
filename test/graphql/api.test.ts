import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { GRAPHQL_LIMITS } from "@/server/graphql/limits";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor, type SeededUser } from "../factories";
import { apiAs } from "../rest/api";
import { graphqlAs, postGraphql } from "./client";

/** The GraphQL API as a client sees it: the same objects, rules and refusals as REST, in GraphQL's shape. */
describe("GraphQL API", () => {
  let member: SeededUser;
  let ctx: TenantContext;
  let token: string;
  let gql: ReturnType<typeof graphqlAs>;

  beforeAll(async () => {
    const owner = await seedUser({ name: "Olivia Owner" });
    member = await seedUser({ name: "Max Member" });
    const space = await seedDataspace({ owner, name: "Platform team" });
    await addMember(space, member, "MEMBER");
    ctx = await tenantFor(owner.id, space.slug);
    token = await seedApiToken(ctx, ["admin"]);
    gql = graphqlAs(token);
  });

  it("creates a request, comments on it and reads both back, as REST shows them", async () => {
    const created = await gql(
      `mutation Create($input: RequestCreateInput!) { createRequest(input: $input) { uuid title status priority assignee serialized_data cc_emails api_url } }`,
      { input: { title: "Rotate the payments key", priority: "urgent", assignee: member.email, serialized_data: { "Need By Date": "2026-12-24" }, cc_emails: ["sec@example.test"] } },
    );
    expect(created.status).toBe(200);
    expect(created.body.errors).toBeUndefined();
    const request = created.body.data.createRequest;
    expect(request).toMatchObject({ title: "Rotate the payments key", status: "open", priority: "Urgent", assignee: member.email, serialized_data: { "Need By Date": "2026-12-24" } });

    const comment = await gql(`mutation { addRequestComment(uuid: "${request.uuid}", input: { text: "Key rotated in staging" }) { uuid text user } }`);
    expect(comment.body.errors).toBeUndefined();
    expect(comment.body.data.addRequestComment.text).toBe("Key rotated in staging");

    const read = await gql(`query One($uuid: String!) { request(uuid: $uuid) { uuid title comments { text } } requestComments(uuid: $uuid) { nodes { text } pageInfo { hasNextPage endCursor } } }`, { uuid: request.uuid });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.request.comments).toEqual([{ text: "Key rotated in staging" }]);
    expect(read.body.data.requestComments).toEqual({ nodes: [{ text: "Key rotated in staging" }], pageInfo: { hasNextPage: false, endCursor: null } });

    // REST reads the same object.
    const rest = await apiAs(token).get(`/requests/${request.uuid}`);
    expect(rest.body).toMatchObject({ uuid: request.uuid, title: request.title, api_url: request.api_url, cc_emails: request.cc_emails });
  });

  it("pages a list with first/after until pageInfo says there is no more", async () => {
    for (let i = 0; i < 5; i++) await seedRequest(ctx, { title: `Paged request ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer = await gql(`query Page($after: String) { requests(first: 2, after: $after, q: "Paged request") { nodes { title } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(answer.body.errors).toBeUndefined();
      const { nodes, pageInfo } = answer.body.data.requests;
      expect(nodes.length).toBeLessThanOrEqual(2);
      seen.push(...nodes.map((node: { title: string }) => node.title));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Paged request ${i}`));
  });

  it("refuses with extensions.code and the fields at fault, never a stack trace", async () => {
    const invalid = await gql(`mutation { createRequest(input: { title: "nul\\u0000byte", cc_emails: ["not-an-email"] }) { uuid } }`);
    expect(invalid.body.data).toBeNull();
    expect(invalid.body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", status: 422 });
    expect(invalid.body.errors[0].extensions.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(["title"]));

    const missing = await gql(`{ request(uuid: "00000000-0000-4000-8000-000000000000") { uuid } }`);
    expect(missing.body.errors[0]).toMatchObject({ message: expect.stringContaining("not found"), path: ["request"], extensions: { code: "NOT_FOUND", status: 404 } });

    const prototypeId = await gql(`{ request(uuid: "__proto__") { uuid } }`);
    expect(prototypeId.body.errors[0].extensions.code).toBe("NOT_FOUND");
    const garbage = await gql(`{ requests(after: "garbage-cursor") { nodes { uuid } } }`);
    expect(garbage.body.errors[0]).toMatchObject({ message: expect.stringContaining("Invalid cursor"), extensions: { code: "BAD_USER_INPUT", status: 400 } });

    const unknownField = await gql(`{ requests { nodes { constructor } } }`);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0]).toMatchObject({ message: expect.stringContaining('Cannot query field "constructor"'), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    const broken = await gql(`{ requests { nodes { uuid }`);
    expect(broken.body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    const badVariable = await gql(`query Q($first: Int) { requests(first: $first) { nodes { uuid } } }`, { first: "many" });
    expect(badVariable.body.errors[0]).toMatchObject({ message: expect.stringContaining('Variable "$first"'), extensions: { code: "BAD_USER_INPUT" } });
    for (const answer of [invalid, missing, prototypeId, garbage, unknownField]) expect(answer.text).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it("asks for a token, and holds a token to its scopes and to the REST rate limit", async () => {
    const anonymous = await postGraphql(null, { query: "{ dataspace { slug } }" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const bogus = await postGraphql("sb_not_a_real_token_at_all_0000000000", { query: "{ dataspace { slug } }" });
    expect(bogus.status).toBe(401);

    const reader = graphqlAs(await seedApiToken(ctx, ["requests:read"]));
    const me = await reader(`{ dataspace { slug scopes } }`);
    expect(me.body.data.dataspace).toEqual({ slug: ctx.dataspace.slug, scopes: ["requests:read"] });
    const write = await reader(`mutation { createRequest(input: { title: "Not allowed" }) { uuid } }`);
    expect(write.body.errors[0].extensions).toMatchObject({ code: "FORBIDDEN", status: 403 });
    expect(write.body.errors[0].message).toContain("requests:write");
    const otherResource = await reader(`{ webhooks { nodes { uuid } } }`);
    expect(otherResource.body.errors[0].extensions.code).toBe("FORBIDDEN");

    const answer = await gql(`{ dataspace { slug } }`);
    expect(Number(answer.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    const remainingAfterGraphql = Number(answer.headers.get("ratelimit-remaining"));
    const rest = await apiAs(token).get("/requests?limit=1");
    expect(Number(rest.headers.get("ratelimit-remaining"))).toBe(remainingAfterGraphql - 1);
  });

  it("takes the dashboard session with the dataspace header, as the member with their role", async () => {
    const { handleGraphqlRequest } = await import("@/server/graphql/endpoint");
    const viewer = await seedUser({ name: "Vera Viewer" });
    await addMember(ctx.dataspace, viewer, "VIEWER");
    const asSession = async (userId: string | null, slug: string | null, query: string) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (slug) headers["x-switchboard-dataspace"] = slug;
      const response = await handleGraphqlRequest(new Request("http://api.test/api/graphql", { method: "POST", headers, body: JSON.stringify({ query }) }), { sessionUserId: async () => userId });
      return { status: response.status, body: await response.json() };
    };
    const read = await asSession(viewer.id, ctx.dataspace.slug, "{ dataspace { slug } requests(first: 1) { nodes { uuid } } }");
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.dataspace.slug).toBe(ctx.dataspace.slug);
    const write = await asSession(viewer.id, ctx.dataspace.slug, 'mutation { createRequest(input: { title: "Viewer tries" }) { uuid } }');
    expect(write.body.errors[0].extensions.code).toBe("FORBIDDEN");
    // Without the header a session is not enough (the header is the CSRF guard); outside the dataspace, not found.
    expect((await asSession(viewer.id, null, "{ dataspace { slug } }")).status).toBe(401);
    expect((await asSession(null, ctx.dataspace.slug, "{ dataspace { slug } }")).status).toBe(401);
    const stranger = await seedUser();
    expect((await asSession(stranger.id, ctx.dataspace.slug, "{ dataspace { slug } }")).status).toBe(404);
  });

  it("refuses operations beyond each limit before running them", async () => {
    // The schema's own types nest only a few levels; introspection's `ofType` chain goes as deep as asked.
    const nested = (depth: number) => `{ __type(name: "Request") { fields { type { ${"ofType { ".repeat(depth)}name${" }".repeat(depth)} } } } }`;
    const deep = await gql(nested(GRAPHQL_LIMITS.maxDepth + 2));
    expect(deep.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(deep.body.errors[0].message).toMatch(/depth/i);

    const aliases = await gql(`{ ${Array.from({ length: GRAPHQL_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: dataspace { slug }`).join(" ")} }`);
    expect(aliases.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(aliases.body.errors[0].message).toMatch(/alias/i);

    const tokens = await gql(`{ dataspace { ${"slug ".repeat(GRAPHQL_LIMITS.maxTokens)} } }`);
    expect(tokens.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(tokens.body.errors[0].message).toMatch(/token/i);

    // Few tokens, many fields: one fragment spread a hundred times.
    const fragment = "fragment F on Request { uuid title status notes priority assignee requester is_private created_date last_modified_date comments { uuid text user created_date } }";
    const costly = await gql(`{ requests { nodes { ${"...F ".repeat(100)} } } } ${fragment}`);
    expect(costly.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(costly.body.errors[0].message).toMatch(/cost limit of 5000/i);
    // Within every limit, the same fragment runs.
    const fine = await gql(`{ requests(first: 1) { nodes { ...F } } } ${fragment}`);
    expect(fine.body.errors).toBeUndefined();
  });

  it("runs a batch of operations in one POST, up to the cap", async () => {
    const batch = await postGraphql(token, [{ query: "{ dataspace { slug } }" }, { query: "{ requests(first: 1) { nodes { uuid } } }" }]);
    expect(batch.status).toBe(200);
    expect(batch.body).toHaveLength(2);
    expect(batch.body[0].data.dataspace.slug).toBe(ctx.dataspace.slug);
    const huge = await postGraphql(token, { query: `{ dataspace { slug } } # ${"x".repeat(1024 * 1024)}` });
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].message).toMatch(/larger than \d+ bytes/);
    const tooMany = await postGraphql(token, Array.from({ length: 11 }, () => ({ query: "{ dataspace { slug } }" })));
    expect(tooMany.status).toBe(413);
    expect(tooMany.text).toMatch(/batch/i);
  });

  it("publishes its SDL and answers introspection", async () => {
    const { handleGraphqlRequest } = await import("@/server/graphql/endpoint");
    const sdl = await handleGraphqlRequest(new Request("http://api.test/api/graphql/schema.graphql"));
    expect(sdl.status).toBe(200);
    expect(await sdl.text()).toContain("type Query {");
    const introspection = await gql(`{ __type(name: "Request") { fields { name } } }`);
    expect(introspection.body.data.__type.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(["uuid", "title", "comments"]));
  });
});
