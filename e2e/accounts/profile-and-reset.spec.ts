import { signInWithPassword, signUpThroughInvitation } from "../support/accounts";
import { createDataspace, createInviteLink } from "../support/dashboard";
import type { Page } from "@playwright/test";
import { expect, hydrated, test, unique } from "../support/fixtures";

/** A dataspace with a new member, signed in on two browsers ("laptop" and "phone"). */
async function memberOnTwoBrowsers(ownerPage: Page, newPage: () => Promise<Page>, password: string) {
  const name = `Profiles ${unique()}`;
  const slug = await createDataspace(ownerPage, name);
  const person = { name: "Pat Person", email: `pat-${unique()}@example.test`, password };
  const laptop = await newPage();
  await signUpThroughInvitation(laptop, await createInviteLink(ownerPage, slug, "Member"), person, name);
  const phone = await newPage();
  await signInWithPassword(phone, person.email, person.password);
  return { slug, person, laptop, phone };
}

test("on the profile, changing the password signs out the other browser but not this one", async ({ ownerPage, newPage }) => {
  // Two browsers and a sign-up: slower than one flow on a loaded machine.
  test.slow();
  const { slug, person, laptop, phone } = await memberOnTwoBrowsers(ownerPage, newPage, "pat's first password");

  // Profile: rename, then change the password (the current one is required).
  await laptop.getByRole("region", { name: "Account" }).getByRole("link", { name: "Profile", exact: true }).click();
  await expect(laptop.getByRole("heading", { name: "Profile" })).toBeVisible();
  const nameForm = laptop.getByRole("form", { name: "Name" });
  const save = await hydrated(nameForm.getByRole("button", { name: "Save name" }));
  await nameForm.getByLabel("Name").fill("Pat Renamed");
  await save.click();
  await expect(nameForm.getByText("Name saved.")).toBeVisible();

  const passwordForm = laptop.getByRole("form", { name: "Password" });
  const change = await hydrated(passwordForm.getByRole("button", { name: "Change password" }));
  await passwordForm.getByLabel("Current password").fill("not my password at all");
  await passwordForm.getByLabel("New password").fill("pat's second password");
  await change.click();
  await expect(passwordForm.getByText("The current password is not right")).toBeVisible();
  await passwordForm.getByLabel("Current password").fill(person.password);
  await passwordForm.getByLabel("New password").fill("pat's second password");
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByText("Password changed. Every other session was signed out.")).toBeVisible();

  // The other browser is signed out on its next request; this one stays signed in.
  await phone.goto(`/d/${slug}/requests`);
  await expect(phone).toHaveURL(/\/signin/);
  await laptop.goto(`/d/${slug}/requests`);
  await expect(laptop).toHaveURL(`/d/${slug}/requests`);
  await expect(laptop.getByRole("region", { name: "Account" })).toContainText("Pat Renamed");

});

test("without SMTP an instance admin's one-time reset link lets a person back in and signs out their sessions", async ({ ownerPage, newPage }) => {
  test.slow();
  const { slug, person, laptop, phone } = await memberOnTwoBrowsers(ownerPage, newPage, "pat's first password");

  // Without SMTP, "forgot password" sends people to an admin.
  await phone.context().clearCookies();
  await phone.goto("/signin");
  await phone.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(phone.getByText("Ask an administrator of this Switchboard instance")).toBeVisible();

  // The instance owner creates a one-time reset link.
  await ownerPage.goto("/admin/users");
  const search = await hydrated(ownerPage.getByLabel("Search by email or name"));
  await search.fill(person.email);
  const row = ownerPage.getByRole("listitem", { name: person.email });
  await row.getByRole("button", { name: "Create reset link" }).click();
  const resetField = row.getByLabel(/One-time reset link/);
  await expect(resetField).toHaveValue(/\/reset-password\/sbr_\S+$/);
  const resetLink = await resetField.inputValue();

  await phone.goto(resetLink);
  await expect(phone.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  const setPassword = await hydrated(phone.getByRole("button", { name: "Set new password" }));
  await phone.getByLabel("New password").fill("pat's third password");
  await setPassword.click();
  await expect(phone).toHaveURL(`/d/${slug}/requests`);

  // The reset signed out the laptop, and the link works once.
  await laptop.goto(`/d/${slug}/requests`);
  await expect(laptop).toHaveURL(/\/signin/);
  await laptop.goto(resetLink);
  await expect(laptop.getByRole("heading", { name: "This reset link has already been used" })).toBeVisible();

  // "Sign out everywhere" on the phone ends the laptop's fresh session too.
  await signInWithPassword(laptop, person.email, "pat's third password");
  await expect(laptop).toHaveURL(`/d/${slug}/requests`);
  await phone.goto("/profile");
  await (await hydrated(phone.getByRole("button", { name: "Sign out everywhere" }))).click();
  await expect(phone).toHaveURL(/\/signin/);
  await laptop.goto(`/d/${slug}/requests`);
  await expect(laptop).toHaveURL(/\/signin/);
});
