import { createDataspace } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";
import { APP_URL } from "../support/settings";

test("an admin registers a custom event type, a script publishes it over the API, and it shows in Events", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Deploys ${unique()}`);

  // A token that may publish events.
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Name", { exact: true }).fill("CI");
  await page.getByLabel("All resources: read").uncheck();
  await page.getByLabel("Events: write").check();
  await (await hydrated(page.getByRole("button", { name: "Create token" }))).click();
  const token = await page.getByLabel("API token", { exact: true }).inputValue();
  const publish = (data: unknown) =>
    fetch(`${APP_URL}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "custom.deploy.finished", data }),
    });
  // Not registered yet: refused, naming the field.
  const unregistered = await publish({ service: "api" });
  expect(unregistered.status).toBe(422);
  expect(JSON.stringify(await unregistered.json())).toContain("type");

  await page.goto(`/d/${slug}/events`);
  await page.getByRole("link", { name: "Custom event types" }).click();
  await expect(page).toHaveURL(`/d/${slug}/events/types`);
  await page.getByLabel("Name", { exact: true }).fill("custom.deploy.finished");
  await page.getByLabel("Description").fill("A deploy finished");
  // A schema that is not JSON is refused beside the field, before anything is sent.
  await page.getByLabel("JSON Schema").fill("{ not json");
  const register = await hydrated(page.getByRole("button", { name: "Register type" }));
  await register.click();
  await expect(page.getByLabel("JSON Schema")).toHaveAccessibleDescription(/JSON/);
  await page.getByLabel("JSON Schema").fill(
    JSON.stringify({ type: "object", required: ["service", "version"], properties: { service: { type: "string" }, version: { type: "string" } } }),
  );
  await register.click();
  await expect(page.getByRole("list", { name: "Custom event types" }).getByText("custom.deploy.finished")).toBeVisible();

  // Data that breaks the schema is refused with the failing field; valid data is published.
  const invalid = await publish({ service: "api" });
  expect(invalid.status).toBe(422);
  expect(JSON.stringify(await invalid.json())).toContain("version");
  const published = await publish({ service: "api", version: "2.4.1" });
  expect(published.status).toBe(201);

  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(`/d/${slug}/events`);
  const row = page.getByRole("main").getByRole("button").filter({ hasText: "custom.deploy.finished" });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(page.locator(`#${await row.getAttribute("aria-controls")}`)).toContainText(`"version": "2.4.1"`);
  // The registered type is one of the filter's choices.
  await page.getByLabel("Event type").selectOption("custom.deploy.finished");
  await expect(page.getByRole("main").getByRole("button", { expanded: false }).or(row)).toHaveCount(1);
  // Families are choices too, filtered by the same rule as GET /events?type=; each row says what happened in one line.
  await page.getByLabel("Event type").selectOption("github.*");
  await expect(page.getByText("No github.* events yet")).toBeVisible();
  await page.getByLabel("Event type").selectOption("custom.*");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("service: api, version: 2.4.1");
});
