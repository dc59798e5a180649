import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { addContractFormats } from "../../shared/fake/contract-gate";
import { METHOD_SCHEMAS, WEBHOOK_SCHEMA } from "./method-schemas";

/**
 * The fake Slack's contract gate: a call's arguments (decoded: form fields, with `blocks` and
 * `attachments` parsed from their JSON) against the method's schema (method-schemas.ts). A refusal
 * carries the error Slack answers for it — `invalid_blocks` for the blocks, `no_text` when the
 * message has no content, `msg_too_long` for a text past 40 000, `invalid_arguments` otherwise —
 * and why, each reason naming the JSON pointer as Slack's own `errors` do.
 */
export type GateVerdict = { ok: true } | { ok: false; error: string; errors: string[] };

// strictRequired off: "one of text, blocks, attachments" is `anyOf` of `required`s naming properties defined beside it.
const ajv = addContractFormats(new Ajv({ strict: true, strictTypes: false, strictRequired: false, allErrors: true }));
const validators = new Map<string, ValidateFunction>(Object.entries(METHOD_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]));
const webhookValidator = ajv.compile(WEBHOOK_SCHEMA);

export const GATED_METHODS = [...validators.keys()];

/** A Web API call; an unknown method is `unknown_method`, as Slack answers it. */
export function checkSlackCall(method: string, args: Record<string, unknown>): GateVerdict {
  const validate = validators.get(method);
  if (!validate) return { ok: false, error: "unknown_method", errors: [`${method} is not a method the fake Slack knows`] };
  return verdictOf(validate, args);
}

/** An incoming webhook's body. */
export function checkSlackWebhookBody(body: unknown): GateVerdict {
  return verdictOf(webhookValidator, body);
}

function verdictOf(validate: ValidateFunction, args: unknown): GateVerdict {
  if (validate(args)) return { ok: true };
  // An `if` failing only says which branch applied; its `then`'s own errors are listed.
  const raw = (validate.errors ?? []).filter((e) => e.keyword !== "if");
  const errors = raw.map(describe);
  return { ok: false, error: slackErrorOf(raw), errors: [...new Set(errors)] };
}

function slackErrorOf(errors: ErrorObject[]): string {
  if (errors.some((e) => e.instancePath.startsWith("/blocks"))) return "invalid_blocks";
  if (errors.some((e) => e.instancePath === "/text" && e.keyword === "maxLength")) return "msg_too_long";
  const missingContent = errors.some((e) => e.instancePath === "" && e.keyword === "required" && ["text", "blocks", "attachments"].includes(String(e.params.missingProperty)));
  const others = errors.some((e) => !(e.instancePath === "" && (e.keyword === "anyOf" || (e.keyword === "required" && ["text", "blocks", "attachments"].includes(String(e.params.missingProperty))))));
  return missingContent && !others ? "no_text" : "invalid_arguments";
}

function describe(e: ErrorObject): string {
  const detail =
    e.keyword === "required" ? `missing required field: ${String(e.params.missingProperty)}`
    : e.keyword === "additionalProperties" ? `unknown field: ${String(e.params.additionalProperty)}`
    : e.keyword === "enum" || e.keyword === "const" ? `${e.message ?? "is invalid"} (${JSON.stringify(e.params.allowedValues ?? e.params.allowedValue)})`
    : (e.message ?? "is invalid");
  return `${detail} [json-pointer:${e.instancePath || "/"}]`;
}
