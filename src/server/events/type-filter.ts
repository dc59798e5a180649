import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { normalizeEventPatterns } from "@/server/webhooks/rules/event-patterns";
import { isEventType } from "./catalog";
import { familyOf } from "./families";

function refuse(reason: string): never {
  throw new AppError("BAD_REQUEST", `type: ${reason}`, { fieldErrors: { type: [reason] } });
}

/**
 * Which events a list shows for a `type` filter: the patterns a webhook subscribes with
 * (src/server/webhooks/rules/event-patterns.ts), so the Events page, `GET /events?type=` and
 * subscriptions read one language — one type (`request.added`, `github.push`), a family or part
 * of one (`github.*`, `github.pull_request.*`), a catalog prefix (`request.*`) or `*`. A pattern
 * that no event type can match is refused with the reason, instead of an empty page.
 *
 * A prefix becomes a range on `type` (`github.` ≤ type < `github/`, '/' being the character after
 * '.'), which the (dataspaceId, type, seq) index answers; the `startsWith` beside it only drops
 * what a collation other than C would let into the range.
 */
export function eventTypeWhere(pattern: string | undefined): Prisma.EventWhereInput {
  if (pattern === undefined || pattern === "" || pattern === "*") return {};
  try {
    normalizeEventPatterns([pattern]);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuse(error.message.replace(/^events: /, ""));
  }
  if (!pattern.endsWith(".*")) {
    // A family member has at least two parts (`github.push`); `github` alone names no event.
    if (!isEventType(pattern) && familyOf(pattern) === null) refuse(`unknown event type "${pattern}" (a family is written "${pattern}.*")`);
    return { type: pattern };
  }
  const prefix = pattern.slice(0, -1);
  return { type: { gte: prefix, lt: `${prefix.slice(0, -1)}/`, startsWith: prefix } };
}
