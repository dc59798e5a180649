import http from "node:http";
import net from "node:net";

/** Test helpers: real HTTP servers on 127.0.0.1 that answer however a test says. */
export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

export type TestServer = {
  url: string;
  port: number;
  received: Received[];
  connections: number;
  close(): Promise<void>;
};

export async function startHttpServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<TestServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handle(req, res);
    });
  });
  const state = { connections: 0 };
  server.on("connection", () => state.connections++);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    get connections() {
      return state.connections;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Accepts TCP connections and never sends a byte (an HTTPS client never finishes its handshake). */
export async function startSilentTcpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  const port = await listen(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}
