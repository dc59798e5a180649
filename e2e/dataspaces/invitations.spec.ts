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
