import { describe, expect, it } from "vitest";
import { API_SCOPES, hasScope, isKnownScope, tokenRole } from "./scopes";

describe("scopes", () => {
  it("knows the global levels and every resource at every level, nothing else", () => {
    expect(API_SCOPES).toHaveLength(3 + 12 * 3);
    for (const scope of ["read", "write", "admin", "requests:read", "members:admin", "webhooks:write", "alerts:write", "deployments:read", "notifications:admin", "metrics:read"]) expect(isKnownScope(scope), scope).toBe(true);
    for (const scope of ["", "delete", "requests", "requests:delete", "users:read", "requests:read:extra", "READ", ":read"]) {
      expect(isKnownScope(scope), scope).toBe(false);
    }
  });

  it("lets a higher level imply the lower ones, globally or for its own resource only", () => {
    expect(hasScope(["write"], "requests", "read")).toBe(true);
    expect(hasScope(["write"], "members", "write")).toBe(true);
    expect(hasScope(["write"], "members", "admin")).toBe(false);
    expect(hasScope(["admin"], "integrations", "admin")).toBe(true);
    expect(hasScope(["requests:admin"], "requests", "read")).toBe(true);
    expect(hasScope(["requests:admin"], "events", "read")).toBe(false);
    expect(hasScope(["requests:read", "events:write"], "events", "write")).toBe(true);
    expect(hasScope(["requests:read"], "requests", "write")).toBe(false);
    expect(hasScope([], "requests", "read")).toBe(false);
    expect(hasScope(["nonsense"], "requests", "read")).toBe(false);
  });

  it("gives a token the lower of its creator's role and what its scopes allow", () => {
    expect(tokenRole("OWNER", ["read"])).toBe("VIEWER");
    expect(tokenRole("OWNER", ["requests:write", "events:read"])).toBe("MEMBER");
    expect(tokenRole("OWNER", ["admin"])).toBe("ADMIN"); // never an owner through the API
    expect(tokenRole("ADMIN", ["webhooks:admin"])).toBe("ADMIN");
    expect(tokenRole("MEMBER", ["admin"])).toBe("MEMBER");
    expect(tokenRole("VIEWER", ["write"])).toBe("VIEWER");
    expect(tokenRole("ADMIN", [])).toBeNull();
  });
});
