import { readFileSync } from "node:fs";
import path from "node:path";
import { createContractGate, type ContractGate } from "../../shared/fake/contract-gate";

export { addContractFormats } from "../../shared/fake/contract-gate";

/**
 * The contract gate of the Forgejo fake (the gate itself: shared/fake/contract-gate.ts) over the
 * issues subset of Forgejo's official API description, forgejo-issues.openapi.json — made by
 * `node scripts/vendor-openapi-subset.mjs forgejo` from Forgejo's Swagger 2.0 document at a pinned
 * release, converted to OpenAPI 3 (source, commit, blob id and date in its `info`; never edited by
 * hand). Its paths hang from /api/v1, where every Forgejo instance serves its API.
 */
export const CONTRACT_FILE = path.join(import.meta.dirname, "forgejo-issues.openapi.json");
export const API_ROOT = "/api/v1";

export function loadContractDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

/** Made once per process and shared by every fake started in it: validators compile on first use and hold no request state. */
let shared: Promise<ContractGate> | null = null;

/** `document`: another document instead of the vendored one (tests of the gate itself); not shared. */
export function createForgejoContractGate(document?: Record<string, unknown>): Promise<ContractGate> {
  if (document) return createContractGate({ document, apiRoot: API_ROOT, label: "Forgejo" });
  shared ??= createContractGate({ document: loadContractDocument(), apiRoot: API_ROOT, label: "Forgejo" }).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}
