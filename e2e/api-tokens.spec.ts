import { createDataspace } from "./support/dashboard";
import { APP_URL } from "./support/settings";
import { expect, hydrated, test, unique } from "./support/fixtures";

test("an admin creates an API token, sees it once, finds it listed without the secret and revokes it", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Tokens ${unique()}`);
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(`/d/${slug}/api-tokens`);
  await expect(page.getByText("No API tokens yet")).toBeVisible();

  // Without a name the server says what is missing, beside the field.
  const create = await hydrated(page.getByRole("button", { name: "Create token" }));
  await create.click();
  await expect(page.getByText("Give the token a name")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Nightly export");
  await page.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await page.getByLabel("All resources: read").uncheck();
  await page.getByLabel("Requests: write").check();
  await page.getByLabel("Events: read").check();
  // Write includes read: the box shows it, locked.
  await expect(page.getByLabel("Requests: read")).toBeChecked();
  await expect(page.getByLabel("Requests: read")).toBeDisabled();
  await create.click();

  await expect(page.getByText("Copy the token “Nightly export” now: you won’t see it again.")).toBeVisible();
  const token = await page.getByLabel("API token", { exact: true }).inputValue();
  expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();

  const table = page.getByRole("table", { name: "API tokens" });
  // The row shows the token's first characters only (the confirmation row below it does not).
  const row = table.getByRole("row").filter({ hasText: `${token.slice(0, 9)}…` });
  await expect(row).toContainText("Nightly export");
  await expect(row.getByRole("list", { name: "Scopes" }).getByRole("listitem")).toHaveText(["Requests: write", "Events: read"]);
  await expect(row).toContainText("in 90 days");
  await expect(row).toContainText("Never"); // not used yet
  await expect(row).toContainText("Active");

  // Once dismissed, or after a reload, the token is gone for good.
  await page.getByRole("button", { name: "I saved it" }).click();
  await expect(page.getByLabel("API token", { exact: true })).toHaveCount(0);
  await page.reload();
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(token.slice(3));

  // The token works against the REST API (a request created with it shows in the dashboard) until revoked.
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${APP_URL}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
  const created = await api("/requests", { method: "POST", body: JSON.stringify({ title: "Filed through the API", priority: "low" }) });
  expect(created.status).toBe(201);
  const request = (await created.json()) as { uuid: string; absolute_url: string };
  await page.goto(request.absolute_url);
  await expect(page.getByRole("heading", { name: "Filed through the API" })).toBeVisible();
  await page.goto(`/d/${slug}/api-tokens`);

  await (await hydrated(row.getByRole("button", { name: "Revoke Nightly export" }))).click();
  const confirm = page.getByRole("group", { name: "Confirm revoke Nightly export" });
  await expect(confirm).toContainText("Anything still using it is refused from now on");
  await confirm.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expect(confirm).toHaveCount(0);
  const refused = await api(`/requests/${request.uuid}`);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("content-type")).toContain("application/problem+json");
});
