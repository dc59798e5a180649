import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { setupOwnerInput } from "./auth.schema";
import { verifyPassword } from "./password";
import { needsSetup, setupOwner } from "./setup-owner";

const input = (email: string) =>
  setupOwnerInput.parse({ name: "Ada Owner", email, password: "a long password" });

describe("first-run owner setup", () => {
  it("creates the owner once, adopts ownerless dataspaces, then refuses", async () => {
    const orphan = await db.dataspace.create({ data: { slug: "orphan", name: "Orphan" } });
    expect(await needsSetup()).toBe(true);

    const owner = await setupOwner(input("Ada@Example.test"));
    expect(owner.email).toBe("ada@example.test");
    const stored = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(stored.isInstanceAdmin).toBe(true);
    expect(await verifyPassword("a long password", stored.passwordHash!)).toBe(true);
    expect(await db.membership.findFirst({ where: { dataspaceId: orphan.id, userId: owner.id } })).toMatchObject({ role: "OWNER" });
    expect(await needsSetup()).toBe(false);

    const again = await setupOwner(input("mallory@example.test")).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe("CONFLICT");
    expect(await db.user.findUnique({ where: { email: "mallory@example.test" } })).toBeNull();
  });

  it("gives clear field errors for a short password and a bad email", () => {
    const result = setupOwnerInput.safeParse({ name: "A", email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields.password).toBe("Use at least 10 characters");
    expect(fields.email).toBe("Enter a valid email address");
  });
});
