import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Steps through the dashboard that several specs share; each asserts what the user sees. */

/** Creates a dataspace from /dataspaces/new and returns its slug (from the page it lands on). */
export async function createDataspace(page: Page, name: string): Promise<string> {
  await page.goto("/dataspaces/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create dataspace" }).click();
  await expect(page).toHaveURL(/\/d\/[a-z0-9-]+\/requests$/);
  await expect(dataspaceSwitcher(page).getByRole("link", { name: name })).toHaveAttribute("aria-current", "true");
  return new URL(page.url()).pathname.split("/")[2];
}

/** Creates an invite link on the Members page and returns it, as the read-only field shows it. */
export async function createInviteLink(page: Page, slug: string, role: "Admin" | "Member" | "Viewer"): Promise<string> {
  await page.goto(`/d/${slug}/members`);
  await page.getByLabel("Role").selectOption({ label: role });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByLabel("Invite link");
  await expect(link).toHaveValue(/\/invite\/\S+$/);
  return link.inputValue();
}

/** Opens an invitation link and accepts it; the user lands in that dataspace. */
export async function acceptInvitation(page: Page, link: string, dataspaceName: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${dataspaceName}` })).toBeVisible();
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(/\/d\/[a-z0-9-]+\/requests$/);
  await expect(dataspaceSwitcher(page).getByRole("link", { name: dataspaceName })).toHaveAttribute("aria-current", "true");
}

export function dataspaceSwitcher(page: Page) {
  return page.getByRole("navigation", { name: "Dataspaces" });
}

/** Creates a request with just a title from the requests page; returns the request's URL path. */
export async function createRequest(page: Page, slug: string, title: string): Promise<string> {
  await page.goto(`/d/${slug}/requests`);
  await page.getByRole("link", { name: "New request" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}
