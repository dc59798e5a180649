import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { GraphQLError, type ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { ApiPrincipal } from "@/server/api-tokens/authenticate-api-token";
import { liveHub } from "@/server/events/live/live-hub";
import { authenticateBearer, takeTokenSlot } from "@/server/rest/invoke";
import { graphqlYoga } from "./endpoint";
import { graphqlErrorOf } from "./errors";

type Envelope = { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown };

/**
 * GraphQL over WebSocket (`graphql-ws` protocol) on /api/graphql, for server.ts's upgrade
 * listener (Next has no WebSocket route handlers). The token comes in the connection's
 * `connectionParams.authorization` (`Bearer sb_…`); a connection without a valid one is closed
 * with 4403. Each operation runs through Yoga's envelope — the same schema, limits and errors as
 * HTTP — and takes a slot of the token's per-minute budget.
 */
export function graphqlWebSocketServer() {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const principals = new WeakMap<object, ApiPrincipal>();
  useServer<Record<string, unknown> | undefined>(
    {
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const principal = await authenticateBearer(typeof authorization === "string" ? authorization : null).catch(() => null);
        if (!principal) return false;
        principals.set(ctx.extra, principal);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const principal = principals.get(ctx.extra)!;
        try {
          await takeTokenSlot(principal.tokenId);
        } catch (error) {
          return [graphqlErrorOf(error)];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = graphqlYoga().getEnveloped({ principal, params: payload, request: ctx.extra.request });
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError("The query could not be parsed")];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors;
        const rootValue: Envelope = { execute, subscribe };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: await contextFactory(), rootValue };
      },
      execute: (args) => (args.rootValue as Envelope).execute(args) as never,
      subscribe: (args) => (args.rootValue as Envelope).subscribe(args) as never,
    },
    sockets,
  );
  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit("connection", ws, req));
    },
    async close(): Promise<void> {
      for (const client of sockets.clients) client.close(1001, "Server shutting down");
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await liveHub().stop();
    },
  };
}
