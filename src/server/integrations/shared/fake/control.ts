import type http from "node:http";

/**
 * The skeleton of every issue tracker fake's `/_fake/` control surface, the test-only side a test
 * in another process (e2e) drives: JSON in, JSON out; `GET /_fake/health` and `GET
 * /_fake/deliveries` (the webhooks sent and their answers) everywhere; a body that is not JSON, or
 * a request the fake cannot do (its route throws: an unknown project, a person without access),
 * answers 400 with why; anything else 404. The routes themselves — what a platform's world is
 * made of — are each fake's.
 */

/** A route's answer: the status and the JSON body. */
export type ControlAnswer = [status: number, body: unknown];

export type ControlSurface = {
  /** What `GET /_fake/deliveries` answers. */
  deliveries: () => readonly unknown[];
  /** Serve `GET /_fake/avatars/<user id>`, for a fake whose JSON gives users an `avatar_url` there. */
  avatars?: boolean;
  /** The fake's own routes: an answer, or undefined when none matches (404). May throw (400 with the message). */
  route: (method: string, path: string, input: Record<string, unknown>) => ControlAnswer | undefined;
};

export function serveControlSurface(request: { method: string; path: string; text: string }, res: http.ServerResponse, surface: ControlSurface): void {
  const { method, path } = request;
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const avatar = surface.avatars ? /^\/_fake\/avatars\/(\d+)$/.exec(path) : null;
  if (method === "GET" && avatar) return serveAvatar(Number(avatar[1]), res);
  let input: Record<string, unknown>;
  try {
    input = request.text ? (JSON.parse(request.text) as Record<string, unknown>) : {};
  } catch {
    return reply(400, { message: "the body is not JSON" });
  }
  try {
    if (method === "GET" && path === "/_fake/health") return reply(200, { ok: true });
    if (method === "GET" && path === "/_fake/deliveries") return reply(200, surface.deliveries());
    const answer = surface.route(method, path, input);
    if (answer) return reply(...answer);
  } catch (error) {
    return reply(400, { message: (error as Error).message });
  }
  reply(404, { message: `no control ${method} ${path}` });
}

/** A user's avatar: a square of a colour of its own, so a page showing users has an image to load. */
function serveAvatar(userId: number, res: http.ServerResponse): void {
  const colour = ((userId * 2654435761) % 0xffffff).toString(16).padStart(6, "0");
  res.writeHead(200, { "content-type": "image/svg+xml" });
  res.end(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#${colour}"/></svg>`);
}
