import type { SendErrorKind, SendResult } from "./send";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
// The three HTTP-date forms (RFC 9110 §5.6.7), in the order day, month, year, h, m, s.
const IMF_FIXDATE = new RegExp(`^(?:mon|tue|wed|thu|fri|sat|sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} gmt$`, "i");
const RFC850 = new RegExp(`^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} gmt$`, "i");
const ASCTIME = new RegExp(`^(?:mon|tue|wed|thu|fri|sat|sun) ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`, "i");

/**
 * A `Retry-After` header as milliseconds from `now`: delta-seconds or an HTTP-date. A date in
 * the past (or a negative number) means "now" (0); anything unparseable is null, so the caller
 * falls back to its own schedule. The caller caps the result.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^-?\d+$/.test(text)) return Math.max(0, Number(text)) * 1000;
  const at = parseHttpDate(text, now);
  return at === null ? null : Math.max(0, at - now.getTime());
}

function parseHttpDate(text: string, now: Date): number | null {
  let m: RegExpMatchArray | null;
  if ((m = IMF_FIXDATE.exec(text))) return utc(Number(m[3]), m[2], m[1], m[4], m[5], m[6]);
  if ((m = RFC850.exec(text))) return utc(fullYear(Number(m[3]), now), m[2], m[1], m[4], m[5], m[6]);
  if ((m = ASCTIME.exec(text))) return utc(Number(m[6]), m[1], m[2], m[3], m[4], m[5]);
  return null;
}

/** RFC 9110: a two-digit year more than 50 years ahead is in the past century. */
function fullYear(twoDigits: number, now: Date): number {
  const year = Math.floor(now.getUTCFullYear() / 100) * 100 + twoDigits;
  return year > now.getUTCFullYear() + 50 ? year - 100 : year;
}

function utc(year: number, month: string, day: string, hour: string, minute: string, second: string): number | null {
  const monthIndex = MONTHS.indexOf(month.toLowerCase());
  const [d, h, min, s] = [day, hour, minute, second].map((part) => Number(part.trim()));
  if (h > 23 || min > 59 || s > 60) return null;
  const time = Date.UTC(year, monthIndex, d, h, min, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; such a date is garbage, not a date.
  return new Date(time).getUTCDate() === d ? time : null;
}

/** Errors that will not go away by trying again. */
const FINAL_ERRORS = new Set<SendErrorKind>(["forbidden_address", "invalid_url", "redirect"]);

/**
 * Whether a failed attempt should be retried: network errors and timeouts, 5xx, 408 and 429;
 * other 4xx only if the endpoint opted in; never a redirect or a refused target. A 2xx whose
 * body timed out or was cut off by a reset counts as a network failure (the receiver may not
 * have finished; receivers dedupe on webhook-id).
 */
export function isRetryableResult(result: SendResult, options: { retryClientErrors: boolean }): boolean {
  if (result.error && FINAL_ERRORS.has(result.error.kind)) return false;
  const status = result.status;
  if (status !== null && (status < 200 || status >= 300)) {
    if (status >= 500 || status === 408 || status === 429) return true;
    if (status >= 400) return options.retryClientErrors;
    return false;
  }
  return result.error !== null;
}

/**
 * Whether a failed attempt says the receiver is failing, which is what the circuit breaker
 * counts: no answer at all (network error, timeout, refused address) or a 5xx, and a 2xx whose
 * body was cut off. An answered 4xx does not count: a 429 is the receiver asking for time (its
 * Retry-After is honoured by the retry), and a 404, 401 or 422 is about the request or the
 * configuration, which pausing the endpoint would not fix; a 3xx is a misconfigured URL.
 */
export function isReceiverFailure(result: SendResult): boolean {
  if (result.ok) return false;
  if (result.status === null) return true;
  if (result.status >= 500) return true;
  return result.status >= 200 && result.status < 300 && result.error !== null;
}
