import { env } from "@/env";
import { AppError } from "@/server/errors";
import { checkTargetUrl, parseAllowList, type AllowList } from "./transport/target-policy";

/** The instance's outgoing-request policy: the allow-list and timeouts from the environment. */
let cached: { spec: string | undefined; allowList: AllowList } | undefined;

export function instanceAllowList(): AllowList {
  const spec = env().WEBHOOK_ALLOWED_TARGETS;
  if (!cached || cached.spec !== spec) cached = { spec, allowList: parseAllowList(spec) };
  return cached.allowList;
}

export const MAX_RESPONSE_BYTES = 16 * 1024; // what an attempt keeps of a response body
export const MAX_PAYLOAD_BYTES = 256 * 1024; // a body larger than this is not sent

export function transportOptions(allowHttp: boolean) {
  const { WEBHOOK_CONNECT_TIMEOUT_MS, WEBHOOK_TIMEOUT_MS } = env();
  return {
    allowHttp,
    allowList: instanceAllowList(),
    connectTimeoutMs: WEBHOOK_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  };
}

/** The save-time check of a target URL (DNS is checked again, on the connected address, at send time). */
export function assertTargetUrl(url: string, allowHttp: boolean): string {
  const checked = checkTargetUrl(url, { allowHttp, allowList: instanceAllowList() });
  if (!checked.ok) throw new AppError("BAD_REQUEST", `url: ${checked.message}`, { fieldErrors: { url: [checked.message] } });
  return checked.url.toString();
}
