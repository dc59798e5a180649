import { readFileSync } from "node:fs";
import path from "node:path";
import { addContractFormats, createContractGate as createGate, type ContractGate, type ContractVerdict } from "../../shared/fake/contract-gate";

/**
 * The contract gate of the Statuspage fake (the gate itself: shared/fake/contract-gate.ts): every
 * request the fake receives is matched and validated against the vendored subset of Statuspage's
 * management API (statuspage-management.openapi.json, written from Atlassian's documentation —
 * source and date in its `info`). A request the real API would refuse — `incident[name]`
 * missing, a status outside its enum, a field it does not define — is a violation, however the
 * fake answers it.
 */
export const CONTRACT_FILE = path.join(import.meta.dirname, "statuspage-management.openapi.json");

export { addContractFormats, type ContractGate, type ContractVerdict };

export function loadContractDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

export async function createContractGate(): Promise<ContractGate> {
  return createGate({ document: loadContractDocument(), apiRoot: "/v1", label: "Statuspage" });
}
