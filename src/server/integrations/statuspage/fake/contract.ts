import { readFileSync } from "node:fs";
import path from "node:path";
import type { Ajv } from "ajv";
import OpenAPIBackend, { type Document, type Request as ContractRequest } from "openapi-backend";

/**
 * The contract gate of the Statuspage fake: every request the fake receives is matched and
 * validated against the vendored subset of Statuspage's management API
 * (statuspage-management.openapi.json, written from Atlassian's documentation — source and date
 * in its `info`). A request the real API would refuse — `incident[name]` missing, a status
 * outside its enum, a field it does not define — is a violation, however the fake answers it.
 *
 * `quick: true` makes openapi-backend skip checking the document and compile each operation's
 * validators only when first used, so a broken schema could pass here unnoticed until some test
 * hits it; contract.test.ts compiles every vendored schema with ajv up front, so it cannot.
 */
export const CONTRACT_FILE = path.join(import.meta.dirname, "statuspage-management.openapi.json");

/**
 * The formats the vendored documents use, checked (ajv knows none by itself, and strict mode
 * refuses a schema whose format it does not know rather than ignoring it).
 */
export function addContractFormats(ajv: Ajv): Ajv {
  ajv.addFormat("date-time", (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat("date", (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat("int32", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
  return ajv;
}

export type ContractVerdict =
  | { ok: true; operationId: string; params: Record<string, string> }
  | { ok: false; operationId: string | null; errors: string[] };

export type ContractGate = {
  check(request: { method: string; path: string; query: string; headers: Record<string, string>; body: unknown }): ContractVerdict;
  checkResponse(operationId: string, status: number, body: unknown): string[];
};

export function loadContractDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

export async function createContractGate(): Promise<ContractGate> {
  const api = new OpenAPIBackend<Document>({
    definition: loadContractDocument() as unknown as Document,
    apiRoot: "/v1",
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
      if (!operation) return { ok: false, operationId: null, errors: [`${request.method} ${request.path} is not an operation of the vendored Statuspage API`] };
      const result = api.validateRequest(req, operation);
      const params = (api.router.parseRequest(req, operation).params ?? {}) as Record<string, string>;
      if (result.valid) return { ok: true, operationId: operation.operationId!, params };
      return {
        ok: false,
        operationId: operation.operationId ?? null,
        errors: (result.errors ?? []).map((e) => `${e.instancePath || "request"} ${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`),
      };
    },
    checkResponse(operationId, status, body) {
      const result = api.validateResponse(body, operationId, status);
      return result.valid ? [] : (result.errors ?? []).map((e) => `response ${status} ${e.instancePath || "body"} ${e.message ?? "is invalid"}`);
    },
  };
}
