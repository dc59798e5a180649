import { handleGraphqlRequest } from "@/server/graphql/endpoint";

// The GraphQL API and its SDL. server.ts serves /api/graphql itself, before Next's router; this
// route covers plain `next start` and serverless hosts.
export const dynamic = "force-dynamic";

export { handleGraphqlRequest as GET, handleGraphqlRequest as POST, handleGraphqlRequest as OPTIONS };
