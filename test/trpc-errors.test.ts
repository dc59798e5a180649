import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { db } from "@/server/db/client";
import { seedDataspace, seedUser, type SeededDataspace, type SeededUser } from "./factories";
import { listProcedures } from "./procedures";

/**
 * What the dashboard receives over HTTP when something is wrong: the status, a message a person
 * can read, field errors keyed by field, and never a stack trace. Goes through the real route
 * handler and error formatter; only the session lookup is replaced.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/auth", () => ({
  getSessionUser: async () => (session.userId ? { id: session.userId, email: "", name: null, image: null } : null),
}));

const procedureTypes = new Map(listProcedures().map((p) => [p.path, p.type]));

/** Calls a procedure as the dashboard's client does: queries by GET, mutations by POST. */
async function post(userId: string | null, path: string, input: unknown) {
  session.userId = userId;
  const wire = JSON.stringify({ json: input }); // superjson's wire format for plain JSON values
  const url = `http://localhost/api/trpc/${path}`;
  const response =
    procedureTypes.get(path) === "query"
      ? await GET(new Request(`${url}?input=${encodeURIComponent(wire)}`))
      : await POST(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: wire }));
  const text = await response.text();
  return { status: response.status, text, error: JSON.parse(text).error?.json };
}

describe("tRPC errors over HTTP", () => {
  let owner: SeededUser;
  let space: SeededDataspace;

  beforeAll(async () => {
    owner = await seedUser();
    space = await seedDataspace({ owner });
  });

  it("answers an invalid create with 400 and the invalid fields by name", async () => {
    const { status, error, text } = await post(owner.id, "request.create", {
      dataspace: space.slug,
      title: "   ",
      ccEmails: ["not-an-email"],
    });
    expect(status).toBe(400);
    expect(error.message).toBe("Some fields are invalid");
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(error.data.fieldErrors).toEqual({ title: ["Title is required"], "ccEmails.0": ["Not a valid email address"] });
    expect(text).not.toMatch(/stack|at .*\.ts:\d+/);
    expect(await db.request.count()).toBe(0);
  });

  it("answers a domain validation failure with the same shape", async () => {
    const stranger = await seedUser();
    const { status, error } = await post(owner.id, "request.create", {
      dataspace: space.slug,
      title: "Assigned to a stranger",
      assigneeId: stranger.id,
    });
    expect(status).toBe(400);
    expect(error.data.fieldErrors).toEqual({ assigneeId: ["The assignee is not a member of this dataspace"] });
  });

  it("answers text PostgreSQL cannot store (NUL, lone surrogates) with 422 naming the field, not a server error", async () => {
    const nul = "\u0000";
    const attempts: Record<string, [unknown, string]> = {
      "request.create": [{ dataspace: space.slug, title: "ok", serializedData: { key: `v${nul}` } }, "serializedData.key"],
      "request.list": [{ dataspace: space.slug, q: nul }, "q"],
      "dataspace.rename": [{ dataspace: space.slug, name: `Team\ud800` }, "name"],
      "event.list": [{ dataspace: space.slug, type: nul }, "type"],
    };
    for (const [path, [input, field]] of Object.entries(attempts)) {
      const { status, error } = await post(owner.id, path, input);
      expect({ path, status }).toEqual({ path, status: 422 });
      expect(error.data.fieldErrors[field]).toEqual([expect.stringMatching(/NUL.*lone UTF-16 surrogate/)]);
    }
    expect(await db.request.count()).toBe(0);
  });

  it("applies the text rule to every procedure's input, before anything else", async () => {
    for (const { path } of listProcedures()) {
      for (const bad of ["a\u0000b", "\udfff", "x\ud800"]) {
        const { status, error } = await post(owner.id, path, { dataspace: space.slug, nested: [{ text: bad }] });
        expect({ path, status, field: error && Object.keys(error.data.fieldErrors ?? {}) }).toEqual({ path, status: 422, field: ["nested.0.text"] });
      }
    }
  });

  it("answers a slug conflict with 409 and the slug field", async () => {
    const { status, error } = await post(owner.id, "dataspace.create", { name: "Twin", slug: space.slug });
    expect(status).toBe(409);
    expect(error.data.fieldErrors).toEqual({ slug: ["That slug is taken"] });
  });

  it("answers 401 when signed out and 404 for a dataspace one is not in", async () => {
    const signedOut = await post(null, "request.create", { dataspace: space.slug, title: "Hello" });
    expect(signedOut.status).toBe(401);
    expect(signedOut.error.message).toBe("Sign in to continue");
    const outsider = await seedUser();
    const notMine = await post(outsider.id, "request.create", { dataspace: space.slug, title: "Hello" });
    expect(notMine.status).toBe(404);
    expect(notMine.error.message).toBe("Dataspace not found");
    expect(notMine.error.data.fieldErrors).toBeNull();
  });
});
