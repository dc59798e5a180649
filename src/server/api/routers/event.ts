import { eventCatalogJsonSchema } from "@/server/events/catalog";
import { getEventInput, listEventsInput } from "@/server/events/events.schema";
import { getEvent, listEvents } from "@/server/events/list-events";
import { authedProcedure, dataspaceProcedure, router } from "../trpc";

export const eventRouter = router({
  list: dataspaceProcedure.input(listEventsInput).query(({ ctx, input }) => listEvents(ctx.tenant, input)),
  get: dataspaceProcedure.input(getEventInput).query(({ ctx, input }) => getEvent(ctx.tenant, input.id)),
  catalog: authedProcedure.query(() => eventCatalogJsonSchema()),
});
