import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import type { callerFor } from "./factories";

/**
 * The procedures of `appRouter`, read from the router itself so that tests walking "every
 * procedure" notice new ones without being told.
 */
export type ProcedureInfo = { path: string; type: "query" | "mutation" | "subscription"; dataspaceScoped: boolean };

type ProcedureDef = { type: ProcedureInfo["type"]; inputs: { shape?: Record<string, unknown> }[] };

export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({
      path,
      type: procedure._def.type,
      // dataspaceProcedure is the one builder whose input has a `dataspace` slug.
      dataspaceScoped: procedure._def.inputs.some((input) => input.shape !== undefined && "dataspace" in input.shape),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

type Caller = ReturnType<typeof callerFor>;

/** Calls `caller.<path>(input)` for a dotted path such as "request.get". */
export function callProcedure(caller: Caller, path: string, input?: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input?: unknown) => Promise<unknown>)(input);
}

/** The tRPC error code a call failed with, or "OK" when it succeeded. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
