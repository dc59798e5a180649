import { z } from "zod";
import {
  createNotificationRule,
  deleteNotificationRule,
  getNotificationRule,
  listNotificationMessages,
  listNotificationRules,
  sendTestNotification,
  updateNotificationRule,
} from "@/server/notifications/manage-rules";
import { createRuleInput, updateRuleInput } from "@/server/notifications/rule.schema";
import { dataspaceProcedure, router } from "../trpc";

const ruleId = z.object({ id: z.string().uuid("Unknown notification rule") });

/** Notification rules and their message logs (src/server/notifications/): members read, admins change. */
export const notificationRouter = router({
  list: dataspaceProcedure.query(async ({ ctx }) => (await listNotificationRules(ctx.tenant)).items),
  get: dataspaceProcedure.input(ruleId).query(({ ctx, input }) => getNotificationRule(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createRuleInput).mutation(({ ctx, input }) => createNotificationRule(ctx.tenant, input)),
  update: dataspaceProcedure.input(ruleId.extend({ changes: updateRuleInput })).mutation(({ ctx, input }) => updateNotificationRule(ctx.tenant, input.id, input.changes)),
  delete: dataspaceProcedure.input(ruleId).mutation(({ ctx, input }) => deleteNotificationRule(ctx.tenant, input.id)),
  sendTest: dataspaceProcedure.input(ruleId).mutation(({ ctx, input }) => sendTestNotification(ctx.tenant, input.id)),
  messages: dataspaceProcedure
    .input(ruleId.extend({ cursor: z.string().max(200).nullish(), status: z.enum(["PENDING", "SENT", "FAILED", "FOLDED"]).optional() }))
    .query(({ ctx, input }) => listNotificationMessages(ctx.tenant, input.id, { limit: 50, cursor: input.cursor ?? undefined, status: input.status })),
});
