import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { ScopedTx } from "@/server/db/scoped";
import { AppError, notFound } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/pagination/cursor";
import {
  MAX_CUSTOM_EVENT_TYPES,
  type CreateCustomEventTypeInput,
  type listCustomEventTypesInput,
  type UpdateCustomEventTypeInput,
} from "./custom-event-type.schema";
import { checkEventSchema } from "./event-schema";
import { customEventTypeSelect, toCustomEventTypeView, type CustomEventTypeView } from "./serialize-custom-event-type";
import type { z } from "zod";

/**
 * Custom event types: registered by admins (they shape what webhooks receive), readable by every
 * member — a type's name and schema are what a publisher (a member's token with `events:write`)
 * needs to know, and hold no event data.
 */

/** The dataspace's types by name, keyset-paginated on the name. */
export async function listCustomEventTypes(ctx: TenantContext, input: z.output<typeof listCustomEventTypesInput>): Promise<Page<CustomEventTypeView>> {
  requireRole(ctx.actor, "VIEWER");
  const after = input.cursor ? decodeCursor(input.cursor, "event-types:name", 1)[0] : undefined;
  const rows = await ctx.db.customEventType.findMany({
    where: after !== undefined ? { name: { gt: after } } : {},
    orderBy: { name: "asc" },
    take: input.limit + 1,
    select: customEventTypeSelect,
  });
  const items = rows.slice(0, input.limit).map(toCustomEventTypeView);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor("event-types:name", [last.name]) : null };
}

export async function getCustomEventType(ctx: TenantContext, id: string, db: Pick<ScopedTx, "customEventType"> = ctx.db): Promise<CustomEventTypeView> {
  requireRole(ctx.actor, "VIEWER");
  const row = await db.customEventType.findFirst({ where: { id }, select: customEventTypeSelect });
  if (!row) throw notFound("Event type");
  return toCustomEventTypeView(row);
}

export async function createCustomEventType(ctx: TenantContext, input: CreateCustomEventTypeInput): Promise<CustomEventTypeView> {
  requireRole(ctx.actor, "ADMIN");
  const schema = checkEventSchema(input.schema);
  if ((await ctx.db.customEventType.count()) >= MAX_CUSTOM_EVENT_TYPES) {
    throw new AppError("UNPROCESSABLE", `A dataspace registers at most ${MAX_CUSTOM_EVENT_TYPES} custom event types; delete one it no longer uses`);
  }
  try {
    const row = await ctx.db.customEventType.create({
      data: { dataspaceId: ctx.dataspace.id, name: input.name, description: input.description, schema: schema as Prisma.InputJsonObject, createdById: ctx.actor.userId },
      select: customEventTypeSelect,
    });
    return toCustomEventTypeView(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `name: ${input.name} is already registered`, { fieldErrors: { name: [`${input.name} is already registered in this dataspace`] } });
    }
    throw error;
  }
}

export type UpdateCustomEventTypeOptions = {
  /** Sees the type as it is, inside the change's transaction with the row locked, and throws to refuse the change (REST `If-Match`). */
  precondition?: (current: CustomEventTypeView) => void;
};

/** Changes the description and/or the schema; events published from now on are checked against the new schema. */
export async function updateCustomEventType(ctx: TenantContext, input: UpdateCustomEventTypeInput, options: UpdateCustomEventTypeOptions = {}): Promise<CustomEventTypeView> {
  requireRole(ctx.actor, "ADMIN");
  const schema = input.patch.schema === undefined ? undefined : checkEventSchema(input.patch.schema);
  return ctx.db.$transaction(async (tx) => {
    // Raw SQL passes the scoped client untouched, so it names the dataspace itself.
    await tx.$executeRaw`SELECT 1 FROM "CustomEventType" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const current = await getCustomEventType(ctx, input.id, tx);
    options.precondition?.(current);
    const row = await tx.customEventType.update({
      where: { id: current.id },
      data: { ...(input.patch.description !== undefined ? { description: input.patch.description } : {}), ...(schema ? { schema: schema as Prisma.InputJsonObject } : {}) },
      select: customEventTypeSelect,
    });
    return toCustomEventTypeView(row);
  });
}

/**
 * Unregisters a type: it can no longer be published. Its past events stay in the log, and
 * webhooks subscribed to it keep their subscription (registering the name again resumes it).
 */
export async function deleteCustomEventType(ctx: TenantContext, id: string): Promise<{ id: string }> {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.customEventType.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Event type");
  return { id };
}
