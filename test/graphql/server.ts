import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleGraphqlRequest } from "@/server/graphql/endpoint";
import { graphqlWebSocketServer } from "@/server/graphql/websocket";
import { serveWebHandler } from "@/server/http/node-web-adapter";
import { handleApiRequest } from "@/server/rest/handler";

/** The REST and GraphQL APIs (HTTP, SSE and WebSocket) on 127.0.0.1, routed as server.ts routes them. */
export async function startGraphqlServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = graphqlWebSocketServer();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/api/graphql")) return void serveWebHandler(handleGraphqlRequest, req, res);
    void serveWebHandler(handleApiRequest, req, res);
  });
  server.on("upgrade", (req, socket, head) => (req.url === "/api/graphql" ? sockets.handleUpgrade(req, socket, head) : socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await sockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
