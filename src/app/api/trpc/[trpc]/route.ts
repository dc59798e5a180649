import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getSessionUser } from "@/auth";
import { appRouter } from "@/server/api/root";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({ userId: (await getSessionUser())?.id ?? null }),
    onError({ error, path }) {
      // Only the unexpected reaches the log; users see the formatter's generic message.
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
