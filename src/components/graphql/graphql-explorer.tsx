"use client";

import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { useMemo } from "react";

const EXAMPLE = `# Your dataspace's open requests and their comments.
query OpenRequests {
  requests(first: 5, status: [open]) {
    nodes {
      uuid
      title
      priority
      comments { user text }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/**
 * GraphiQL (everything bundled: nothing is loaded from a CDN) on /api/graphql. The dataspace
 * header is filled in: with it the request runs as the signed-in member (and it keeps other sites'
 * pages out, see src/server/graphql/principal.ts).
 */
export function GraphqlExplorer({ slug }: { slug: string }) {
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: "/api/graphql" }), []);
  const headers = JSON.stringify({ "x-switchboard-dataspace": slug }, null, 2);
  return <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} headers={headers} defaultHeaders={headers} shouldPersistHeaders={false} isHeadersEditorEnabled />;
}
