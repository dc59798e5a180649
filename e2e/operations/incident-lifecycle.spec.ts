import { createDataspace } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";

test("a service goes down with a declared incident and returns to operational when it is resolved", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Status ${unique()}`);
  const serviceName = `Checkout API ${unique()}`;

  // A service, from the nav.
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Services" }).click();
  await expect(page).toHaveURL(`/d/${slug}/services`);
  await page.getByRole("main").getByRole("link", { name: "New service" }).first().click();
  const create = await hydrated(page.getByRole("button", { name: "Create service" }));
  await page.getByLabel("Name").fill(serviceName);
  await page.getByLabel("Group").fill("API");
  await create.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/services/[0-9a-f-]{36}$`));
  const servicePath = new URL(page.url()).pathname;
  // The status badge beside the service's name (the status selector below lists every status).
  const serviceHeader = page.getByRole("heading", { level: 1, name: serviceName }).locator("..");
  await expect(serviceHeader).toContainText("Operational");

  // An incident on it, with a partial outage.
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Incidents" }).click();
  await page.getByRole("main").getByRole("link", { name: "Declare incident" }).first().click();
  const declare = await hydrated(page.getByRole("button", { name: "Declare incident" }));
  await page.getByLabel("Title").fill("Checkout errors for some cards");
  await page.getByLabel("First update").fill("We are looking into failed payments.");
  await page.getByRole("checkbox", { name: serviceName }).check();
  await page.getByLabel(`Impact on ${serviceName}`).selectOption({ label: "Partial outage" });
  await declare.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/incidents/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Checkout errors for some cards" })).toBeVisible();

  await page.goto(servicePath);
  await expect(serviceHeader).toContainText("Partial outage");

  // Resolved: the service is operational again.
  await page.goBack();
  await (await hydrated(page.getByRole("button", { name: "Resolve", exact: true }))).click();
  await page.getByRole("button", { name: "Yes, resolve" }).click();
  await expect(page.getByRole("main").getByRole("term").filter({ hasText: /^Resolved$/ })).toBeVisible(); // the resolved time, shown once resolved
  await expect(page.getByRole("button", { name: "Resolve", exact: true })).toHaveCount(0);
  await page.goto(servicePath);
  await expect(serviceHeader).toContainText("Operational");
  await expect(serviceHeader).not.toContainText("Partial outage");
});
