/**
 * The e2e suite's Statuspage: the stateful fake the integration tests use
 * (src/server/integrations/statuspage/fake/fake-statuspage.ts) on 127.0.0.1:STATUSPAGE_FAKE_PORT,
 * contract gate included. The app under test calls it as its STATUSPAGE_API_URL; specs make pages
 * and read their state through its `/_fake/` endpoints. A request the real API would refuse is
 * printed on stderr (the run's log) and answered as Statuspage would refuse it.
 *
 * Started by playwright.config.ts as a webServer; `npx tsx e2e/statuspage/server.ts` runs it alone.
 */
import { startFakeStatuspage } from "../../src/server/integrations/statuspage/fake/fake-statuspage";
import { STATUSPAGE_FAKE_PORT } from "../support/settings";

const fake = await startFakeStatuspage({ port: STATUSPAGE_FAKE_PORT });
let reported = 0;
const timer = setInterval(() => {
  for (const violation of fake.violations.slice(reported)) process.stderr.write(`Statuspage contract violation: ${violation}\n`);
  reported = fake.violations.length;
}, 500);
process.stdout.write(`Statuspage fake on ${fake.url}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void fake.close().then(() => process.exit(0));
  });
}
