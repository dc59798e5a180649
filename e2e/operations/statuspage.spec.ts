import { createDataspace } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";
import { STATUSPAGE_FAKE_URL } from "../support/settings";

/**
 * The status page follows the dashboard: a Statuspage integration configured against the fake
 * (playwright.config.ts runs it as a webServer; the app's STATUSPAGE_API_URL points at it), a
 * service mapped to a component, an incident declared and resolved in the dashboard — and the
 * fake's page, read through its own `/_fake/` endpoint, shows the incident and the outage, then
 * the incident resolved and the component operational again.
 */

type FakeComponent = { id: string; name: string; status: string };
type FakeIncident = { id: string; name: string; status: string; components: FakeComponent[]; incident_updates: { status: string; body: string }[] };
type FakePageState = { id: string; components: FakeComponent[]; incidents: FakeIncident[] };

async function createFakePage(name: string, components: string[]): Promise<{ id: string; apiKey: string; components: FakeComponent[] }> {
  const response = await fetch(`${STATUSPAGE_FAKE_URL}/_fake/pages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, components }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function fakePage(id: string): Promise<FakePageState> {
  const response = await fetch(`${STATUSPAGE_FAKE_URL}/_fake/pages/${id}`);
  expect(response.status).toBe(200);
  return response.json();
}

test("an incident declared and resolved in the dashboard shows on the Statuspage page, with its component's outage and recovery", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Status page ${unique()}`);
  const serviceName = `Payments API ${unique()}`;
  const statusPage = await createFakePage("Acme status", ["Payments"]);
  const component = statusPage.components[0];

  // A service.
  await page.goto(`/d/${slug}/services`);
  await page.getByRole("main").getByRole("link", { name: "New service" }).first().click();
  const createService = await hydrated(page.getByRole("button", { name: "Create service" }));
  await page.getByLabel("Name").fill(serviceName);
  await createService.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/services/[0-9a-f-]{36}$`));

  // A Statuspage integration that publishes incidents, with the API key of the fake's page.
  await page.goto(`/d/${slug}/integrations/new`);
  const createIntegration = await hydrated(page.getByRole("button", { name: "Create integration" }));
  await page.getByRole("radio", { name: "Atlassian Statuspage" }).check();
  await page.getByLabel("Name").fill("Public status page");
  await page.getByLabel("Config").fill(JSON.stringify({ pageId: statusPage.id, apiKey: statusPage.apiKey, publishIncidents: true, notifySubscribers: true }, null, 2));
  await createIntegration.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/integrations/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Public status page" })).toBeVisible();
  const integrationPath = new URL(page.url()).pathname;

  // Test connection reaches the fake; the service is mapped to the page's component, picked from the live list.
  await (await hydrated(page.getByRole("button", { name: "Test connection" }))).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to" })).toContainText("Acme status");
  await page.getByRole("button", { name: "Map services to components…" }).click();
  await page.getByLabel(`Statuspage component for ${serviceName}`).selectOption({ label: `${component.name} (operational)` });
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByRole("button", { name: "Save mapping" })).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel("Config", { exact: true })).toContainText(component.id);

  // An incident on the service, with a major outage.
  await page.goto(`/d/${slug}/incidents`);
  await page.getByRole("main").getByRole("link", { name: "Declare incident" }).first().click();
  const declare = await hydrated(page.getByRole("button", { name: "Declare incident" }));
  await page.getByLabel("Title").fill("Card payments failing");
  await page.getByLabel("First update").fill("We are investigating failed card payments.");
  await page.getByRole("checkbox", { name: serviceName }).check();
  await page.getByLabel(`Impact on ${serviceName}`).selectOption({ label: "Major outage" });
  await declare.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/incidents/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Card payments failing" })).toBeVisible();

  // The page shows it: the incident, investigating, and the component in a major outage.
  await expect
    .poll(async () => {
      const state = await fakePage(statusPage.id);
      return { incidents: state.incidents.map((i) => ({ name: i.name, status: i.status })), component: state.components.find((c) => c.id === component.id)?.status };
    }, { timeout: 30_000, message: "the Statuspage page shows the incident and the outage" })
    .toEqual({ incidents: [{ name: "Card payments failing", status: "investigating" }], component: "major_outage" });

  // Resolved in the dashboard: resolved on the page, and the component operational again.
  await (await hydrated(page.getByRole("button", { name: "Resolve", exact: true }))).click();
  await page.getByRole("button", { name: "Yes, resolve" }).click();
  await expect(page.getByRole("main").getByText("Resolved").first()).toBeVisible();
  await expect
    .poll(async () => {
      const state = await fakePage(statusPage.id);
      return { incidents: state.incidents.map((i) => ({ name: i.name, status: i.status })), component: state.components.find((c) => c.id === component.id)?.status };
    }, { timeout: 30_000, message: "the Statuspage page shows the incident resolved and the component operational" })
    .toEqual({ incidents: [{ name: "Card payments failing", status: "resolved" }], component: "operational" });
  const [incident] = (await fakePage(statusPage.id)).incidents;
  expect(incident.incident_updates.map((u) => u.status)).toEqual(["resolved", "investigating"]);

  // The integration's page still works with it: no attention needed.
  await page.goto(integrationPath);
  await expect(page.getByRole("heading", { level: 1, name: "Public status page" })).toBeVisible();
  await expect(page.getByText("This integration needs attention")).toHaveCount(0);
});
