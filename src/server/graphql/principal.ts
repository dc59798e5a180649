import type { ApiPrincipal } from "@/server/api-tokens/authenticate-api-token";
import { resolveTenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { authenticateBearer } from "@/server/rest/invoke";
import { ApiProblem } from "@/server/rest/problem";

/** The dashboard names the dataspace of a session request in this header; it also keeps other sites out (see below). */
export const DATASPACE_HEADER = "x-switchboard-dataspace";

/**
 * An API token (`Authorization: Bearer sb_…`), as REST takes it; or, from the dashboard
 * (GraphiQL), the signed-in session plus the dataspace's slug in X-Switchboard-Dataspace. A
 * session acts as the member with their role, at most admin — what the broadest token can do.
 * The custom header is also the CSRF guard: another site's page cannot send it without a CORS
 * preflight we never grant. Refusals are ApiProblems (401, 404).
 */
export async function principalOf(request: Request, sessionUserId?: () => Promise<string | null>): Promise<ApiPrincipal> {
  const authorization = request.headers.get("authorization");
  const slug = request.headers.get(DATASPACE_HEADER);
  if (authorization || !slug || !sessionUserId) return authenticateBearer(authorization);
  const userId = await sessionUserId();
  if (!userId) throw new ApiProblem("unauthenticated", "Your session has ended; sign in again");
  try {
    return { tokenId: `session:${userId}`, tenant: await resolveTenantContext(userId, slug), scopes: ["admin"] };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") throw new ApiProblem("not-found", `You are not a member of a dataspace "${slug}"`);
    throw error;
  }
}
