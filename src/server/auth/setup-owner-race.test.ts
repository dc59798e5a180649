import { expect, it } from "vitest";
import { db } from "@/server/db/client";
import { setupOwnerInput } from "./auth.schema";
import { setupOwner } from "./setup-owner";

it("lets exactly one of two simultaneous setup forms create the owner", async () => {
  const attempt = (email: string) =>
    setupOwner(setupOwnerInput.parse({ name: "Racer", email, password: "a long password" }));
  const results = await Promise.allSettled([attempt("first@example.test"), attempt("second@example.test")]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(await db.user.count({ where: { isInstanceAdmin: true } })).toBe(1);
});
