import { readFileSync } from "node:fs";
import path from "node:path";
import { createContractGate, type ContractGate } from "../../shared/fake/contract-gate";

/**
 * The contract gate of the Datadog fake (the gate itself: shared/fake/contract-gate.ts) over the
 * subset of Datadog's official API descriptions that Switchboard calls, datadog-api.openapi.json —
 * made by `node scripts/vendor-openapi-subset.mjs datadog` from the v1 and v2 documents of
 * DataDog/datadog-api-client-typescript at a pinned commit, merged into one (source, commit, blob
 * ids and date in its `info`; never edited by hand). v1 names that v2 also uses are prefixed `V1`
 * there: the event operation is `V1CreateEvent`, its schemas `V1EventCreateRequest`… Paths are
 * the API's own (/api/v1/…, /api/v2/…), under the site's API host, so the root is "/".
 *
 * The operations require the `apiKeyAuth` scheme, Datadog's `DD-API-KEY` header: the gate does
 * not check it (openapi-backend validates parameters and bodies only); the fake does.
 */
export const CONTRACT_FILE = path.join(import.meta.dirname, "datadog-api.openapi.json");
export const API_ROOT = "/";

export function loadContractDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

/** Made once per process and shared by every fake started in it: validators compile on first use and hold no request state. */
let shared: Promise<ContractGate> | null = null;

/** `document`: another document instead of the vendored one (tests of the gate itself); not shared. */
export function createDatadogContractGate(document?: Record<string, unknown>): Promise<ContractGate> {
  if (document) return createContractGate({ document, apiRoot: API_ROOT, label: "Datadog" });
  shared ??= createContractGate({ document: loadContractDocument(), apiRoot: API_ROOT, label: "Datadog" }).catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}
