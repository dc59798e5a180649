import { authenticateApiToken, type ApiPrincipal } from "@/server/api-tokens/authenticate-api-token";
import { resolveTenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";

/** Who a GraphQL request acts as, or the refusal to answer with. */
export type PrincipalResult = { principal: ApiPrincipal } | { status: 401 | 404; message: string; code: string; headers?: Record<string, string> };

/** The dashboard names the dataspace of a session request in this header; it also keeps other sites out (see below). */
export const DATASPACE_HEADER = "x-switchboard-dataspace";
const CHALLENGE = { "www-authenticate": 'Bearer realm="Switchboard API"' };

/**
 * An API token (`Authorization: Bearer sb_…`), as REST; or, from the dashboard (GraphiQL), the
 * signed-in session plus the dataspace's slug in X-Switchboard-Dataspace. A session acts as the
 * member with their role, at most admin — what the broadest token can do. The custom header is
 * also the CSRF guard: another site's page cannot send it without a CORS preflight we never grant.
 */
export async function principalOf(request: Request, sessionUserId?: () => Promise<string | null>): Promise<PrincipalResult> {
  const authorization = request.headers.get("authorization");
  const slug = request.headers.get(DATASPACE_HEADER);
  if (!authorization && slug && sessionUserId) {
    const userId = await sessionUserId();
    if (!userId) return { status: 401, message: "Your session has ended; sign in again", code: "UNAUTHENTICATED" };
    try {
      const tenant = await resolveTenantContext(userId, slug);
      return { principal: { tokenId: `session:${userId}`, tenant, scopes: ["admin"] } };
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") return { status: 404, message: `You are not a member of a dataspace "${slug}"`, code: "NOT_FOUND" };
      throw error;
    }
  }
  if (!authorization || !/^Bearer\s+\S+$/i.test(authorization.trim())) {
    return { status: 401, message: "Send an API token: Authorization: Bearer sb_…", code: "UNAUTHENTICATED", headers: CHALLENGE };
  }
  const principal = await authenticateApiToken(authorization);
  if (!principal) return { status: 401, message: "This API token is not valid: unknown, revoked or expired, or its creator left the dataspace", code: "UNAUTHENTICATED", headers: CHALLENGE };
  return { principal };
}
