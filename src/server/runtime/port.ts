/**
 * What the domain needs from the durable runtime, and nothing more: hand it events, ask which
 * event types it wants, and — when the embedded executor keeps the runs — cancel or rerun one.
 * The domain calls `runtimePort()`; the process entry wires an implementation from `inngest/`
 * (server.ts at start, the test runtime in tests), so `src/server` never imports `inngest/` and
 * the arrows point one way (ARCHITECTURE.md, "Durable runtime").
 */
export type RuntimeEvent = { id?: string; name: string; data: unknown; ts?: number };

export type CancelOutcome = { cancelled: true } | { cancelled: false; status: string } | null;
export type RerunOutcome = { runId: string } | { error: "RUN_NOT_FOUND" | "FUNCTION_GONE" };

export type RunControl = {
  cancel: (runId: string, reason: string) => Promise<CancelOutcome>;
  rerun: (runId: string) => Promise<RerunOutcome>;
};

export type RuntimePort = {
  /** Sends events to the runtime (Inngest's event API, or the embedded executor's). */
  send: (events: RuntimeEvent[]) => Promise<unknown>;
  /**
   * Whether a function of this app is triggered by events of this type — in a dataspace with
   * these features on, when `dataspace` is given (issue sync's functions act only where it is on).
   */
  wants: (type: string, dataspace?: { issueSync: boolean }) => boolean;
  /** Run control, where the runs are ours (the embedded executor); null on Inngest. */
  runs: RunControl | null;
};

// On globalThis: server.ts wires the port in its module graph, and the Next bundle's copy of this
// module (tRPC's Runs procedures) must see the same one.
const shared = globalThis as { __switchboardRuntimePort?: RuntimePort };

export function wireRuntime(port: RuntimePort | undefined): void {
  shared.__switchboardRuntimePort = port;
}

/** The wired port, or null where none is (see relay-needed.ts). */
export function runtimePortIfWired(): RuntimePort | null {
  return shared.__switchboardRuntimePort ?? null;
}

export function runtimePort(): RuntimePort {
  const port = shared.__switchboardRuntimePort;
  if (!port) throw new Error("The durable runtime is not wired in this process: server.ts (or a test's runtime) calls wireRuntime() at start");
  return port;
}
