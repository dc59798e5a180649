import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDataspace, createRequest } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";

/** A receiver on 127.0.0.1 that is always down. */
async function startFailingReceiver() {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(500, { "content-type": "text/plain" }).end("receiver is down"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test("the Runs page names the function, times the run and says its deliveries failed", async ({ ownerPage: page }) => {
  const receiver = await startFailingReceiver();
  try {
    const slug = await createDataspace(page, `Runs ${unique()}`);
    // One retry, one second later, keeps the failure path short.
    await page.goto(`/d/${slug}/settings`);
    const saveSettings = await hydrated(page.getByRole("button", { name: "Save webhook settings" }));
    await page.getByLabel("Retry schedule (seconds)").fill("1");
    await page.getByLabel("Allow plain HTTP targets").check();
    await saveSettings.click();
    await expect(page.getByText("Saved.")).toBeVisible();

    await page.goto(`/d/${slug}/webhooks/new`);
    const add = await hydrated(page.getByRole("button", { name: "Add webhook" }));
    await page.getByLabel("Target URL").fill(receiver.url);
    await page.getByLabel("Event patterns").fill("request.*");
    await add.click();
    await expect(page.getByText("Copy the signing secret now: it will not be shown again.")).toBeVisible();

    await createRequest(page, slug, `Renew the certificate ${unique()}`);

    // The second attempt fails for good; that run completes, and says so.
    await page.goto(`/d/${slug}/runs`);
    const failedRun = page.getByRole("row").filter({ hasText: "Completed — 1 of 1 delivery failed" });
    await expect(async () => {
      await page.reload();
      await expect(failedRun).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(failedRun).toContainText("Deliver webhooks");
    await expect(page.getByRole("row").filter({ hasText: "Completed — 1 of 1 delivery will be retried" })).toHaveCount(1);

    await failedRun.getByRole("link", { name: "Deliver webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Deliver webhooks" })).toBeVisible();
    await expect(page.getByText("Completed — 1 of 1 delivery failed")).toBeVisible();
    await expect(page.getByText(/This function has no steps: it ran in one call, from .+ to .+ \(\d/)).toBeVisible();
    await expect(page.getByText("No step has finished yet.")).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
