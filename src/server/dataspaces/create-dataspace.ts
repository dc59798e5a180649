import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { createDataspaceInput } from "./dataspace.schema";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `space-${slug}`.replace(/-$/, "");
}

/** Creates a dataspace with the creator as its owner. Without an explicit slug, one is derived. */
export async function createDataspace(userId: string, input: z.output<typeof createDataspaceInput>) {
  const base = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      return await db.dataspace.create({
        data: { slug, name: input.name, memberships: { create: { userId, role: "OWNER" } } },
        select: { id: true, slug: true, name: true },
      });
    } catch (error) {
      const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!taken) throw error;
      if (input.slug) throw new AppError("CONFLICT", "That slug is taken", { fieldErrors: { slug: ["That slug is taken"] } });
    }
  }
  throw new AppError("CONFLICT", "Could not find a free slug; choose one");
}
