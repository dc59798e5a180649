import { GraphQLError } from "graphql";
import { problemFrom, type ApiProblem } from "@/server/rest/problem";

/**
 * The domain's refusals as GraphQL errors, mapped once: the same problem types the REST API
 * answers with (src/server/rest/problem.ts), as `extensions.code` plus the HTTP status REST would
 * have used and the fields at fault. An unexpected failure says nothing about itself.
 */
const CODES: Partial<Record<ApiProblem["type"], string>> = {
  "bad-request": "BAD_USER_INPUT",
  "validation-error": "BAD_USER_INPUT",
  "idempotency-key-reused": "BAD_USER_INPUT",
  unauthenticated: "UNAUTHENTICATED",
  "missing-scope": "FORBIDDEN",
  forbidden: "FORBIDDEN",
  "not-found": "NOT_FOUND",
  conflict: "CONFLICT",
  "idempotency-key-in-use": "CONFLICT",
  gone: "NOT_FOUND",
  "precondition-failed": "CONFLICT",
  "payload-too-large": "BAD_USER_INPUT",
  "rate-limited": "RATE_LIMITED",
  "internal-error": "INTERNAL_SERVER_ERROR",
};

export function graphqlErrorOf(error: unknown, fieldNames?: Record<string, string>): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const problem = problemFrom(error, fieldNames);
  return new GraphQLError(problem.detail, {
    extensions: {
      code: CODES[problem.type] ?? "BAD_REQUEST",
      status: problem.status,
      ...(problem.options.errors ? { fields: problem.options.errors } : {}),
    },
  });
}
