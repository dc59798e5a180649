import { test as base, expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { APP_URL, IDP_ISSUER, IDP_PASSWORD, OWNER_STATE } from "./settings";

export { expect };

/** A short suffix that keeps names unique within one run (one database per run). */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/**
 * Waits until React has hydrated `target`. A click on a client-side form before that submits it
 * natively (a GET to the same page, input lost), so interactive steps right after a navigation
 * wait for this first. React marks every hydrated DOM node with a `__reactProps$…` key.
 */
export async function hydrated(target: Locator): Promise<Locator> {
  await expect
    .poll(() => target.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$"))), { message: "page hydrated" })
    .toBe(true);
  return target;
}

/**
 * At the test IdP (127.0.0.1): sign in as `email`, then allow Switchboard, and wait to be back
 * on the app. Each user gets a fresh browser context, so the IdP always asks both questions.
 */
export async function signInAtIdp(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Sign in to Test IdP" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(IDP_ISSUER);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(IDP_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize Switchboard" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((url) => url.origin === APP_URL && !url.pathname.startsWith("/api/auth/"));
}

/** The full instance-wide OIDC sign-in: the "Test IdP" button on /signin, then the IdP. */
export async function signInWithTestIdp(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Test IdP/ }).click();
  await signInAtIdp(page, email);
}

type Fixtures = {
  /** A page signed in as the instance owner (created by the first-run spec). */
  ownerPage: Page;
  /** A page in a fresh browser context (its own cookies, signed in nowhere). */
  newPage: () => Promise<Page>;
  /** A fresh browser context with a new user signed in through the test IdP. */
  newUser: (email: string) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  ownerPage: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: OWNER_STATE });
    await use(await context.newPage());
    await context.close();
  },
  newPage: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  newUser: async ({ newPage }, use) => {
    await use(async (email) => {
      const page = await newPage();
      await signInWithTestIdp(page, email);
      return page;
    });
  },
});
