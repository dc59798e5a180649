import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/trpc/errors";

type PagedList = { hasNextPage: boolean; isFetchingNextPage: boolean; isFetchNextPageError: boolean; error: unknown; fetchNextPage: () => unknown };

/** Below a paged list: how many are shown, "Load more" while there are more, and a failed load's error. */
export function ListFooter({ count, noun, suffix, list }: { count: number; noun: string; suffix?: ReactNode; list: PagedList }) {
  return (
    <>
      <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
        <span>
          Showing {count} {noun}
          {count === 1 ? "" : "s"}
          {suffix}
        </span>
        {list.hasNextPage && (
          <Button variant="secondary" size="sm" pending={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Load more
          </Button>
        )}
      </div>
      {list.isFetchNextPageError && <ErrorAlert className="m-4">Could not load more: {errorMessage(list.error)}</ErrorAlert>}
    </>
  );
}
