/**
 * A case-insensitive "contains these words" filter whose text is matched literally: Prisma passes
 * `contains` to ILIKE as it is, so `%` and `_` in what a user typed would match anything.
 */
export function containsText(text: string) {
  return { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const };
}
