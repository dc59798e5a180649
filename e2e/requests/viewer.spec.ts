import { acceptInvitation, createDataspace, createInviteLink, createRequest } from "../support/dashboard";
import { expect, test, unique } from "../support/fixtures";

test("a viewer reads requests but gets no controls to create or change them", async ({ ownerPage, newUser }) => {
  const name = `Audit ${unique()}`;
  const slug = await createDataspace(ownerPage, name);
  const title = `Quarterly access review ${unique()}`;
  const requestPath = await createRequest(ownerPage, slug, title);
  // What the viewer must not get, the owner does get on the same page.
  await expect(ownerPage.getByRole("button", { name: "Edit" })).toBeVisible();
  await expect(ownerPage.getByLabel("Comment")).toBeVisible();
  const link = await createInviteLink(ownerPage, slug, "Viewer");

  const viewer = await newUser(`vera-${unique()}@example.test`);
  await acceptInvitation(viewer, link, name);

  await expect(viewer.getByRole("heading", { name: "Requests" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: title })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New request" })).toHaveCount(0);

  await viewer.getByRole("link", { name: title }).click();
  await expect(viewer).toHaveURL(requestPath);
  await expect(viewer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(viewer.getByText("Viewers can read comments but not add them.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Close request" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add comment" })).toHaveCount(0);
  await expect(viewer.getByLabel("Comment")).toHaveCount(0);
});
