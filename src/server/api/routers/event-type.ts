import {
  createCustomEventTypeInput,
  customEventTypeIdInput,
  listCustomEventTypesInput,
  updateCustomEventTypeInput,
} from "@/server/events/custom/custom-event-type.schema";
import {
  createCustomEventType,
  deleteCustomEventType,
  listCustomEventTypes,
  updateCustomEventType,
} from "@/server/events/custom/manage-custom-event-types";
import { dataspaceProcedure, router } from "../trpc";

/** Custom event types (`custom.*`) of the dataspace: every member reads them, admins change them. */
export const eventTypeRouter = router({
  list: dataspaceProcedure.input(listCustomEventTypesInput).query(({ ctx, input }) => listCustomEventTypes(ctx.tenant, input)),
  create: dataspaceProcedure.input(createCustomEventTypeInput).mutation(({ ctx, input }) => createCustomEventType(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateCustomEventTypeInput).mutation(({ ctx, input }) => updateCustomEventType(ctx.tenant, input)),
  delete: dataspaceProcedure.input(customEventTypeIdInput).mutation(({ ctx, input }) => deleteCustomEventType(ctx.tenant, input.id)),
});
