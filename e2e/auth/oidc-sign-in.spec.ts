import { expect, signInAtIdp, test, unique } from "../support/fixtures";
import { IDP_ISSUER } from "../support/settings";

test("a new user signs in through the Test IdP and is asked to create a dataspace", async ({ page }) => {
  const email = `alice-${unique()}@example.test`;
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();

  // The real OpenID Provider on 127.0.0.1: log in, then consent.
  await page.waitForURL(`${IDP_ISSUER}/**`);
  await signInAtIdp(page, email);

  // Back on the app, signed in as that new user, who has no dataspace yet.
  await expect(page).toHaveURL(/\/dataspaces\/new$/);
  await expect(page.getByRole("heading", { name: "Create your first dataspace" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create dataspace" })).toBeVisible();

  // The session sticks: the front door sends them back here rather than to sign-in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/dataspaces\/new$/);
});
