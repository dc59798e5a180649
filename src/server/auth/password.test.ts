import { describe, expect, it } from "vitest";
import { hashPassword, passwordSchema, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password!", b)).toBe(true);
  });

  it("reads the parameters from the hash, so older parameters still verify", async () => {
    // Written with N=2^14 (cheaper than today's default).
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const key = scryptSync("legacy password", salt, 32, { N: 16384, r: 8, p: 1 });
    const legacy = `scrypt$16384$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword("legacy password", legacy)).toBe(true);
  });

  it("never verifies against a malformed or abusive stored hash", async () => {
    const hash = await hashPassword("some password");
    expect(await verifyPassword("some password", "not-a-hash")).toBe(false);
    expect(await verifyPassword("some password", hash.replace("scrypt$32768", "scrypt$1073741824"))).toBe(false);
    expect(await verifyPassword("some password", hash.replace("scrypt$32768", "scrypt$1000"))).toBe(false);
  });

  it("requires at least 10 characters, with a field message", () => {
    const result = passwordSchema.safeParse("short");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("Use at least 10 characters");
    expect(passwordSchema.safeParse("exactly10!").success).toBe(true);
  });
});
