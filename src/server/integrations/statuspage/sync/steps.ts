import type { StatuspageClient } from "../api/client";

// The runtime's steps, shared by every sync (src/server/runtime/step-runner.ts).
export { runDirectly, type StepRunner } from "@/server/runtime/step-runner";

/** For tests: a client factory other than the default (guarded transport, STATUSPAGE_API_URL). */
export type OutboundDeps = { clientFor?: (apiKey: string) => StatuspageClient };
