import { createDataspace, createRequest } from "../support/dashboard";
import { columnTotal } from "../support/charts";
import { expect, hydrated, test, unique } from "../support/fixtures";

/**
 * Custom metrics: an owner maps events to a metric of their own from the form (a bad expression is
 * refused under its field, "Try it" shows what an example event would record), and once the metrics
 * rollup (every minute, in the app's runtime) has computed the minute, the Overview charts it.
 */

test("a mapping made from the form is tried on an example event, then charted on the overview from real events", async ({ ownerPage: page }) => {
  test.setTimeout(210_000);
  const id = unique();
  const slug = await createDataspace(page, `Mappings ${id}`);

  // From the Overview's link to the mappings page, empty at first.
  await page.goto(`/d/${slug}/overview`);
  await expect(page.getByText("No custom metrics yet.")).toBeVisible();
  await (await hydrated(page.getByRole("link", { name: "Custom metrics", exact: true }))).click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/overview/mappings$`));
  await expect(page.getByRole("heading", { name: "No custom metrics yet" })).toBeVisible();
  await expect(page.getByText("ci.duration_seconds", { exact: true })).toBeVisible();

  const form = page.getByRole("form", { name: "New mapping" });
  const create = await hydrated(form.getByRole("button", { name: "Create mapping" }));
  await form.getByLabel("Name", { exact: true }).fill("requests.created");
  await form.getByLabel("Events").fill("request.*");
  await expect(form.getByLabel("Kind")).toHaveValue("counter");
  await expect(form.getByLabel("Value")).toHaveValue("1");
  await form.getByRole("button", { name: "Add tag" }).click();
  await form.getByLabel("Tag 1 name").fill("kind");
  await form.getByLabel("Tag 1 expression").fill("event.type");

  // A value that is not a number is refused, with the message under the Value field.
  await form.getByLabel("Value").fill('"x"');
  await create.click();
  await expect(form.getByLabel("Value")).toHaveAccessibleDescription("must be a number, but its result is of type string");
  await expect(page.getByRole("list", { name: "Metric mappings" })).toHaveCount(0);
  await form.getByLabel("Value").fill("1");

  // Try it: malformed JSON is answered in the form, with no request; then an example request.added.
  const tryForm = page.getByRole("form", { name: "Try the mapping" });
  const tries: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("metric.tryMapping")) tries.push(request.url());
  });
  await tryForm.getByLabel("Event type").fill("request.added");
  await tryForm.getByLabel("Event data (JSON)").fill('{"title": "Printer on fire",');
  await tryForm.getByRole("button", { name: "Try it" }).click();
  await expect(tryForm.getByLabel("Event data (JSON)")).toHaveAccessibleDescription(/^Not valid JSON/);
  expect(tries).toHaveLength(0);
  await tryForm.getByLabel("Event data (JSON)").fill('{"title": "Printer on fire", "status": "open"}');
  await tryForm.getByRole("button", { name: "Try it" }).click();
  const result = page.getByRole("status", { name: "Try it result" });
  await expect(result).toContainText("Records an observation of custom.requests.created");
  await expect(result.getByRole("term")).toHaveText(["Value", "kind"]);
  await expect(result.getByRole("definition")).toHaveText(["1", "request.added"]);
  expect(tries).toHaveLength(1);
  // An event the mapping does not take: the reason, no observation.
  await tryForm.getByLabel("Event type").fill("alert.triggered");
  await tryForm.getByRole("button", { name: "Try it" }).click();
  await expect(result).toHaveText(/Records nothing: alert\.triggered is not one of the mapped events/);

  await create.click();
  const row = page.getByRole("list", { name: "Metric mappings" }).getByRole("listitem", { name: "custom.requests.created" });
  await expect(row).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(row.getByText("kind = event.type")).toBeVisible();
  await expect(row.getByText("request.*", { exact: true })).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(""); // the form is ready for the next one

  // Two requests: two request.added events for the rollup to count.
  await createRequest(page, slug, `Rotate keys ${id}`);
  await createRequest(page, slug, `Renew certificate ${id}`);

  await page.goto(`/d/${slug}/overview?range=1h`);
  await expect(page.getByRole("figure", { name: "custom.requests.created" })).toBeVisible();
  // The charts read again each minute; the rollup computes a minute once it has ended.
  await expect.poll(() => columnTotal(page, "custom.requests.created", "Value"), { timeout: 150_000, intervals: [5_000] }).toBe(2);
  await expect(page.getByText(/2 in this range, from 2 events/)).toBeVisible();
  await expect(page.getByRole("figure", { name: "custom.requests.created" }).locator(".recharts-bar-rectangle path").first()).toBeVisible();
});
