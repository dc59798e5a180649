import { useState } from "react";

/**
 * Named expressions edited as rows (a mapping's tags, a pipeline rule's inputs): the API takes
 * them as a record, name → CEL expression; the form holds them as rows with a stable key, so a row
 * keeps its place and its error while its name is being typed.
 */
export type ExpressionRow = { key: number; name: string; expression: string };

let nextKey = 0;
export const expressionRow = (name = "", expression = ""): ExpressionRow => ({ key: nextKey++, name, expression });

export const rowsOf = (record: Record<string, string>): ExpressionRow[] => Object.entries(record).map(([name, expression]) => expressionRow(name, expression));

/** The rows as the API takes them; rows left wholly empty are dropped. */
export const recordOf = (rows: ExpressionRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((row) => row.name.trim() || row.expression.trim()).map((row) => [row.name.trim(), row.expression]));

/** What to say about a row, in the words of the form it is part of. */
export type RowMessages = { unnamed: string; duplicate: (name: string) => string; noExpression: string };

/** Problems the form can name before any round trip, by row key: a row without a name or expression, a name twice. */
export function rowErrors(rows: ExpressionRow[], messages: RowMessages): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.expression.trim()) continue;
    if (!name) errors[row.key] = messages.unnamed;
    else if (seen.has(name)) errors[row.key] = messages.duplicate(name);
    else if (!row.expression.trim()) errors[row.key] = messages.noExpression;
    seen.add(name);
  }
  return errors;
}

/** The rows' errors as of the last submit: `check` finds them again and says whether the form may be sent. */
export function useRowCheck(messages: RowMessages) {
  const [errors, setErrors] = useState<Record<number, string>>({});
  function check(rows: ExpressionRow[]) {
    const found = rowErrors(rows, messages);
    setErrors(found);
    return Object.keys(found).length === 0;
  }
  return { errors, check };
}

/** Event types or patterns, one per line or separated by commas. */
export const parseEvents = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((type) => type.trim())
    .filter(Boolean);

/** The rows as one line of text for a list: `repo = data.payload.repository.full_name · branch = …`. */
export const expressionsText = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([name, expression]) => `${name} = ${expression}`)
    .join(" · ");
