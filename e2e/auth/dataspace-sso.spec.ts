import type { Page } from "@playwright/test";
import { startFakeIssuer } from "../../test/fake-oidc-issuer";
import { createDataspace, dataspaceSwitcher } from "../support/dashboard";
import { expect, hydrated, signInAtIdp, test, unique } from "../support/fixtures";
import { APP_URL, IDP_ISSUER, SSO_CLIENT } from "../support/settings";

type Connection = { name: string; issuer: string; clientId: string; clientSecret: string; domain: string };

async function addSsoConnection(page: Page, slug: string, c: Connection) {
  await page.goto(`/d/${slug}/settings`);
  const add = await hydrated(page.getByRole("button", { name: "Add connection" }));
  await page.getByLabel("Connection name").fill(c.name);
  await page.getByLabel("Issuer URL").fill(c.issuer);
  await page.getByLabel("Client ID").fill(c.clientId);
  await page.getByLabel("Client secret").fill(c.clientSecret);
  await page.getByLabel("Allowed email domains").fill(c.domain);
  await page.getByLabel("Default role").selectOption({ label: "Member" });
  await add.click();
}

async function startSsoSignIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
}

test("a new user signs in with the dataspace's SSO connection and joins it as a member", async ({ ownerPage, newPage }, testInfo) => {
  // One domain signs in through one connection instance-wide, so a retry needs a fresh one.
  const domain = testInfo.retry === 0 ? "acme.test" : `acme-${unique()}.test`;
  const name = `Acme SSO ${unique()}`;
  const slug = await createDataspace(ownerPage, name);
  await addSsoConnection(ownerPage, slug, {
    name: "Acme IdP",
    issuer: IDP_ISSUER,
    clientId: SSO_CLIENT.id,
    clientSecret: SSO_CLIENT.secret,
    domain,
  });
  const connections = ownerPage.getByRole("list", { name: "SSO connections" });
  await expect(connections.getByText("Acme IdP")).toBeVisible();
  await expect(connections.getByText(`@${domain} join as Member`)).toBeVisible();
  await expect(connections.getByText(`${APP_URL}/api/auth/callback/sso-`)).toBeVisible();
  // The secret is stored, never shown again in full.
  await expect(ownerPage.getByText(SSO_CLIENT.secret)).toHaveCount(0);

  const bob = await newPage();
  const email = `bob@${domain}`;
  await startSsoSignIn(bob, email);
  await bob.waitForURL(`${IDP_ISSUER}/**`);
  // The app tells the IdP who is coming (login_hint).
  await expect(bob.getByLabel("Email")).toHaveValue(email);
  await signInAtIdp(bob, email);

  await expect(bob).toHaveURL(`/d/${slug}/requests`);
  const current = dataspaceSwitcher(bob).getByRole("link", { name });
  await expect(current).toHaveAttribute("aria-current", "true");
  await expect(current).toContainText("Member");
  await expect(bob.getByRole("region", { name: "Account" })).toContainText(email);

  await ownerPage.goto(`/d/${slug}/members`);
  await expect(ownerPage.getByLabel(`Access level for ${email}`)).toHaveValue("MEMBER");
});

test("a misconfigured SSO connection names the setting to fix", async ({ ownerPage, newPage }) => {
  // An issuer that answers discovery while the admin saves the connection, then goes away.
  const { issuer, close } = await startFakeIssuer();
  const domain = `broken-${unique()}.test`;
  const slug = await createDataspace(ownerPage, `Broken SSO ${unique()}`);
  await addSsoConnection(ownerPage, slug, { name: "Flaky IdP", issuer, clientId: "flaky", clientSecret: "flaky-secret", domain });
  await expect(ownerPage.getByRole("list", { name: "SSO connections" }).getByText("Flaky IdP")).toBeVisible();
  await close();

  const user = await newPage();
  await startSsoSignIn(user, `carol@${domain}`);
  await expect(user.getByRole("alert").filter({ hasText: "SSO connection" })).toHaveText(
    `SSO connection 'Flaky IdP' failed: could not load ${issuer}/.well-known/openid-configuration — check the Issuer URL`,
  );
  await expect(user).toHaveURL(/\/signin/);

  // Saving a connection whose issuer does not answer is refused, with the message on that field.
  await addSsoConnection(ownerPage, slug, { name: "Dead IdP", issuer, clientId: "dead", clientSecret: "dead-secret", domain: `dead-${unique()}.test` });
  await expect(ownerPage.getByLabel("Issuer URL")).toHaveAccessibleDescription(
    `Could not load ${issuer}/.well-known/openid-configuration (the server is unreachable)`,
  );
  await expect(ownerPage.getByRole("list", { name: "SSO connections" }).getByText("Dead IdP")).toHaveCount(0);
});
