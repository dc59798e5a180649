import { createDataspace, createRequest } from "./support/dashboard";
import { expect, hydrated, test, unique } from "./support/fixtures";
import { githubFake } from "./support/github-fake";
import { GITHUB_FAKE_URL } from "./support/settings";

/**
 * Two-way issue sync with GitHub, from the dashboard: a GitHub integration with issue sync
 * configured against the GitHub fake (playwright.config.ts runs it as a webServer), its webhook
 * registered on the fake to the inbound URL the integration page shows; a request created in the
 * dashboard gets its issue (the link shows on the request page, synced), and a person's comment
 * on that issue on "github.com" (the fake's `/_fake/` side) shows on the request, via GitHub.
 * Then the link is undone and made again by hand, and the integration page counts it and syncs
 * the existing requests.
 */

type FakeIssue = { number: number; title: string; body: string | null; comments_list: { body: string }[] };

test("a request made in the dashboard becomes a GitHub issue, and a comment made on GitHub shows on the request", async ({ ownerPage: page }) => {
  const id = unique();
  const repository = `acme-${id}/app`;
  const login = `switchboard-bot-${id}`;
  const token = `ghp_e2e${id}`;
  const webhookSecret = `e2e-github-webhook-secret-${id}`;
  await githubFake("POST", "users", { login, token, scopes: ["repo"] });
  await githubFake("POST", "users", { login: `alice-${id}`, token: `ghp_alice${id}` });
  await githubFake("POST", "repos", { fullName: repository, collaborators: [login, `alice-${id}`] });

  const slug = await createDataspace(page, `Issue sync ${id}`);

  // A GitHub integration with issue sync, both ways, against the fake.
  await page.goto(`/d/${slug}/integrations/new`);
  const createIntegration = await hydrated(page.getByRole("button", { name: "Create integration" }));
  await page.getByRole("radio", { name: "GitHub" }).check();
  await page.getByLabel("Name").fill("App issues");
  await page.getByLabel("Config").fill(JSON.stringify({ repository, webhookSecret, token, apiUrl: GITHUB_FAKE_URL, issueSync: { direction: "both" } }, null, 2));
  await createIntegration.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/integrations/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "App issues" })).toBeVisible();
  const integrationPath = new URL(page.url()).pathname;

  // GitHub's webhook for the repository goes to the inbound URL the page shows.
  const inboundUrl = await page.getByLabel("Inbound URL").inputValue();
  await githubFake("POST", "hooks", { repo: repository, url: inboundUrl, secret: webhookSecret });

  // The issue sync card: what it does in words, and Test connection reaches the fake as the bot.
  await expect(page.getByRole("heading", { name: "Issue sync", exact: true })).toBeVisible();
  await expect(page.getByText(/^Both ways: requests create and update issues on GitHub/)).toBeVisible();
  await (await hydrated(page.getByRole("button", { name: "Test connection" }))).click();
  await expect(page.getByRole("status", { name: "Connection test" })).toContainText(`Connected as ${login} to ${repository}`);

  // A request made in the dashboard: its issue appears on the request page, synced.
  const title = `Checkout times out ${id}`;
  const requestPath = await createRequest(page, slug, title);
  const issues = page.getByRole("list", { name: "Linked issues" });
  const issueKey = new RegExp(`^${repository}#\\d+$`);
  const link = issues.getByRole("link", { name: issueKey });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await expect(issues.getByRole("listitem").filter({ has: page.getByRole("link", { name: issueKey }) })).toContainText("Synced", { timeout: 20_000 });
  const key = (await link.textContent())!;
  const number = Number(key.split("#")[1]);
  await expect(link).toHaveAttribute("href", new RegExp(`/${repository}/issues/${number}$`));

  // On GitHub: the issue has the request's title and links back to it.
  const [issue] = (await githubFake("GET", `repos/${repository}/issues`)) as FakeIssue[];
  expect(issue).toMatchObject({ number, title });
  expect(issue.body).toContain(requestPath);

  // Someone comments on GitHub: the comment comes back to the request, with its source badge.
  const comment = `Reproduced on staging, the payment provider answers in 31 s (${id}).`;
  await githubFake("POST", `repos/${repository}/issues/${number}/comments`, { body: comment, login: `alice-${id}` });
  const comments = page.locator('ol[title="Comments"] > li');
  await expect(async () => {
    await page.reload();
    await expect(comments.filter({ hasText: comment })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const pulled = comments.filter({ hasText: comment });
  await expect(pulled).toContainText(`alice-${id}`);
  await expect(pulled.getByText("via GitHub")).toBeVisible();
  // It stays one comment on GitHub: the one the person made was not sent back.
  const [after] = (await githubFake("GET", `repos/${repository}/issues`)) as FakeIssue[];
  expect(after.comments_list.map((c) => c.body)).toEqual([comment]);

  // Unlinked (after a confirm), then linked again by hand: a reference GitHub does not know is
  // refused under the field, in GitHub's words.
  await page.getByRole("button", { name: "Unlink" }).click();
  await page.getByRole("group", { name: `Unlink ${key}` }).getByRole("button", { name: "Yes, unlink" }).click();
  await expect(page.getByText("Not linked to an issue.")).toBeVisible();
  expect(((await githubFake("GET", `repos/${repository}/issues`)) as FakeIssue[]).map((i) => i.number)).toEqual([number]);
  await page.getByRole("button", { name: "Link existing issue" }).click();
  const form = page.getByRole("form", { name: "Link existing issue" });
  await form.getByLabel("Integration").selectOption({ label: "App issues" });
  await form.getByLabel("Issue").fill("#999");
  await form.getByRole("button", { name: "Link issue" }).click();
  await expect(form.getByLabel("Issue")).toHaveAccessibleDescription(/GitHub does not know issue #999/);
  await form.getByLabel("Issue").fill(`#${number}`);
  await form.getByRole("button", { name: "Link issue" }).click();
  await expect(issues.getByRole("listitem").filter({ has: page.getByRole("link", { name: key, exact: true }) })).toContainText("Synced");

  // The integration page counts the link, and "Sync existing requests" brings it up to date.
  await page.goto(integrationPath);
  await expect(page.getByLabel("Linked issues by state")).toContainText("1 synced");
  await (await hydrated(page.getByRole("button", { name: "Sync existing requests" }))).click();
  await expect(page.getByText("Existing requests synced")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("1 of 1 synced · 0 failed")).toBeVisible();
  await expect(page.getByText("This integration needs attention")).toHaveCount(0);
});
