import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One factory for the browser's long-lived client and the per-request server client, so data
 * prefetched in a server component hydrates with the same (superjson) encoding the API uses.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data hydrated from the server is fresh enough not to refetch on mount.
        staleTime: 30_000,
        retry: (failureCount, error) => {
          // 4xx answers (not found, forbidden, bad input) will not change on retry.
          const status = (error as { data?: { httpStatus?: number } })?.data?.httpStatus;
          if (status && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
      // Server components await their prefetches, so only settled, successful data is sent.
      dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: defaultShouldDehydrateQuery },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
