import { TRPCClientError } from "@trpc/client";
import { errorMessage } from "@/trpc/errors";

/** A failed save, for a form with expression rows: messages by field, by row name, and the rest. */
export type FormErrors<F extends string> = { fields: Partial<Record<F, string>>; rows: Record<string, string>; general: string | null };

type Shape<F extends string> = {
  fields: readonly F[];
  /** The field holding the rows (`tags`, `inputs`): its paths name a row (`tags.repo`). */
  rows: F;
  /** Input objects that wrap the fields in some calls (`patch` for an update); dropped from paths. */
  wrappers?: readonly string[];
  /** Names the API's messages use for a field, when not the field's own (`integration` → `integrationId`). */
  aliases?: Partial<Record<string, F>>;
};

/**
 * A failed save (or try) filed under the form's fields. The API answers with field errors
 * (`ref`, `patch.workflow`, `tags.repo`), and its expression checks with a message that starts
 * with the field ("value: must be a number, …", "tags.repo: …"), so both are read: for a row the
 * message wins, as its field error still carries the prefix. Anything else is the form's own error.
 */
export function formErrorsOf<F extends string>(error: unknown, shape: Shape<F>): FormErrors<F> {
  const out: FormErrors<F> = { fields: {}, rows: {}, general: null };
  if (!error) return out;
  const isField = (name: string): name is F => (shape.fields as readonly string[]).includes(name);
  const unwrap = new RegExp(`^(${(shape.wrappers ?? ["patch"]).join("|")})\\.`);
  const raw = error instanceof TRPCClientError ? ((error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {}) : {};
  for (const [path, messages] of Object.entries(raw)) {
    const [field, row] = path.replace(unwrap, "").split(".");
    if (!messages[0]) continue;
    if (field === shape.rows && row) out.rows[row] ??= messages[0];
    else if (isField(field)) out.fields[field] ??= messages[0];
  }
  const message = errorMessage(error);
  const [, named = "", row, why] = /^([A-Za-z]+)(?:\.([A-Za-z0-9_]+))?: ([\s\S]+)$/.exec(message) ?? [];
  const field = shape.aliases?.[named] ?? (isField(named) ? named : undefined);
  if (field && why) {
    if (field === shape.rows && row) out.rows[row] = why;
    else out.fields[field] ??= why;
  }
  if (Object.keys(out.fields).length === 0 && Object.keys(out.rows).length === 0) out.general = message;
  return out;
}
