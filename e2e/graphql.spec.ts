import { createDataspace } from "./support/dashboard";
import { expect, test, unique } from "./support/fixtures";

/** GraphiQL in the dashboard: a mutation and a query, run as the signed-in member. */
test("a member runs a mutation and a query in GraphiQL, and the request shows in the dashboard", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `GraphQL ${unique()}`);
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "GraphQL", exact: true }).click();
  await expect(page).toHaveURL(`/d/${slug}/graphql`);

  const editor = page.locator(".graphiql-query-editor .CodeMirror");
  const response = page.locator(".graphiql-response");
  const run = async (name: string, operation: string) => {
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(operation);
    // GraphiQL names the tab after the operation once it has parsed the new text: run only then.
    await expect(page.getByRole("tab", { name })).toBeVisible();
    await page.getByRole("button", { name: /Execute query/ }).click();
  };

  await run("MakeOne", 'mutation MakeOne { createRequest(input: { title: "Made in GraphiQL", priority: high }) { title status priority } }');
  await expect(response).toContainText('"title": "Made in GraphiQL"');
  await expect(response).toContainText('"priority": "High"');

  await run("ListThem", "query ListThem { dataspace { slug } requests(first: 5) { nodes { title status } } }");
  await expect(response).toContainText(`"slug": "${slug}"`);
  await expect(response).toContainText('"status": "open"');

  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Requests", exact: true }).click();
  await expect(page.getByRole("link", { name: "Made in GraphiQL" })).toBeVisible();
});
