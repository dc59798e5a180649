import type { RuntimePort } from "@/server/runtime/port";
import { inngest } from "./client";
import { cancelRun, inRuntimeTransaction, rerunRun } from "./embedded/run-control";
import { runtimeWants } from "./functions";

/**
 * The runtime port (src/server/runtime/port.ts) as this app implements it: events go through the
 * one Inngest client (to Inngest, or to the embedded executor it is pointed at); run control
 * exists only when the embedded executor keeps the runs in `embeddedDatabaseUrl`.
 */
export function inngestRuntimePort(options: { embeddedDatabaseUrl: string | null }): RuntimePort {
  const url = options.embeddedDatabaseUrl;
  return {
    send: (events) => inngest.send(events),
    wants: runtimeWants,
    runs: url
      ? {
          cancel: (runId, reason) => inRuntimeTransaction(url, (c) => cancelRun(c, runId, reason)),
          rerun: (runId) => inRuntimeTransaction(url, (c) => rerunRun(c, runId)),
        }
      : null,
  };
}
