import type { Page } from "@playwright/test";
import { dataspaceSwitcher } from "./dashboard";
import { expect, hydrated } from "./fixtures";

/**
 * Account steps shared by the invitation and account specs: a new person signs up through an
 * invitation link, and anyone signs in with a password.
 */

/** On an invitation page, signed in nowhere: creates the account and lands in the dataspace. */
export async function signUpThroughInvitation(page: Page, link: string, person: { name: string; email: string; password: string }, dataspaceName: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${dataspaceName}` })).toBeVisible();
  const form = page.getByRole("form", { name: "Create your account" });
  const submit = await hydrated(form.getByRole("button", { name: "Create account and join" }));
  await form.getByLabel("Your name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Password").fill(person.password);
  await submit.click();
  await expect(page).toHaveURL(/\/d\/[a-z0-9-]+\/requests$/);
  await expect(dataspaceSwitcher(page).getByRole("link", { name: dataspaceName })).toHaveAttribute("aria-current", "true");
}

/** Signs in with email and password on /signin and waits to leave it. */
export async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto("/signin");
  const submit = await hydrated(page.getByRole("button", { name: "Sign in", exact: true }));
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await submit.click();
  await expect(page).not.toHaveURL(/\/signin/);
}
