import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { acceptInvitation, createDataspace, createInviteLink } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";

const require = createRequire(import.meta.url);

/** The receiver's lookup cache is evicted on every change in this process: a change applies at once (slack for the request). */
const HOOK_CACHE_MS = 2_000;

/** A `pull_request` `opened` payload exactly as GitHub documents it (@octokit/webhooks-examples). */
function pullRequestOpened(): Record<string, unknown> {
  const definitions = require("@octokit/webhooks-examples") as { name: string; examples: { action?: string }[] }[];
  const example = definitions.find((d) => d.name === "pull_request")?.examples.find((e) => e.action === "opened");
  if (!example) throw new Error("@octokit/webhooks-examples has no pull_request.opened example");
  // From the integration's repository: deliveries for other repositories are skipped (docs/integrations.md).
  const payload = structuredClone(example) as { repository: { full_name: string } };
  payload.repository.full_name = "octo-org/octo-app";
  return payload;
}

/** POSTs `body` to the inbound URL the way GitHub does, signed with `secret` (X-Hub-Signature-256 over the exact bytes). */
async function sendGithubDelivery(url: string, secret: string, body: string, deliveryId = randomUUID()) {
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/e2e",
      "x-github-event": "pull_request",
      "x-github-delivery": deliveryId,
      "x-hub-signature-256": signature,
    },
    body,
  });
  return { status: response.status, deliveryId };
}

/** Creates a GitHub integration from the New integration page; returns its page's path and inbound URL. */
async function createGithubIntegration(page: Page, slug: string, name: string, secret: string) {
  await page.goto(`/d/${slug}/integrations/new`);
  const create = await hydrated(page.getByRole("button", { name: "Create integration" }));
  await page.getByRole("radio", { name: "GitHub" }).check();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Config").fill(JSON.stringify({ repository: "octo-org/octo-app", webhookSecret: secret }, null, 2));
  await create.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/integrations/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const inboundUrl = await page.getByLabel("Inbound URL").inputValue();
  return { path: new URL(page.url()).pathname, inboundUrl };
}

test("a GitHub integration made in the UI receives a signed pull request, processes it and shows it; a forged one is refused", async ({ ownerPage: page }) => {
  const slug = await createDataspace(page, `Integrations ${unique()}`);
  const secret = `e2e-webhook-secret-${unique()}`;

  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Integrations", exact: true }).click();
  await expect(page).toHaveURL(`/d/${slug}/integrations`);
  await expect(page.getByText("No integrations yet")).toBeVisible();
  await page.getByRole("link", { name: "New integration" }).first().click();
  await expect(page).toHaveURL(`/d/${slug}/integrations/new`);

  // Picking a type starts the config from its example, the secret left for the admin to fill in;
  // the server names the field that is still wrong.
  const create = await hydrated(page.getByRole("button", { name: "Create integration" }));
  await page.getByRole("radio", { name: "GitHub" }).check();
  const config = page.getByLabel("Config");
  expect(JSON.parse(await config.inputValue())).toEqual({ repository: "octo-org/octo-app", webhookSecret: "" });
  await page.getByLabel("Name").fill("Main repository");
  await create.click();
  await expect(config).toHaveAccessibleDescription("webhookSecret is required");
  await expect(page).toHaveURL(`/d/${slug}/integrations/new`);

  const { path, inboundUrl } = await createGithubIntegration(page, slug, "Main repository", secret);
  expect(inboundUrl).toMatch(/^http:\/\/localhost:\d+\/api\/hooks\/sbh_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("list", { name: "Setup steps" })).toContainText(`Payload URL: ${inboundUrl}`);
  await expect(page.getByLabel("Config", { exact: true })).toContainText('"webhookSecret": "***"');
  await expect(page.getByText(secret)).toHaveCount(0); // masked from now on
  await expect(page.getByText("No events yet")).toBeVisible();

  // Signed with another secret: refused and counted, never stored.
  const body = JSON.stringify(pullRequestOpened());
  const forged = await sendGithubDelivery(inboundUrl, `${secret}-forged`, body);
  expect(forged.status).toBe(401);

  // Signed as GitHub signs: acknowledged at once, then processed in the background.
  const genuine = await sendGithubDelivery(inboundUrl, secret, body);
  expect(genuine.status).toBe(202);

  // Recent events refreshes by itself: the delivery shows up, then turns Processed.
  const events = page.getByRole("list", { name: "Events" });
  const row = events.getByRole("listitem").filter({ hasText: "pull_request.opened" });
  await expect(row).toContainText(genuine.deliveryId, { timeout: 15_000 });
  await expect(row).toContainText("Processed", { timeout: 20_000 });
  await expect(events.locator(":scope > li")).toHaveCount(1);
  await expect(page.getByText("1 refused").first()).toBeVisible();

  // Opened: what came in and what it became.
  await row.getByRole("button").first().click();
  await expect(row.getByText("Domain event", { exact: true })).toBeVisible();
  await expect(row.getByText("github.pull_request.opened", { exact: true })).toBeVisible();
  await expect(row.getByLabel("Request body")).toContainText('"action": "opened"');
  await expect(row.getByLabel("Request headers")).toContainText('"x-hub-signature-256": "***"');
  await expect(row.getByRole("list", { name: "Processing log" })).toContainText("Published github.pull_request.opened");

  // Replayed: processed a second time, the log says who asked.
  await row.getByRole("button", { name: "Replay" }).click();
  await row.getByRole("button", { name: "Yes, replay" }).click();
  await expect(row.getByRole("list", { name: "Processing log" })).toContainText("Replayed by", { timeout: 10_000 });
  await expect(row.getByRole("list", { name: "Processing log" })).toContainText("Processing (attempt 2)", { timeout: 20_000 });
  await expect(row.getByRole("button", { name: /pull_request\.opened/ })).toContainText("Processed", { timeout: 20_000 });

  // Filtered by status.
  await page.getByRole("tab", { name: "Failed" }).click();
  await expect(page.getByText("No failed events")).toBeVisible();
  await page.getByRole("tab", { name: "Processed" }).click();
  await expect(events.locator(":scope > li")).toHaveCount(1);

  // The list shows it with its masked config, last event and refused count.
  await page.getByRole("link", { name: "All integrations" }).click();
  const listed = page.getByRole("row").filter({ hasText: "Main repository" });
  await expect(listed).toContainText("GitHub");
  await expect(listed).toContainText("Active");
  await expect(listed).toContainText("1 refused");
  await expect(listed).not.toContainText("Never");
  await listed.getByRole("link", { name: "Main repository" }).click();
  await expect(page).toHaveURL(path);
});

test("an edit keeps a secret left as ***; rotating the URL retires the old one; a deactivated integration answers 404; members get an admins-only page", async ({ ownerPage: page, newUser }) => {
  const name = `Integrations ${unique()}`;
  const slug = await createDataspace(page, name);
  const secret = `e2e-webhook-secret-${unique()}`;
  const { inboundUrl } = await createGithubIntegration(page, slug, "Rotated", secret);
  const body = JSON.stringify(pullRequestOpened());
  expect((await sendGithubDelivery(inboundUrl, secret, body)).status).toBe(202);

  // Edited with the secret left as "***": the repository changes, the stored secret stays (the rotated URL below still verifies with it).
  await (await hydrated(page.getByRole("button", { name: "Edit" }))).click();
  const config = page.getByLabel("Config");
  const masked = JSON.parse(await config.inputValue()) as Record<string, unknown>;
  expect(masked).toEqual({ repository: "octo-org/octo-app", webhookSecret: "***" });
  await config.fill(JSON.stringify({ ...masked, repository: "not a repository" }));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(config).toHaveAccessibleDescription('repository must be "owner/name", e.g. "octo-org/hello-world"');
  await config.fill(JSON.stringify({ ...masked, repository: "octo-org/other-app" }));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Config", { exact: true })).toContainText('"repository": "octo-org/other-app"');
  await expect(page.getByLabel("Config", { exact: true })).toContainText('"webhookSecret": "***"');

  await page.getByRole("button", { name: "Rotate URL" }).click();
  await page.getByRole("group", { name: "Confirm rotate URL" }).getByRole("button", { name: "Yes, rotate" }).click();
  await expect(page.getByText("The URL was rotated")).toBeVisible();
  const rotatedUrl = await page.getByLabel("Inbound URL").inputValue();
  expect(rotatedUrl).not.toBe(inboundUrl);
  await expect(page.getByRole("list", { name: "Setup steps" })).toContainText(`Payload URL: ${rotatedUrl}`);
  // The receiver caches its lookups for a few seconds (find-hook-target.ts): the change takes effect within that.
  await expect.poll(async () => (await sendGithubDelivery(inboundUrl, secret, body)).status, { timeout: HOOK_CACHE_MS }).toBe(404);
  expect((await sendGithubDelivery(rotatedUrl, secret, body)).status).toBe(202);

  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(page.getByText("This integration is inactive")).toBeVisible();
  await expect.poll(async () => (await sendGithubDelivery(rotatedUrl, secret, body)).status, { timeout: HOOK_CACHE_MS }).toBe(404);

  const link = await createInviteLink(page, slug, "Member");
  const member = await newUser(`mo-${unique()}@example.test`);
  await acceptInvitation(member, link, name);
  await expect(member.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Integrations", exact: true })).toHaveCount(0);
  await member.goto(`/d/${slug}/integrations`);
  await expect(member.getByText("Only admins and owners can manage integrations")).toBeVisible();
  await expect(member.getByRole("link", { name: "New integration" })).toHaveCount(0);
});
