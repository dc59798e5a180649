"use client";

import type { ReactNode } from "react";
import { errorMessage } from "@/trpc/errors";
import { ErrorAlert } from "./alert";
import { Card, CardHeader } from "./card";
import { SkeletonRows } from "./skeleton";

type ListQuery<T> = { isPending: boolean; isError: boolean; error: unknown; data?: T[] };

/**
 * A card listing a dataspace's items of one kind (metric mappings, pipeline rules): the header,
 * loading / error / empty states, then the rows the caller renders, in a list named after `noun`.
 */
export function ItemListCard<T>(props: {
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  /** What is listed, in lower case: "pipeline rules" → "Loading pipeline rules", a list named "Pipeline rules". */
  noun: string;
  query: ListQuery<T>;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const { query, noun } = props;
  return (
    <Card>
      <CardHeader title={props.title} description={props.description} actions={props.actions} />
      {query.isPending ? (
        <SkeletonRows rows={3} label={`Loading ${noun}`} />
      ) : query.isError || !query.data ? (
        <ErrorAlert className="m-4">
          Could not load {noun}: {errorMessage(query.error)}
        </ErrorAlert>
      ) : query.data.length === 0 ? (
        props.empty
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={noun.charAt(0).toUpperCase() + noun.slice(1)}>
          {props.children(query.data)}
        </ul>
      )}
    </Card>
  );
}
