/**
 * How credentials look wherever they are shown (lists, API responses, stored request headers):
 * "***". One rule for which names are credentials, for header names and config keys alike:
 * authorization, cookies, signatures, tokens, secrets, passwords and API keys ("x-api-key",
 * "apiKey", "x-key"; not "projectKey"). Sending "***" back on an update keeps the stored value.
 */
export const MASKED = "***";

const CREDENTIAL_NAME = /authorization|cookie|signature|token|secret|password|api[-_]?key|(?:^|[-_])key$/i;

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

/** Header values with credential-like names masked; `keep` names headers shown as they are. */
export function maskHeaders(headers: unknown, keep: (name: string) => boolean = () => false): Record<string, string> {
  return Object.fromEntries(
    Object.entries((headers ?? {}) as Record<string, string>).map(([name, value]) => [name, isCredentialName(name) && !keep(name) ? MASKED : value]),
  );
}
