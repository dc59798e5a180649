import { mkdir } from "node:fs/promises";
import path from "node:path";
import { dataspaceSwitcher } from "../support/dashboard";
import { expect, test } from "../support/fixtures";
import { OWNER, OWNER_STATE } from "../support/settings";

// Runs first, on an empty instance (its own Playwright project): the other specs reuse the
// owner's session saved at the end.
test("first run: the owner sets up the instance, signs out and back in with the password", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);

  await expect(page.getByRole("heading", { name: "Set up Switchboard" })).toBeVisible();
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email", { exact: true }).fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();

  // The owner adopts the seeded demo dataspace and lands in its dashboard.
  await expect(page).toHaveURL("/d/demo/requests");
  await expect(page.getByRole("heading", { name: "Requests" })).toBeVisible();
  await expect(dataspaceSwitcher(page).getByRole("link", { name: "Demo dataspace" })).toContainText("Owner");
  await expect(page.getByRole("region", { name: "Account" })).toContainText(OWNER.email);

  // Setup is a one-time thing.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email", { exact: true }).fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Invalid email or password")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/d\/[^/]+/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await mkdir(path.dirname(OWNER_STATE), { recursive: true });
  await page.context().storageState({ path: OWNER_STATE });
});
