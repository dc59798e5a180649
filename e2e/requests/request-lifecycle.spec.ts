import { createDataspace } from "../support/dashboard";
import { expect, test, unique } from "../support/fixtures";

test("a request is created, edited and commented, and its three events show in Events", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Ops ${unique()}`);
  const title = `Renew the TLS certificate ${unique()}`;

  await page.getByRole("link", { name: "New request" }).click();
  await expect(page).toHaveURL(`/d/${slug}/requests/new`);

  // An empty title is refused with a message under the field, and nothing is created.
  await page.getByRole("button", { name: "Create request" }).click();
  await expect(page.getByText("Title is required")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription("Title is required");
  await expect(page).toHaveURL(`/d/${slug}/requests/new`);

  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Priority").selectOption({ label: "High" });
  await page.getByLabel("Product context").fill("edge-proxy 2.1");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Field name 1").fill("Need By Date");
  await page.getByLabel("Field value 1").fill("2026-12-01");
  await page.getByRole("button", { name: "Create request" }).click();

  await expect(page).toHaveURL(new RegExp(`/d/${slug}/requests/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const details = page.getByRole("main");
  await expect(details.getByText("High").first()).toBeVisible();
  await expect(details.getByText("Need By Date")).toBeVisible();
  await expect(details.getByText("2026-12-01")).toBeVisible();
  await expect(details.getByText("edge-proxy 2.1")).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Status").selectOption({ label: "In progress" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(details.getByText("In progress").first()).toBeVisible();

  const comment = "Ordered from the CA, waiting for validation.";
  await page.getByLabel("Comment").fill(comment);
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("list", { name: "Comments" }).getByText(comment)).toBeVisible();
  await expect(page.getByLabel("Comment")).toHaveValue("");

  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(`/d/${slug}/events`);
  const rows = page.getByRole("main").getByRole("button", { expanded: false });
  await expect(rows).toHaveCount(3);
  // Newest first.
  await expect(rows).toContainText(["request_comment.added", "request.updated", "request.added"]);

  const added = page.getByRole("main").getByRole("button").filter({ hasText: "request.added" });
  await added.click();
  await expect(added).toHaveAttribute("aria-expanded", "true");
  const payload = page.locator(`#${await added.getAttribute("aria-controls")}`);
  await expect(payload).toContainText(`"title": "${title}"`);
  await expect(payload).toContainText(`"priority": "High"`);
  await expect(payload).toContainText(`"Need By Date": "2026-12-01"`);
});
