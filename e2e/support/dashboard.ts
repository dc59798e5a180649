import type { Page } from "@playwright/test";
import { expect, hydrated } from "./fixtures";

/**
 * Steps through the dashboard that several specs share; each asserts what the user sees. Forms
 * are client components: each step waits for hydration before typing (see `hydrated`).
 */

/** Creates a dataspace from /dataspaces/new and returns its slug (from the page it lands on). */
export async function createDataspace(page: Page, name: string): Promise<string> {
  await page.goto("/dataspaces/new");
  const create = await hydrated(page.getByRole("button", { name: "Create dataspace" }));
  await page.getByLabel("Name", { exact: true }).fill(name);
  await create.click();
  await expect(page).toHaveURL(/\/d\/[a-z0-9-]+\/requests$/);
  await expect(dataspaceSwitcher(page).getByRole("link", { name })).toHaveAttribute("aria-current", "true");
  return new URL(page.url()).pathname.split("/")[2];
}

/** Creates an invite link on the Members page and returns it, as the read-only field shows it. */
export async function createInviteLink(page: Page, slug: string, role: "Admin" | "Member" | "Viewer"): Promise<string> {
  await page.goto(`/d/${slug}/members`);
  const create = await hydrated(page.getByRole("button", { name: "Create invite link" }));
  await page.getByLabel("Role").selectOption({ label: role });
  await create.click();
  const link = page.getByLabel("Invite link");
  await expect(link).toHaveValue(/\/invite\/\S+$/);
  return link.inputValue();
}

/** Opens an invitation link and accepts it; the user lands in that dataspace. */
export async function acceptInvitation(page: Page, link: string, dataspaceName: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${dataspaceName}` })).toBeVisible();
  await (await hydrated(page.getByRole("button", { name: "Accept invitation" }))).click();
  await expect(page).toHaveURL(/\/d\/[a-z0-9-]+\/requests$/);
  await expect(dataspaceSwitcher(page).getByRole("link", { name: dataspaceName })).toHaveAttribute("aria-current", "true");
}

export function dataspaceSwitcher(page: Page) {
  return page.getByRole("navigation", { name: "Dataspaces" });
}

/** Creates a request with just a title; returns the request page's path. */
export async function createRequest(page: Page, slug: string, title: string): Promise<string> {
  await page.goto(`/d/${slug}/requests/new`);
  const create = await hydrated(page.getByRole("button", { name: "Create request" }));
  await page.getByLabel("Title").fill(title);
  await create.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}
