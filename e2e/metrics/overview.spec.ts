import { createDataspace } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";
import { columnTotal } from "../support/charts";
import { DATADOG_FAKE_URL } from "../support/datadog-settings";
import { APP_URL } from "../support/settings";
import { datadogNotification } from "../../test/alert-fixtures";

/**
 * The overview's charts plot real series: alerts and requests made through the REST API show up,
 * once the metrics rollup (every minute, in the app's runtime) has computed their minute, as the
 * charts' figures and in the tables of points beside them.
 */

test("alerts and requests made through the API are plotted on the overview once their minute is computed", async ({ ownerPage: page }) => {
  test.setTimeout(180_000);
  const id = unique();
  const slug = await createDataspace(page, `Charts ${id}`);
  await page.goto(`/d/${slug}/api-tokens`);
  const createToken = await hydrated(page.getByRole("button", { name: "Create token" }));
  await page.getByLabel("Name", { exact: true }).fill("Monitor");
  await page.getByLabel("Alerts: write").check();
  await page.getByLabel("Requests: write").check();
  await page.getByLabel("Integrations: admin").check();
  await createToken.click();
  const token = await page.getByLabel("API token", { exact: true }).inputValue();
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${APP_URL}/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(201);
    return (await response.json()) as { uuid: string };
  };
  const trace = "https://app.datadoghq.com/apm/trace/6102183468";
  const disk = await post("/alerts", { title: `Disk full ${id}`, severity: "critical", fingerprint: `disk-${id}`, links: [{ url: trace, kind: "trace", label: "Failing write" }] });
  await post("/alerts", { title: `Queue stuck ${id}`, severity: "critical", fingerprint: `queue-${id}` });
  await post("/alerts", { title: `Slow pages ${id}`, severity: "warning", fingerprint: `slow-${id}` });
  await post("/requests", { title: `Rotate keys ${id}` });
  await post("/requests", { title: `Renew certificate ${id}` });
  // A Datadog integration receives one notification (a recovery: it raises no alert of its own),
  // and sends the dataspace's metrics to Datadog (the fake, which takes its key).
  const secret = `dd-secret-${id}-0123456789`;
  const apiKey = `${id}`.replace(/[^0-9a-f]/gi, "").padEnd(32, "a").slice(0, 32);
  expect((await fetch(`${DATADOG_FAKE_URL}/_fake/api-keys`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: apiKey }) })).ok).toBe(true);
  const created = await fetch(`${APP_URL}/api/v1/integrations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ type: "datadog", name: `Monitors ${id}`, config: { webhookSecret: secret, apiKey, forwardMetrics: "all" } }),
  });
  expect(created.status).toBe(201);
  const integration = (await created.json()) as { uuid: string; inbound_url: string };
  const received = await fetch(integration.inbound_url, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(datadogNotification("Recovered")) });
  expect(received.status).toBe(202);

  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Overview" }).click();
  await hydrated(page.getByRole("tab", { name: "Last hour" }));
  await page.getByRole("tab", { name: "Last hour" }).click();
  await expect(page).toHaveURL(/range=1h/);
  // The page refetches every minute; the rollup computes a minute once it has ended.
  await expect(page.getByText("3 triggered")).toBeVisible({ timeout: 150_000 });
  expect(await columnTotal(page, "Alerts", "critical")).toBe(2);
  expect(await columnTotal(page, "Alerts", "warning")).toBe(1);
  // alert.triggered ×3 and request.added ×2, at least (the dataspace's own creation may add more).
  expect(await columnTotal(page, "Events", "Events")).toBeGreaterThanOrEqual(5);
  await expect(page.getByText("2 open now")).toBeVisible({ timeout: 90_000 });
  // And drawn: the alerts' bars, one per severity in their minute.
  await expect(page.getByRole("figure", { name: "Alerts" }).locator(".recharts-bar-rectangle path").first()).toBeVisible();
  expect(await page.getByRole("figure", { name: "Alerts" }).locator(".recharts-bar-rectangle path").count()).toBeGreaterThanOrEqual(2);

  // The integration's page charts what it received, hour by hour.
  await page.goto(`/d/${slug}/integrations/${integration.uuid}`);
  await expect(page.getByText("1 received, 0 failed processing")).toBeVisible({ timeout: 90_000 });
  expect(await columnTotal(page, "Webhooks received, last 24 hours", "Received")).toBe(1);
  // It sends its metrics every minute (its first run was while the overview waited): the card shows how far behind they are.
  const sending = page.getByRole("region", { name: "Sending to Datadog" });
  await expect(sending.getByTestId("telemetry-lag")).toHaveText(/^\d+ (s|min) \(sent up to /, { timeout: 60_000 });
  await sending.getByRole("button", { name: "Test connection" }).click();
  await expect(sending.getByRole("status", { name: "Connection test" })).toHaveText("API key (apiKey): works — Datadog (datadoghq.com) takes the key");

  // The alert keeps the trace its sender linked, and shows it.
  await page.goto(`/d/${slug}/alerts/${disk.uuid}`);
  const links = page.getByRole("list", { name: "Links to look into it" });
  await expect(links.getByRole("link", { name: "Failing write" })).toHaveAttribute("href", trace);
  await expect(links.getByRole("listitem")).toHaveText(["TraceFailing write"]);
});
