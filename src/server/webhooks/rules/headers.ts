import { AppError } from "@/server/errors";

/**
 * Extra headers
 * =============
 *
 * A webhook may add up to 20 headers of its own to every delivery, e.g. an `Authorization`
 * token the receiver expects. Names are HTTP tokens (letters, digits and ``!#$%&'*+-.^_`|~``),
 * sent lower-cased; values are printable ASCII on one line, at most 1 024 characters.
 *
 * Some names are refused because Switchboard sets them, or because they would change how the
 * request travels rather than what it says:
 * - `connection`, `keep-alive`, `proxy-authenticate`, `proxy-authorization`, `proxy-connection`,
 *   `te`, `trailer`, `transfer-encoding`, `upgrade`: hop-by-hop, they concern one connection;
 * - `host` (from the target URL), `content-length` (from the body), `expect`;
 * - `content-type`: the body is always `application/json`;
 * - `webhook-id`, `webhook-timestamp`, `webhook-signature` and any other `webhook-…` name:
 *   reserved for Standard Webhooks signing, so a receiver can trust them.
 */
export const MAX_EXTRA_HEADERS = 20;
export const MAX_HEADER_VALUE_LENGTH = 1_024;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, space and tab: what fetch accepts and what every server reads the same way.
const PRINTABLE = /^[\t\x20-\x7e]*$/;

const REFUSED: Record<string, string> = {
  connection: "it is a hop-by-hop header",
  "keep-alive": "it is a hop-by-hop header",
  "proxy-authenticate": "it is a hop-by-hop header",
  "proxy-authorization": "it is a hop-by-hop header",
  "proxy-connection": "it is a hop-by-hop header",
  te: "it is a hop-by-hop header",
  trailer: "it is a hop-by-hop header",
  "transfer-encoding": "it is a hop-by-hop header",
  upgrade: "it is a hop-by-hop header",
  host: "it is set from the target URL",
  "content-length": "it is set from the body",
  expect: "it changes how the request is sent",
  "content-type": "the body is always application/json",
};

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", `extra headers: ${message}`);
}

function refusedBecause(name: string): string | null {
  if (Object.hasOwn(REFUSED, name)) return REFUSED[name];
  if (name.startsWith("webhook-")) return "webhook-… headers are reserved for the signature";
  return null;
}

/** Lower-cased names → trimmed values; throws a BAD_REQUEST AppError naming the header and why. */
export function validateExtraHeaders(value: unknown): Record<string, string> {
  if (value === null || value === undefined) return {};
  let object = value;
  if (typeof value === "string") {
    if (value.trim() === "") return {};
    try {
      object = JSON.parse(value);
    } catch (error) {
      refuse(`not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof object !== "object" || object === null || Array.isArray(object)) {
    refuse('must be an object of names to values, e.g. {"Authorization": "Bearer …"}');
  }
  const entries = Object.entries(object);
  if (entries.length > MAX_EXTRA_HEADERS) refuse(`at most ${MAX_EXTRA_HEADERS} headers (got ${entries.length})`);
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of entries) {
    const name = rawName.trim().toLowerCase();
    const shown = JSON.stringify(rawName);
    if (!TOKEN.test(name)) refuse(`${shown} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
    const because = refusedBecause(name);
    if (because) refuse(`${shown} cannot be set: ${because}`);
    if (Object.hasOwn(out, name)) refuse(`${shown} is given twice`);
    if (typeof rawValue !== "string") refuse(`the value of ${shown} must be text`);
    const headerValue = rawValue.trim();
    if (/[\r\n]/.test(headerValue)) refuse(`the value of ${shown} must be on one line`);
    if (!PRINTABLE.test(headerValue)) refuse(`the value of ${shown} may contain printable ASCII characters only`);
    if (headerValue.length > MAX_HEADER_VALUE_LENGTH) {
      refuse(`the value of ${shown} is at most ${MAX_HEADER_VALUE_LENGTH} characters (got ${headerValue.length})`);
    }
    out[name] = headerValue;
  }
  return out;
}
