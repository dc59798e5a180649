import { getSessionUser } from "@/auth";
import { handleGraphqlRequest } from "@/server/graphql/endpoint";

// The GraphQL API and its SDL. server.ts serves token requests itself, before Next's router; the
// dashboard's session requests (GraphiQL) come here, where the session can be read, as do all
// requests on plain `next start` and serverless hosts.
export const dynamic = "force-dynamic";

const handler = (request: Request) => handleGraphqlRequest(request, { sessionUserId: async () => (await getSessionUser())?.id ?? null });

export { handler as GET, handler as POST };
