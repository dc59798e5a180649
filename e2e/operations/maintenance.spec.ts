import { createDataspace } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";

/** `YYYY-MM-DDTHH:mm` in this machine's (and so the browser's) time zone, as datetime-local takes it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

test("a maintenance window is scheduled on a service, gets an update, and is cancelled before it starts", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Maintenance ${unique()}`);
  const serviceName = `Search ${unique()}`;
  await page.goto(`/d/${slug}/services/new`);
  const createService = await hydrated(page.getByRole("button", { name: "Create service" }));
  await page.getByLabel("Name").fill(serviceName);
  await createService.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/services/[0-9a-f-]{36}$`));

  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Maintenance", exact: true }).click();
  await expect(page).toHaveURL(`/d/${slug}/maintenance`);
  await page.getByRole("main").getByRole("link", { name: "Schedule maintenance" }).first().click();
  const schedule = await hydrated(page.getByRole("button", { name: "Schedule maintenance" }));
  const start = new Date(Date.now() + 24 * 3_600_000);
  await page.getByLabel("Title").fill("Reindex the search cluster");
  await page.getByLabel("Starts").fill(localInput(start));
  // An end before the start is refused with a message under the field, and nothing is scheduled.
  await page.getByLabel("Ends").fill(localInput(new Date(start.getTime() - 3_600_000)));
  await schedule.click();
  await expect(page.getByLabel("Ends")).toHaveAccessibleDescription(/after the start/);
  await expect(page).toHaveURL(`/d/${slug}/maintenance/new`);

  await page.getByLabel("Ends").fill(localInput(new Date(start.getTime() + 3_600_000)));
  await page.getByRole("checkbox", { name: serviceName }).check();
  await schedule.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/maintenance/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Reindex the search cluster" })).toBeVisible();
  const main = page.getByRole("main");
  const status = main.getByRole("term").filter({ hasText: /^Status$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(status).toHaveText(/Scheduled/);
  await expect(main.getByText(serviceName)).toBeVisible();

  await page.getByLabel("Post an update").fill("Snapshots taken, ready to go.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(main.getByText("Snapshots taken, ready to go.")).toBeVisible();

  await page.getByRole("button", { name: "Cancel window" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(status).toHaveText(/Cancelled/);
  await expect(main.getByRole("term").filter({ hasText: /^Cancelled$/ })).toBeVisible(); // when it was cancelled
  await expect(page.getByRole("button", { name: "Cancel window" })).toHaveCount(0);
});
