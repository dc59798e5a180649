import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { resolveTenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { TenantScopeViolation } from "@/server/db/scoped";
import { assertSafeText } from "@/server/validation/text";

export type TrpcContext = { userId: string | null };

const TRPC_CODE = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  GONE: "NOT_FOUND",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
} as const satisfies Record<AppError["code"], TRPCError["code"]>;

function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors =
      cause instanceof ZodError ? fieldErrorsOf(cause) : cause instanceof AppError ? cause.fieldErrors : undefined;
    // Only errors we raised on purpose carry their message to the user.
    const expected = error.code !== "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: expected ? (cause instanceof ZodError ? "Some fields are invalid" : shape.message) : "Something went wrong on our side",
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fieldErrors: fieldErrors ?? null },
    };
  },
});

/** Turns domain errors into tRPC errors in one place. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Some fields are invalid", cause });
    }
    if (cause instanceof TenantScopeViolation) {
      console.error(cause);
      throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
    }
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** The text rule every input obeys (src/server/validation/text.ts): the same one the REST API applies. */
const safeText = t.middleware(async ({ getRawInput, next }) => {
  assertSafeText(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(safeText);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { userId: ctx.userId } });
});

/**
 * Every procedure that touches a dataspace's data starts here: it takes the dataspace slug,
 * checks membership and hands the procedure a TenantContext whose client is scoped to it.
 */
export const dataspaceProcedure = authedProcedure
  .input(z.object({ dataspace: z.string().min(1).max(64) }))
  .use(async ({ ctx, input, next }) => {
    const tenant = await resolveTenantContext(ctx.userId, input.dataspace);
    return next({ ctx: { ...ctx, tenant } });
  });
