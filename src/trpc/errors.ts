import { TRPCClientError } from "@trpc/client";

/** Field path → messages, as the API's error formatter sends them (`title`, `patch.title`, `ccEmails.2`). */
export type FieldErrors = Record<string, string[]>;

type ErrorData = { code?: string; httpStatus?: number; fieldErrors?: FieldErrors | null };

function dataOf(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

/**
 * The API's field errors keyed by form field: a `patch.` prefix (updates) is dropped and array
 * or record paths (`ccEmails.2`, `serializedData.size`) collapse onto their field.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const raw = dataOf(error)?.fieldErrors;
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const [path, messages] of Object.entries(raw)) {
    const field = path.replace(/^patch\./, "").split(".")[0] || "_";
    if (!out[field] && messages.length > 0) out[field] = messages[0];
  }
  return out;
}

export function errorCode(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/** A sentence to show the user; the server already reduced unexpected failures to a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (dataOf(error)?.httpStatus === undefined && /fetch|network/i.test(error.message)) {
      return "Could not reach the server. Check your connection and try again.";
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}
