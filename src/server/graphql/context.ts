import type { ApiPrincipal } from "@/server/api-tokens/authenticate-api-token";

/** Who a GraphQL operation acts as: an API token's principal (the same as REST's). */
export type GraphqlContext = { principal: ApiPrincipal };
