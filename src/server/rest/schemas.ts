import { z } from "zod";

/** Schemas every route shares. `.meta({ id })` makes one a named component of the OpenAPI document. */

export const uuid = z.string().uuid();

/** `/<resource>/{uuid}`: an id that is not a UUID is a 404, like an unknown one (see handler.ts). */
export const uuidParams = z.object({ uuid: uuid.meta({ description: "The object's `uuid`" }) });

/** Query of every list route: page size and the opaque cursor a `next` link carries. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1, "limit is at least 1")
    .max(100, "limit is at most 100")
    .default(50)
    .meta({ description: "Objects per page, 1–100" }),
  cursor: z.string().max(200).optional().meta({ description: "Where the page starts: copy it from a `next` link, never build it" }),
};

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "What kind of problem this is, e.g. `urn:switchboard:problem:validation-error` (docs/api.md lists them)" }),
    title: z.string().meta({ description: "A short summary of the problem type" }),
    status: z.number().int().meta({ description: "The HTTP status code" }),
    detail: z.string().meta({ description: "What went wrong this time, for people" }),
    errors: z
      .array(z.object({ field: z.string().meta({ description: "Dotted path of the field, e.g. `cc_emails.0`" }), message: z.string() }))
      .optional()
      .meta({ description: "One entry per invalid field (validation errors)" }),
  })
  .meta({ id: "Problem", description: "An RFC 9457 problem details object" });

/** A page of a list: the objects and the absolute URL of the next page, null on the last one. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    results: z.array(item),
    next: z.string().nullable().meta({ description: "Absolute URL of the next page (also in the `Link` header), null on the last page" }),
  });
}
