import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLOutputType } from "graphql";
import type { EventRow } from "@/server/events/list-events";
import { subscribeToEvents } from "@/server/events/live/subscribe-events";
import { serializeEvent } from "@/server/events/serialize-event";
import { actingFor, requireScopeFor } from "@/server/rest/invoke";
import type { GraphqlContext } from "./context";
import { graphqlErrorOf } from "./errors";

/**
 * The Subscription root: `events(types, filter)`, a dataspace's new events as they commit
 * (src/server/events/live), over SSE (`Accept: text/event-stream` on /api/graphql) and WebSocket
 * (`graphql-ws` on the same path). Same scope as reading the event log: `events:admin`.
 */
export function subscriptionType(eventType: GraphQLOutputType): GraphQLObjectType {
  return new GraphQLObjectType<unknown, GraphqlContext>({
    name: "Subscription",
    fields: {
      events: {
        type: eventType,
        description:
          "New events of the token's dataspace as they are committed, optionally only types matching `types` (`request.*`) and passing `filter` (the webhook filter language). At most once: an event committed while the connection is down is not replayed; read the event log for those. Scope: `events:admin`.",
        args: {
          types: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)), description: "Event types or `prefix.*` patterns, as a webhook subscribes" },
          filter: { type: GraphQLString, description: "A filter expression over `event` and `data`, as a webhook's" },
        },
        subscribe: async (_root, args: { types?: string[] | null; filter?: string | null }, ctx) => {
          try {
            requireScopeFor(ctx.principal, { resource: "events", level: "admin" }, "The events subscription");
            const tenant = actingFor(ctx.principal, "events");
            return await subscribeToEvents(tenant, { types: args.types ?? undefined, filter: args.filter ?? undefined });
          } catch (error) {
            throw graphqlErrorOf(error, { types: "types", filter: "filter" });
          }
        },
        resolve: (event, _args, ctx) => serializeEvent(event as EventRow, ctx.principal.tenant.dataspace),
      },
    },
  });
}
