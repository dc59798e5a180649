import { ForbiddenAddressError } from "./guarded-lookup";

export type SendErrorKind =
  | "timeout"
  | "connect_timeout"
  | "dns"
  | "refused"
  | "reset"
  | "forbidden_address"
  | "tls"
  | "redirect"
  | "invalid_url"
  | "network";

export type SendError = { kind: SendErrorKind; message: string };

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);
const CERT_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
  "CERT_REVOKED",
  "EPROTO",
]);

/** Maps a Node socket/HTTP error to the kind recorded on the attempt. */
export function classifySendError(error: unknown, host: string): SendError {
  if (error instanceof ForbiddenAddressError) return { kind: "forbidden_address", message: error.message };
  const err = error as NodeJS.ErrnoException & { library?: string; address?: string; port?: number };
  const code = err?.code ?? "";
  const message = err?.message ?? String(error);
  if (DNS_CODES.has(code)) return { kind: "dns", message: `could not resolve ${host} (${code})` };
  if (code === "ECONNREFUSED") {
    return { kind: "refused", message: `connection refused by ${err.address ?? host}${err.port ? `:${err.port}` : ""}` };
  }
  if (code === "ETIMEDOUT") return { kind: "connect_timeout", message: `connecting to ${host} timed out (${code})` };
  if (code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || CERT_CODES.has(code) || err?.library !== undefined) {
    return { kind: "tls", message: `TLS error with ${host}: ${message}` };
  }
  if (RESET_CODES.has(code) || message === "socket hang up" || message === "aborted") {
    return { kind: "reset", message: `connection reset by ${host} (${message})` };
  }
  return { kind: "network", message: code ? `${code}: ${message}` : message };
}
