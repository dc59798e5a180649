import { ZodError } from "zod";
import { AppError } from "@/server/errors";
import { TenantScopeViolation } from "@/server/db/scoped";

/**
 * Errors of the REST API as RFC 9457 problem details (`application/problem+json`). Every refusal
 * goes through `ApiProblem`; `problemFrom` maps domain errors to it in one place. `type` names the
 * kind of problem for code to branch on (docs/api.md lists them); `detail` is for people.
 */
export type FieldError = { field: string; message: string };

export const PROBLEM_TYPES = {
  "bad-request": 400,
  unauthenticated: 401,
  "missing-scope": 403,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  conflict: 409,
  "idempotency-key-in-use": 409,
  gone: 410,
  "precondition-failed": 412,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "validation-error": 422,
  "idempotency-key-reused": 422,
  "rate-limited": 429,
  "internal-error": 500,
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

const TITLES: Record<ProblemType, string> = {
  "bad-request": "Bad request",
  unauthenticated: "Authentication required",
  "missing-scope": "Missing scope",
  forbidden: "Forbidden",
  "not-found": "Not found",
  "method-not-allowed": "Method not allowed",
  conflict: "Conflict",
  "idempotency-key-in-use": "Idempotency key in use",
  gone: "Gone",
  "precondition-failed": "Precondition failed",
  "payload-too-large": "Payload too large",
  "unsupported-media-type": "Unsupported media type",
  "validation-error": "Validation error",
  "idempotency-key-reused": "Idempotency key reused",
  "rate-limited": "Too many requests",
  "internal-error": "Internal server error",
};

export const problemTypeUri = (type: ProblemType) => `urn:switchboard:problem:${type}`;

export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = PROBLEM_TYPES[type];
  }

  get body() {
    const { errors } = this.options;
    return { type: problemTypeUri(this.type), title: TITLES[this.type], status: this.status, detail: this.detail, ...(errors ? { errors } : {}) };
  }
}

export function problemResponse(problem: ApiProblem, headers: Headers = new Headers()): Response {
  headers.set("content-type", "application/problem+json");
  headers.set("cache-control", "no-store");
  for (const [name, value] of Object.entries(problem.options.headers ?? {})) headers.set(name, value);
  return new Response(JSON.stringify(problem.body), { status: problem.status, headers });
}

/** Zod issues as `{ field, message }`, fields as dotted paths (`cc_emails.0`); an unknown key is its own field. */
export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...path, key].join("."), message: "Unknown field" }));
    }
    return [{ field: path.join(".") || "body", message: issue.message }];
  });
}

const APP_ERROR_TYPES: Record<AppError["code"], ProblemType> = {
  BAD_REQUEST: "bad-request",
  UNAUTHORIZED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not-found",
  CONFLICT: "conflict",
  GONE: "gone",
  UNPROCESSABLE: "validation-error",
  TOO_MANY_REQUESTS: "rate-limited",
};

/**
 * Any error a handler threw, as a problem. Domain field errors are renamed to the API's field
 * names (`fieldNames`: domain name → API name) and turn a 400 into a 422, as the API's own
 * validation does. Anything unexpected is logged and shown as a bare 500.
 */
export function problemFrom(error: unknown, fieldNames: Record<string, string> = {}): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof AppError) {
    const errors = Object.entries(error.fieldErrors ?? {}).flatMap(([field, messages]) =>
      messages.map((message) => ({ field: fieldNames[field] ?? field, message })),
    );
    let type = APP_ERROR_TYPES[error.code];
    if (type === "bad-request" && errors.length > 0) type = "validation-error";
    const headers = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return new ApiProblem(type, error.message, { errors: errors.length ? errors : undefined, headers });
  }
  // A domain schema's refusal (a handler parsing its input with the domain's zod schema, which
  // checks what the API's body schema cannot: event patterns, filters, templates): a 422 naming
  // the API's top-level field.
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => {
      const field = String(issue.path[0] ?? "body");
      return { field: fieldNames[field] ?? field, message: issue.message };
    });
    return new ApiProblem("validation-error", `${errors[0].field}: ${errors[0].message}`, { errors });
  }
  if (error instanceof TenantScopeViolation) {
    console.error(error);
    return new ApiProblem("not-found", "Not found");
  }
  console.error("[api] request failed:", error);
  return new ApiProblem("internal-error", "Something went wrong on our side");
}
