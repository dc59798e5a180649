import { wireRuntime } from "@/server/runtime/port";
import { inngestRuntimePort } from "../inngest/runtime-port";

/** Wires the app's real runtime port, as server.ts does, with run control on the test database. */
export function wireTestRuntime(): void {
  wireRuntime(inngestRuntimePort({ embeddedDatabaseUrl: process.env.DATABASE_URL! }));
}
