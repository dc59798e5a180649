import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { formErrorsOf } from "./form-errors";
import { expressionRow, expressionsText, recordOf, rowErrors, type RowMessages } from "./rows";

/** A failed call as the browser sees it: the API's message and its field errors (src/server/api/trpc.ts). */
const failed = (message: string, fieldErrors: Record<string, string[]> | null = null) =>
  new TRPCClientError(message, { result: { error: { code: -32600, message, data: { code: "BAD_REQUEST", httpStatus: 400, fieldErrors } } } });

const FIELDS = ["name", "integrationId", "ref", "inputs", "isActive"] as const;
const shape = { fields: FIELDS, rows: "inputs" as const, aliases: { integration: "integrationId" as const } };

describe("a failed save filed under a form's fields and rows", () => {
  it("reads field errors, with an update's patch. dropped", () => {
    expect(formErrorsOf(failed("Some fields are invalid", { "patch.ref": ["too long"], "inputs.pr": ["bad name"] }), shape)).toEqual({ fields: { ref: "too long" }, rows: { pr: "bad name" }, general: null });
  });

  it("reads a message that names its field, under an alias too, and prefers it for a row", () => {
    const checked = failed("inputs.pr: unknown variable x", { "inputs.pr": ["inputs.pr: unknown variable x"] });
    expect(formErrorsOf(checked, shape).rows).toEqual({ pr: "unknown variable x" });
    expect(formErrorsOf(failed("integration: choose one"), shape).fields).toEqual({ integrationId: "choose one" });
    expect(formErrorsOf(failed("inputs: at most 25"), shape).fields).toEqual({ inputs: "at most 25" });
  });

  it("leaves anything else to the form, and nothing for no error", () => {
    expect(formErrorsOf(failed("A dataspace has at most 50 pipeline rules; delete one"), shape)).toEqual({ fields: {}, rows: {}, general: "A dataspace has at most 50 pipeline rules; delete one" });
    expect(formErrorsOf(failed("workflows: not a field"), shape).general).toBe("workflows: not a field");
    expect(formErrorsOf(null, shape)).toEqual({ fields: {}, rows: {}, general: null });
  });

  it("drops other wrappers when told", () => {
    expect(formErrorsOf(failed("Some fields are invalid", { "mapping.name": ["taken"] }), { ...shape, wrappers: ["patch", "mapping"] }).fields).toEqual({ name: "taken" });
  });
});

describe("expression rows", () => {
  const messages: RowMessages = { unnamed: "unnamed", duplicate: (name) => `${name} twice`, noExpression: "no expression" };

  it("names a row without a name or expression, and a name twice; a wholly empty row is no problem", () => {
    const rows = [expressionRow("repo", "data.repo"), expressionRow("", "x"), expressionRow(" repo ", "y"), expressionRow("branch", " "), expressionRow()];
    expect(Object.values(rowErrors(rows, messages))).toEqual(["unnamed", "repo twice", "no expression"]);
    expect(rowErrors(rows, messages)[rows[1].key]).toBe("unnamed");
  });

  it("become a record without the empty rows, and one line of text", () => {
    const record = recordOf([expressionRow(" repo ", "data.repo"), expressionRow(" ", ""), expressionRow("branch", "data.branch")]);
    expect(record).toEqual({ repo: "data.repo", branch: "data.branch" });
    expect(expressionsText(record)).toBe("repo = data.repo · branch = data.branch");
  });
});
