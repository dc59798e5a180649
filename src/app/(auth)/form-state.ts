import { z } from "zod";

/** What the auth forms' server actions hand back to the form. */
export type AuthFormState = {
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Typed values to put back after a failed attempt (never the password). */
  values?: Record<string, string>;
};

export function fieldErrorsOf(error: z.ZodError): Record<string, string[] | undefined> {
  return z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
}

export const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};
