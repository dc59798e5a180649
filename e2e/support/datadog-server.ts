/**
 * The e2e suite's Datadog: the stateful fake (src/server/integrations/datadog/fake/fake-datadog.ts)
 * on 127.0.0.1:DATADOG_FAKE_PORT, contract gate included. A request the real Datadog would refuse
 * is printed on stderr (the run's log) and answered as Datadog would refuse it.
 *
 * Started by playwright.config.ts as a webServer; `npx tsx e2e/support/datadog-server.ts` runs it alone.
 */
import { startFakeDatadog } from "../../src/server/integrations/datadog/fake/fake-datadog";
import { DATADOG_FAKE_PORT } from "./datadog-settings";

const fake = await startFakeDatadog({ port: DATADOG_FAKE_PORT });
let reported = 0;
const timer = setInterval(() => {
  for (const violation of fake.violations.slice(reported)) process.stderr.write(`Datadog contract violation: ${violation}\n`);
  reported = fake.violations.length;
}, 500);
process.stdout.write(`Datadog fake on ${fake.url}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void fake.close().then(() => process.exit(0));
  });
}
