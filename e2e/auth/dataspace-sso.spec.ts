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

/** The connection's claim to `domain`, as the SSO settings show it. */
const claimOf = (page: Page, domain: string) =>
  page.getByRole("list", { name: "SSO connections" }).getByRole("listitem", { name: `Domain ${domain}` });

/** As the instance owner: approve the claim to `domain` on the instance-wide review page. */
async function approveClaim(page: Page, slug: string, domain: string) {
  await page.goto(`/d/${slug}/settings`);
  await page.getByRole("link", { name: /Review domain claims/ }).click();
  await expect(page).toHaveURL(`/d/${slug}/settings/domain-claims`);
  const claim = page.getByRole("listitem", { name: `Claim of ${domain}` });
  await expect(claim).toContainText("Pending");
  await (await hydrated(claim.getByRole("button", { name: "Approve" }))).click();
  await expect(claim).toContainText("Approved by an instance admin");
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

  // The domain is claimed, not yet proven: the settings show the DNS record that would prove it.
  const claim = claimOf(ownerPage, domain);
  await expect(claim).toContainText("Waiting for proof");
  await expect(claim).toContainText(new RegExp(`_switchboard-challenge\\.${domain.replace(/\./g, "\\.")} TXT "switchboard-verify=[\\w-]+"`));
  await (await hydrated(claim.getByRole("button", { name: "Check now" }))).click();
  await expect(claim).toContainText(`Last check:`);
  await expect(claim).toContainText(`_switchboard-challenge.${domain}`);
  await expect(claim).toContainText("Waiting for proof");

  // The owner is an instance admin: approving the claim is the proof here.
  await approveClaim(ownerPage, slug, domain);
  await ownerPage.goto(`/d/${slug}/settings`);
  await expect(claimOf(ownerPage, domain)).toContainText("Approved by an instance admin");
  await expect(claimOf(ownerPage, domain).getByRole("button", { name: "Check now" })).toHaveCount(0);

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

test("an admin of another dataspace cannot sign in as an existing user through an SSO connection claiming their domain", async ({
  ownerPage,
  newPage,
  newUser,
}) => {
  test.slow(); // three people's sign-ins and two dataspaces
  // Adam signed up with the instance's OIDC provider and runs dataspace A.
  const domain = `victim-${unique()}.test`;
  const adamEmail = `adam@${domain}`;
  const adam = await newUser(adamEmail);
  const nameA = `Adam's team ${unique()}`;
  const slugA = await createDataspace(adam, nameA);

  // The admin of dataspace B adds a connection claiming Adam's domain, with an IdP they control.
  const slugB = await createDataspace(ownerPage, `Bravo ${unique()}`);
  await addSsoConnection(ownerPage, slugB, { name: "Not Adam's IdP", issuer: IDP_ISSUER, clientId: SSO_CLIENT.id, clientSecret: SSO_CLIENT.secret, domain });
  await expect(claimOf(ownerPage, domain)).toContainText("Waiting for proof");

  // …and signs in as adam@ through it: refused, with the reason, and signed in as nobody.
  const attacker = await newPage();
  await startSsoSignIn(attacker, adamEmail);
  await attacker.waitForURL(`${IDP_ISSUER}/**`);
  await signInAtIdp(attacker, adamEmail);
  await expect(attacker).toHaveURL(/\/signin\?.*reason=account_conflict/);
  await expect(attacker.getByRole("alert").filter({ hasText: "An account with this email address already exists" })).toBeVisible();
  await attacker.goto(`/d/${slugA}/requests`);
  await expect(attacker).toHaveURL(/\/signin/);
  await attacker.goto(`/d/${slugB}/requests`);
  await expect(attacker).toHaveURL(/\/signin/);

  // Adam is still only Adam: A's owner, no member of B.
  await adam.goto(`/d/${slugA}/requests`);
  await expect(dataspaceSwitcher(adam).getByRole("link", { name: nameA })).toContainText("Owner");
  await ownerPage.goto(`/d/${slugB}/members`);
  await expect(ownerPage.getByLabel(`Access level for ${adamEmail}`)).toHaveCount(0);
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
