import { GraphQLClient } from "graphql-request";
import { CloseDocument, CommentDocument, CreateRequestDocument, OpenRequestsDocument, RequestWithCommentsDocument } from "./graphql";

/**
 * A client nobody here wrote (graphql-request) with operations typed by GraphQL Code Generator from
 * the published SDL: a request's life — created, commented, paged through, closed, read back.
 */
export async function requestLifecycleOverGraphql(baseUrl: string, token: string) {
  const client = new GraphQLClient(`${baseUrl}/api/graphql`, { headers: { authorization: `Bearer ${token}` } });
  const { createRequest } = await client.request(CreateRequestDocument, { input: { title: "Typed over GraphQL", priority: "high", notes: "From the generated client" } });
  await client.request(CommentDocument, { uuid: createRequest.uuid, text: "First typed comment" });
  const titles: string[] = [];
  let after: string | null | undefined = undefined;
  do {
    const page: Awaited<ReturnType<typeof openPage>> = await openPage(client, after);
    titles.push(...page.requests.nodes.map((node) => node.title));
    after = page.requests.pageInfo.hasNextPage ? page.requests.pageInfo.endCursor : undefined;
  } while (after);
  const { updateRequest } = await client.request(CloseDocument, { uuid: createRequest.uuid });
  const { request } = await client.request(RequestWithCommentsDocument, { uuid: createRequest.uuid });
  return { created: createRequest, openTitles: titles, closed: updateRequest.status, read: request };
}

const openPage = (client: GraphQLClient, after: string | null | undefined) => client.request(OpenRequestsDocument, { first: 2, after });
