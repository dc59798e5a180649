/**
 * The e2e suite's Slack: the stateful fake (src/server/integrations/slack/fake/fake-slack.ts) on
 * 127.0.0.1:SLACK_FAKE_PORT, contract gate included. A call the real Slack would refuse is printed
 * on stderr (the run's log) and answered as Slack would refuse it.
 *
 * Started by playwright.config.ts as a webServer; `npx tsx e2e/support/slack-server.ts` runs it alone.
 */
import { startFakeSlack } from "../../src/server/integrations/slack/fake/fake-slack";
import { SLACK_FAKE_PORT } from "./slack-settings";

const fake = await startFakeSlack({ port: SLACK_FAKE_PORT });
let reported = 0;
const timer = setInterval(() => {
  for (const violation of fake.violations.slice(reported)) process.stderr.write(`Slack contract violation: ${violation}\n`);
  reported = fake.violations.length;
}, 500);
process.stdout.write(`Slack fake on ${fake.url}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void fake.close().then(() => process.exit(0));
  });
}
