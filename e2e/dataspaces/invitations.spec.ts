import { signInWithPassword, signUpThroughInvitation } from "../support/accounts";
import { acceptInvitation, createDataspace, createInviteLink, dataspaceSwitcher } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";
import { APP_URL } from "../support/settings";

test("an invited member joins Acme Ops and sees only that dataspace", async ({ ownerPage, newUser }) => {
  const slug = await createDataspace(ownerPage, "Acme Ops");
  const link = await createInviteLink(ownerPage, slug, "Member");
  expect(link.startsWith(`${APP_URL}/invite/`)).toBe(true);
  // The owner also has the seeded demo dataspace: the member must not see it.
  await expect(dataspaceSwitcher(ownerPage).getByRole("link", { name: "Demo dataspace" })).toBeVisible();

  const member = await newUser(`mia-${unique()}@example.test`);
  await expect(member).toHaveURL(/\/dataspaces\/new$/);
  await member.goto(link);
  await expect(member.getByText("as a member")).toBeVisible();
  await acceptInvitation(member, link, "Acme Ops");

  const switcher = dataspaceSwitcher(member);
  await expect(switcher.getByRole("link", { name: "Acme Ops" })).toHaveAttribute("href", `/d/${slug}/requests`);
  await expect(switcher.getByRole("link")).toHaveText([/Acme Ops/, /New dataspace/]);
  await expect(switcher).not.toContainText("Demo dataspace");

  // The demo dataspace stays closed to the member even by URL.
  await member.goto("/d/demo/requests");
  await expect(member.getByRole("heading", { name: "Dataspace not found" })).toBeVisible();

  // Each link works once.
  await member.goto(link);
  await expect(member.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await expect(member.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
});

test("a revoked or unknown invitation link shows a clear page", async ({ ownerPage, newUser }) => {
  const name = `Revoked ${unique()}`;
  const slug = await createDataspace(ownerPage, name);
  const link = await createInviteLink(ownerPage, slug, "Viewer");
  await (await hydrated(ownerPage.getByRole("list", { name: "Invitations" }).getByRole("button", { name: "Revoke" }))).click();
  await expect(ownerPage.getByRole("list", { name: "Invitations" }).getByText("Revoked")).toBeVisible();

  const visitor = await newUser(`rex-${unique()}@example.test`);
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "This invitation was revoked" })).toBeVisible();
  await expect(visitor.getByText(name)).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);

  await visitor.goto(`${link}x`);
  await expect(visitor.getByRole("heading", { name: "Invitation not found" })).toBeVisible();
});

test("a new person opens an invite link in a fresh browser, creates an account and lands in the dataspace with the invited role", async ({ ownerPage, newPage }) => {
  const name = `Acme Support ${unique()}`;
  const slug = await createDataspace(ownerPage, name);
  const link = await createInviteLink(ownerPage, slug, "Viewer");

  const page = await newPage();
  const person = { name: "Nora Newcomer", email: `nora-${unique()}@example.test`, password: "nora's own long password" };
  await page.goto(link);
  await expect(page.getByText("as a viewer")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
  await signUpThroughInvitation(page, link, person, name);
  await expect(page).toHaveURL(`/d/${slug}/requests`);
  await expect(dataspaceSwitcher(page).getByRole("link", { name })).toContainText("Viewer");
  await expect(page.getByRole("region", { name: "Account" })).toContainText(person.email);

  // The owner sees the newcomer with the invited role.
  await ownerPage.goto(`/d/${slug}/members`);
  await expect(ownerPage.getByText(person.email)).toBeVisible();

  // The account is a real one: signed out, it signs back in with its password.
  await (await hydrated(page.getByRole("button", { name: "Sign out" }))).click();
  await expect(page).toHaveURL(/\/signin/);
  await signInWithPassword(page, person.email, person.password);
  await expect(dataspaceSwitcher(page).getByRole("link", { name })).toBeVisible();

  // The link is used up: another fresh browser gets the clear page, not a form.
  const late = await newPage();
  await late.goto(link);
  await expect(late.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await expect(late.getByRole("button", { name: "Create account and join" })).toHaveCount(0);
});
