/**
 * The e2e suite's GitHub: the stateful fake the issue-sync tests use
 * (src/server/integrations/github/fake/fake-github.ts) on 127.0.0.1:GITHUB_FAKE_PORT, contract gate
 * included. An integration's config points its `apiUrl` here (the app reaches 127.0.0.1 because
 * start-app.ts allow-lists it); specs add users, repositories and hooks, act as people on
 * github.com and read issues through its `/_fake/` endpoints. A request the real API would refuse
 * is printed on stderr (the run's log) and answered as GitHub would refuse it.
 *
 * Started by playwright.config.ts as a webServer; `npx tsx e2e/github/server.ts` runs it alone.
 */
import { startFakeGithub } from "../../src/server/integrations/github/fake/fake-github";
import { GITHUB_FAKE_PORT } from "../support/settings";

const fake = await startFakeGithub({ port: GITHUB_FAKE_PORT });
let reported = 0;
const timer = setInterval(() => {
  for (const violation of fake.violations.slice(reported)) process.stderr.write(`GitHub contract violation: ${violation}\n`);
  reported = fake.violations.length;
}, 500);
process.stdout.write(`GitHub fake on ${fake.url}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void fake.close().then(() => process.exit(0));
  });
}
