import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig, type GraphQLOutputType } from "graphql";
import type { EventRow } from "@/server/events/list-events";
import { subscribeToChanges, subscribeToEvents } from "@/server/events/live/subscribe-events";
import { serializeEvent } from "@/server/events/serialize-event";
import { actingFor, requireScope } from "@/server/rest/invoke";
import type { ApiRoute } from "@/server/rest/route";
import { callRoute } from "./call-route";
import type { GraphqlContext } from "./context";
import { graphqlErrorOf } from "./errors";

/**
 * The Subscription root, over SSE (`Accept: text/event-stream` on /api/graphql) and WebSocket
 * (`graphql-ws` on the same path), fed by src/server/events/live:
 * - `events(types, filter)`: a dataspace's new events, with the event log's scope (`events:admin`);
 * - `<object>Changed(uuid)`: an object as it changes, read again through its REST route's handler
 *   (`getAlert`…) for every change, so a subscriber sees it exactly as that route would show it
 *   (scope, role, private requests) — or not at all.
 */
export type ObjectSubscription = { field: string; route: ApiRoute; type: GraphQLOutputType; eventTypes: string[] };

/** `eventLog`: the event log's list route, whose scope the events subscription takes. */
export function subscriptionType(eventType: GraphQLOutputType, eventLog: ApiRoute, objects: ObjectSubscription[]): GraphQLObjectType {
  const fields: Record<string, GraphQLFieldConfig<unknown, GraphqlContext>> = {
    events: {
      type: eventType,
      description:
        "New events of the token's dataspace as they are committed, optionally only types matching `types` (`request.*`) and passing `filter` (the webhook filter language). At most once: an event committed while the connection is down is not replayed; read the event log for those. Scope: as the event log's (`events:admin`).",
      args: {
        types: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)), description: "Event types or `prefix.*` patterns, as a webhook subscribes" },
        filter: { type: GraphQLString, description: "A filter expression over `event` and `data`, as a webhook's" },
      },
      subscribe: async (_root, args: { types?: string[] | null; filter?: string | null }, ctx) => {
        try {
          requireScope(ctx.principal, eventLog);
          return await subscribeToEvents(actingFor(ctx.principal, eventLog.scope.resource), { types: args.types ?? undefined, filter: args.filter ?? undefined });
        } catch (error) {
          throw graphqlErrorOf(error);
        }
      },
      resolve: (event, _args, ctx) => serializeEvent(event as EventRow, ctx.principal.tenant.dataspace),
    },
  };
  for (const object of objects) fields[object.field] = objectChanges(object);
  return new GraphQLObjectType<unknown, GraphqlContext>({ name: "Subscription", fields });
}

function objectChanges({ route, type, eventTypes }: ObjectSubscription): GraphQLFieldConfig<unknown, GraphqlContext> {
  return {
    type,
    description: `The object as \`${route.operationId}\` shows it, each time one changes (events ${eventTypes.map((t) => `\`${t}\``).join(", ")}); only the one named by \`uuid\` when given. Scope: \`${route.scope.resource}:${route.scope.level}\`.`,
    args: { uuid: { type: GraphQLString, description: "Follow only this object" } },
    subscribe: async (_root, args: { uuid?: string | null }, ctx) => {
      try {
        requireScope(ctx.principal, route);
        const changes = await subscribeToChanges(actingFor(ctx.principal, route.scope.resource), eventTypes, args.uuid);
        return readEach(changes, route, ctx);
      } catch (error) {
        throw graphqlErrorOf(error);
      }
    },
    resolve: (object) => object,
  };
}

/** Each changed object read through its route; one the subscriber may not see is skipped. */
async function* readEach(changes: AsyncIterableIterator<{ uuid: string }>, route: ApiRoute, ctx: GraphqlContext): AsyncGenerator<unknown> {
  for await (const change of changes) {
    try {
      yield await callRoute(route, ctx, { values: { uuid: change.uuid }, names: { path: ["uuid"], query: new Map() } });
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code !== "NOT_FOUND") throw error;
    }
  }
}
