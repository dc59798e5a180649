import "server-only";

import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { createElement, cache, type ReactNode } from "react";
import { getSessionUser } from "@/auth";
import { appRouter, createCaller } from "@/server/api/root";
import type { TrpcContext } from "@/server/api/trpc";
import { makeQueryClient } from "./query-client";

/** The signed-in user for this request, loaded once however many components ask. */
export const currentUser = cache(getSessionUser);

const createContext = cache(async (): Promise<TrpcContext> => ({ userId: (await currentUser())?.id ?? null }));

/** Calls procedures directly (no HTTP) as the signed-in user. */
export const getCaller = cache(async () => createCaller(await createContext()));

/** One query client per request, so prefetched data never leaks between users. */
export const getQueryClient = cache(makeQueryClient);

/** `trpc.x.y.queryOptions(…)` on the server, for `getQueryClient().prefetchQuery(…)`. */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** Sends what this request prefetched to the browser's query cache. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return createElement(HydrationBoundary, { state: dehydrate(getQueryClient()) }, children);
}
