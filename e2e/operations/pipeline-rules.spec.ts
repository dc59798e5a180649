import { createDataspace } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";
import { githubFake } from "../support/github-fake";
import { GITHUB_FAKE_URL } from "../support/settings";

/**
 * Pipeline rules (docs/operations.md#pipeline-rules), from the dashboard: a GitHub integration
 * against the GitHub fake (playwright.config.ts runs it as a webServer), whose repository has a
 * `smoke.yml` workflow taking a `deployment` input; a "smoke test after deploy" rule made on the
 * Pipeline rules page (a bare `main` as ref is refused with the hint under Ref); a deployment
 * recorded and marked succeeded; its page then shows the run the rule started, queued with the
 * fake's run id, and the fake has the dispatch with the deployment's uuid as input.
 */

type FakeRun = { id: number; path: string; head_branch: string; event: string; inputs: Record<string, string> };

test("a pipeline rule dispatches a GitHub workflow when a deployment succeeds, and the deployment's page shows the run", async ({ ownerPage: page }) => {
  const id = unique();
  const repository = `acme-${id}/shop`;
  const login = `switchboard-ci-${id}`;
  const token = `ghp_ci${id}`;
  await githubFake("POST", "users", { login, token, scopes: ["repo"] });
  await githubFake("POST", "repos", { fullName: repository, collaborators: [login] });
  await githubFake("POST", `repos/${repository}/workflows`, { path: ".github/workflows/smoke.yml", name: "Smoke test", inputs: { deployment: { required: true, type: "string" } } });

  const slug = await createDataspace(page, `Pipelines ${id}`);

  // A GitHub integration against the fake, with a token that may dispatch workflows.
  await page.goto(`/d/${slug}/integrations/new`);
  const createIntegration = await hydrated(page.getByRole("button", { name: "Create integration" }));
  await page.getByRole("radio", { name: "GitHub" }).check();
  await page.getByLabel("Name").fill("Shop CI");
  await page.getByLabel("Config").fill(JSON.stringify({ repository, webhookSecret: `e2e-github-webhook-secret-${id}`, token, apiUrl: GITHUB_FAKE_URL }, null, 2));
  await createIntegration.click();
  await expect(page.getByRole("heading", { level: 1, name: "Shop CI" })).toBeVisible();

  // From the Deployments page to the Pipeline rules page, empty at first, with the docs' examples.
  await page.goto(`/d/${slug}/deployments`);
  await (await hydrated(page.getByRole("link", { name: "Pipeline rules" }))).click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/deployments/pipelines$`));
  await expect(page.getByRole("heading", { name: "No pipeline rules yet" })).toBeVisible();
  await expect(page.getByText("Smoke test after deploy", { exact: true })).toBeVisible();

  await (await hydrated(page.getByRole("button", { name: "New rule" }))).click();
  const form = page.getByRole("form", { name: "New pipeline rule" });
  await form.getByLabel("Name").fill("Smoke test after deploy");
  await form.getByLabel("Integration").selectOption({ label: "Shop CI (GitHub)" });
  await form.getByLabel("Events").fill("deployment.status_changed");
  await form.getByLabel("Filter").fill('data.status == "success"');
  await form.getByLabel("Workflow").fill("smoke.yml");
  await form.getByRole("button", { name: "Add input" }).click();
  await form.getByLabel("Input 1 name").fill("deployment");
  await form.getByLabel("Input 1 expression").fill("data.uuid");

  // A bare branch name reads as a variable: refused, with how to write it under Ref.
  await form.getByLabel("Ref").fill("main");
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(form.getByLabel("Ref")).toHaveAccessibleDescription(/^write a branch as quoted text, "main", or an expression like data\.payload\.pull_request\.head\.ref/);
  await expect(page.getByRole("list", { name: "Pipeline rules" })).toHaveCount(0);
  await form.getByLabel("Ref").fill('"main"');
  await form.getByRole("button", { name: "Create rule" }).click();

  const rule = page.getByRole("list", { name: "Pipeline rules" }).getByRole("listitem", { name: "Smoke test after deploy" });
  await expect(rule).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(rule.getByText("Active", { exact: true })).toBeVisible();
  await expect(rule.getByText("Shop CI", { exact: true })).toBeVisible();
  await expect(rule.getByText("smoke.yml", { exact: true })).toBeVisible();
  await expect(rule.getByText("deployment = data.uuid")).toBeVisible();
  await expect(rule.getByText("No runs yet.")).toBeVisible();

  // A deployment recorded in progress, then marked succeeded on its page.
  await page.goto(`/d/${slug}/deployments/new`);
  const record = await hydrated(page.getByRole("button", { name: "Record deployment" }));
  await page.getByLabel("Status").selectOption({ label: "In progress" });
  await page.getByLabel("Version").fill(`1.0.${id}`);
  await record.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/deployments/[0-9a-f-]{36}$`));
  const uuid = new URL(page.url()).pathname.split("/").at(-1)!;
  await (await hydrated(page.getByRole("button", { name: "Mark succeeded" }))).click();
  await expect(page.getByText("Succeeded", { exact: true })).toBeVisible();

  // The rule's run shows up on the page by itself, queued with the fake's run id.
  const runs = page.getByRole("list", { name: "Pipeline runs" });
  const run = runs.getByRole("listitem", { name: "Run of Smoke test after deploy" });
  await expect(run.getByText("Queued", { exact: true })).toBeVisible({ timeout: 20_000 });
  const runLink = run.getByRole("link", { name: /^Run \d+$/ });
  const runId = Number((await runLink.textContent())!.replace("Run ", ""));
  await expect(run.getByText("main", { exact: true })).toBeVisible(); // the ref as evaluated

  // On "GitHub": smoke.yml was dispatched on main with the deployment's uuid.
  const dispatched = (await githubFake("GET", `repos/${repository}/dispatches`)) as FakeRun[];
  expect(dispatched).toHaveLength(1);
  expect(dispatched[0]).toMatchObject({ id: runId, path: ".github/workflows/smoke.yml", head_branch: "main", event: "workflow_dispatch", inputs: { deployment: uuid } });
  await expect(runLink).toHaveAttribute("href", new RegExp(`/${repository}/actions/runs/${runId}$`));

  // The rules page lists it among the rule's last runs, linked to the deployment.
  await page.goto(`/d/${slug}/deployments/pipelines`);
  const ruleRuns = page.getByRole("list", { name: "Runs of Smoke test after deploy" });
  await expect(ruleRuns.getByText("Queued", { exact: true })).toBeVisible();
  await expect(ruleRuns.getByRole("link", { name: "Deployment" })).toHaveAttribute("href", `/d/${slug}/deployments/${uuid}`);
});
