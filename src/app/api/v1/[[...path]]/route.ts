import { handleApiRequest } from "@/server/rest/handler";

// The public REST API. server.ts serves /api/v1/ itself, before Next's router; this route covers
// plain `next start` and serverless hosts. Every method goes to the handler, which answers 405
// (with Allow) for the ones a path does not take.
export const dynamic = "force-dynamic";

export {
  handleApiRequest as GET,
  handleApiRequest as POST,
  handleApiRequest as PUT,
  handleApiRequest as PATCH,
  handleApiRequest as DELETE,
  handleApiRequest as HEAD,
  handleApiRequest as OPTIONS,
};
