import type { InboundRequest } from "../provider";

/**
 * One header of an inbound request, or undefined when absent or empty. The receiver lower-cases
 * names; lower-casing here too keeps a provider's code readable with the names its docs use.
 */
export function header(request: Pick<InboundRequest, "headers">, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return value === undefined || value === "" ? undefined : value;
}
