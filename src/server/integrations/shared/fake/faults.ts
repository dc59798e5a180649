import type http from "node:http";

/**
 * The fault switch and the unanswered responses every issue tracker fake has. Which faults there
 * are and how each is answered (status, headers, error body) is the platform's and stays in its
 * fake; what is the same is the bookkeeping: a fault armed for the next `times` requests (default
 * 1) that `match` picks, and responses a fault leaves hanging, which closing the fake must end
 * itself — `server.close()` would otherwise wait for them forever.
 */

/** What every fake's Fault has besides its own kinds. */
type Switchable = { times?: number; match?: (request: never) => boolean };
/** What the fake's `match` is shown of a request (method and path, or a GraphQL operation). */
type RequestOf<F extends Switchable> = Parameters<NonNullable<F["match"]>>[0];

export function createFaultSwitch<F extends Switchable>() {
  let armed: (F & { left: number; match?: (request: RequestOf<F>) => boolean }) | null = null;
  return {
    /** Arms `next` (null clears it), replacing any fault still armed. */
    set(next: F | null): void {
      armed = next ? { ...next, left: next.times ?? 1 } : null;
    },
    /** The fault this request is to fail with, counting it; null when none is armed or `match` passes it by. */
    take(request: RequestOf<F>): F | null {
      const current = armed;
      if (!current || current.left <= 0 || (current.match && !current.match(request))) return null;
      current.left -= 1;
      if (current.left === 0) armed = null;
      return current;
    },
  };
}

export function createHangingResponses() {
  const hanging = new Set<http.ServerResponse>();
  return {
    /** Never answers `res` (a hang, or an answer lost after the request took effect). */
    hang(res: http.ServerResponse): void {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
    },
    /** Ends the hanging responses and every connection, then closes the server. */
    async closeServer(server: http.Server): Promise<void> {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
