import { useState } from "react";

/** A form that creates or edits one item from a draft of its fields, and hands the input to a mutation the caller owns. */
export type DraftFormProps<Draft, Input> = {
  /** Empty for a new item, the item's own for an edit. */
  initial: Draft;
  submitLabel: string;
  pending: boolean;
  /** The failed mutation's error: filed under the fields it names, the rest above the buttons. */
  error: unknown;
  onSubmit: (input: Input) => void;
  onCancel?: () => void;
  /** The form's accessible name. */
  label: string;
};

/** The draft and a setter for one of its fields. */
export function useDraft<Draft extends object>(initial: Draft) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((prev) => ({ ...prev, [key]: value }));
  return { draft, set };
}
