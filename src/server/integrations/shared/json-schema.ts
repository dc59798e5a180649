import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { PayloadCheck } from "../provider";

const MAX_ERRORS = 10;

export type DefinitionsValidator = {
  /** Whether the schema has a definition by that name. */
  has(definition: string): boolean;
  /** The payload against one definition, compiled on first use and cached for the process. */
  validate(definition: string, payload: unknown): PayloadCheck;
};

/**
 * Validation against the `definitions` of one JSON Schema document (draft-07, Ajv). Compiling a
 * definition costs milliseconds, validating microseconds: each is compiled once, when first
 * needed, never per request. `load` runs on first use too, so importing costs nothing.
 */
export function definitionsValidator(load: () => { definitions: Record<string, unknown> }): DefinitionsValidator {
  let state: { ajv: Ajv; names: Set<string> } | undefined;
  const compiled = new Map<string, ValidateFunction>();

  function init() {
    if (!state) {
      const { definitions } = load();
      // allErrors: one delivery's problems in one answer. inlineRefs off: the definitions share
      // large sub-schemas (repository, user), compiled once each instead of inlined everywhere.
      const ajv = new Ajv({ allErrors: true, inlineRefs: false });
      ajv.addSchema({ definitions }, "schema");
      state = { ajv, names: new Set(Object.keys(definitions)) };
    }
    return state;
  }

  function validatorFor(definition: string): ValidateFunction {
    let validate = compiled.get(definition);
    if (!validate) {
      validate = init().ajv.getSchema(`schema#/definitions/${encodeURIComponent(definition)}`);
      if (!validate) throw new Error(`json-schema: no definition "${definition}"`);
      compiled.set(definition, validate);
    }
    return validate;
  }

  return {
    has: (definition) => init().names.has(definition),
    validate(definition, payload) {
      const validate = validatorFor(definition);
      if (validate(payload)) return { ok: true };
      return { ok: false, errors: (validate.errors ?? []).slice(0, MAX_ERRORS).map(describeError) };
    },
  };
}

/** `"/pull_request/number: must be integer"`; a missing property is named in the path itself. */
function describeError(error: ErrorObject): string {
  if (error.keyword === "required") {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${error.instancePath}/${missing}: is required`;
  }
  return `${error.instancePath || "/"}: ${error.message ?? "is invalid"}`;
}
