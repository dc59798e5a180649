/**
 * One error class for everything a user can cause. Adapters (tRPC, REST, route handlers) map
 * `code` to their status in one place each; nothing else is shown to users, so an unexpected
 * exception becomes a generic 500 without a stack trace.
 */
export const AppErrorCode = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
} as const;

export type AppErrorCode = keyof typeof AppErrorCode;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return AppErrorCode[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
export const badRequest = (message: string, fieldErrors?: FieldErrors) =>
  new AppError("BAD_REQUEST", message, { fieldErrors });

/**
 * Runs a rule check and files its refusal under `field`, so a form can show it beside that input.
 * Rule messages read "<what>: <why>" on their own (in logs, API errors); the field copy keeps the why.
 */
export function checkField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "BAD_REQUEST") throw error;
    const message = error.fieldErrors?.[field]?.[0] ?? error.message.replace(/^[a-z][a-z ]*: /i, "");
    throw new AppError("BAD_REQUEST", error.message, { fieldErrors: { ...error.fieldErrors, [field]: [message] } });
  }
}
