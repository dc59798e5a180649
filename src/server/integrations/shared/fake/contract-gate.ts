import type { Ajv } from "ajv";
import OpenAPIBackend, { type Document, type Request as ContractRequest } from "openapi-backend";

/**
 * The contract gate of a test fake: every request the fake receives is matched and validated
 * against a vendored subset of the provider's API description (an `*.openapi.json` next to the
 * fake, with its source and date in its `info`). A request the real API would refuse — a
 * required field missing, a value outside its enum, a field it does not define where the
 * description forbids others, an operation the subset does not have — is a violation, however
 * the fake answers it. The fake's own answers are checked the same way (`checkResponse`), so a
 * fake cannot drift from the API it stands for.
 *
 * `quick: true` makes openapi-backend skip checking the document and compile each operation's
 * validators only when first used, so a broken schema could pass here unnoticed until some test
 * hits it; each fake's contract.test.ts compiles every vendored schema with ajv up front, so it
 * cannot.
 */

/**
 * The formats the vendored documents use, each checked (ajv knows none by itself, and strict
 * mode refuses a schema whose format it does not know rather than ignoring it).
 */
export function addContractFormats(ajv: Ajv): Ajv {
  ajv.addFormat("date-time", (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat("date", (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat("int32", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63 });
  // Seconds since the epoch (GitHub's rate limit reset).
  ajv.addFormat("timestamp", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= 0 });
  // Absolute: a scheme, then whatever WHATWG URL parsing accepts.
  ajv.addFormat("uri", (value: string) => /^[a-z][a-z\d+.-]*:/i.test(value) && URL.canParse(value));
  ajv.addFormat("email", (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value));
  return ajv;
}

export type ContractVerdict =
  | { ok: true; operationId: string; params: Record<string, string> }
  | { ok: false; operationId: string | null; errors: string[] };

export type ContractGate = {
  check(request: { method: string; path: string; query: string; headers: Record<string, string>; body: unknown }): ContractVerdict;
  /** Why a fake's answer does not match the documented response for that status: [] when it does (or the status is undocumented). */
  checkResponse(operationId: string, status: number, body: unknown): string[];
};

/**
 * `document`: the vendored OpenAPI document; `apiRoot`: the path prefix its paths hang under
 * ("/v1" for Statuspage, "/" for GitHub); `label`: the API's name, in the message for a request
 * outside the subset.
 */
export async function createContractGate(options: { document: Record<string, unknown>; apiRoot: string; label: string }): Promise<ContractGate> {
  const api = new OpenAPIBackend<Document>({
    definition: structuredClone(options.document) as unknown as Document,
    apiRoot: options.apiRoot,
    quick: true,
    strict: true,
    coerceTypes: true,
    // Only the keywords the document uses; an unknown format is an error, not a pass.
    ajvOpts: { strict: true, allErrors: true, strictTypes: false },
    customizeAjv: (ajv) => addContractFormats(ajv as Ajv) as never,
  });
  await api.init();
  return {
    check(request) {
      const req: ContractRequest = { method: request.method.toLowerCase(), path: request.path, query: request.query, headers: request.headers, body: request.body };
      const operation = api.matchOperation(req);
      if (!operation) return { ok: false, operationId: null, errors: [`${request.method} ${request.path} is not an operation of the vendored ${options.label} API`] };
      let result: ReturnType<typeof api.validateRequest>;
      try {
        result = api.validateRequest(req, operation);
      } catch (error) {
        // A schema ajv cannot compile (validators are compiled on first use): refused, never passed.
        const why = `the contract's schema for ${operation.operationId} does not compile: ${(error as Error).message}`;
        return { ok: false, operationId: operation.operationId ?? null, errors: [why] };
      }
      const params = (api.router.parseRequest(req, operation).params ?? {}) as Record<string, string>;
      if (result.valid) return { ok: true, operationId: operation.operationId!, params };
      return { ok: false, operationId: operation.operationId ?? null, errors: (result.errors ?? []).map(describeError) };
    },
    checkResponse(operationId, status, body) {
      let result: ReturnType<typeof api.validateResponse>;
      try {
        result = api.validateResponse(body, operationId, status);
      } catch (error) {
        return [`the contract's response schema for ${operationId} ${status} does not compile: ${(error as Error).message}`];
      }
      return result.valid ? [] : (result.errors ?? []).map((e) => `response ${status} ${e.instancePath || "body"} ${e.message ?? "is invalid"}`);
    },
  };
}

type AjvError = { instancePath?: string; message?: string; params?: Record<string, unknown> };

function describeError(e: AjvError): string {
  const allowed = e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).map(String).join(", ")})` : "";
  const additional = e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : "";
  return `${e.instancePath || "request"} ${e.message ?? "is invalid"}${allowed}${additional}`;
}
