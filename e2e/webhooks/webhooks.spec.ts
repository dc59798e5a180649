import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { acceptInvitation, createDataspace, createInviteLink, createRequest } from "../support/dashboard";
import { expect, hydrated, test, unique } from "../support/fixtures";

type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on 127.0.0.1 that records every request and answers with `status`. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(state.status, { "content-type": "text/plain" }).end(state.status < 400 ? "ok" : "receiver is down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer: (status: number) => (state.status = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The delivery bodies the receiver got for `eventType`, parsed, each with its raw request. */
function bodiesOf(received: Received[], eventType: string) {
  return received
    .map((r) => ({ request: r, body: JSON.parse(r.body) as { hook: { event: string }; data: { title: string } } }))
    .filter((r) => r.body.hook.event === eventType);
}

/** Throws unless the request carries a valid Standard Webhooks signature by `secret`. */
function verifySignature(secret: string, request: Received) {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
  return new Webhook(secret).verify(request.body, headers);
}

test("a webhook created in the UI receives a request's events signed; a failed delivery is retried from its page", async ({ ownerPage: page }) => {
  const receiver = await startReceiver();
  try {
    const slug = await createDataspace(page, `Hooks ${unique()}`);

    // The receiver is plain HTTP, and one retry one second later keeps the failure path short.
    await page.goto(`/d/${slug}/settings`);
    const saveSettings = await hydrated(page.getByRole("button", { name: "Save webhook settings" }));
    await page.getByLabel("Retry schedule (seconds)").fill("1");
    await page.getByLabel("Allow plain HTTP targets").check();
    await saveSettings.click();
    await expect(page.getByText("Saved.")).toBeVisible();

    await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page).toHaveURL(`/d/${slug}/webhooks`);
    await expect(page.getByText("No webhooks yet")).toBeVisible();
    await page.getByRole("link", { name: "Add webhook" }).first().click();
    await expect(page).toHaveURL(`/d/${slug}/webhooks/new`);
    const add = await hydrated(page.getByRole("button", { name: "Add webhook" }));
    await page.getByLabel("Target URL").fill(receiver.url);
    await page.getByLabel("Description").fill("e2e receiver");
    await page.getByLabel("Event patterns").fill("request.*");
    await add.click();

    await expect(page.getByText("Copy the signing secret now: it will not be shown again.")).toBeVisible();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("link", { name: /go to the webhook/ }).click();
    await expect(page).toHaveURL(new RegExp(`/d/${slug}/webhooks/[0-9a-f-]{36}$`));
    const endpointPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0); // masked from now on
    // Its charts: nothing sent yet.
    await expect(page.getByRole("heading", { name: "Attempts, last 24 hours" })).toBeVisible();
    await expect(page.getByText("0 attempts, 0 failed")).toBeVisible();

    // A new request is delivered, signed with the secret the page showed.
    const title = `Rotate the database password ${unique()}`;
    const requestPath = await createRequest(page, slug, title);
    await page.goto(endpointPath);
    const added = page.getByRole("row").filter({ hasText: "request.added" });
    await expect(added).toContainText("Succeeded", { timeout: 15_000 });
    const [delivered] = bodiesOf(receiver.received, "request.added");
    expect(delivered.request.method).toBe("POST");
    expect(delivered.request.path).toBe("/hook");
    expect(delivered.body.data.title).toBe(title);
    expect(() => verifySignature(secret, delivered.request)).not.toThrow();
    expect(() => verifySignature(`whsec_${Buffer.alloc(32, 7).toString("base64")}`, delivered.request)).toThrow();

    // The receiver goes down: the change is attempted twice (the schedule allows one retry), then fails.
    receiver.answer(500);
    const renamed = `${title} (renamed)`;
    await page.goto(requestPath);
    await (await hydrated(page.getByRole("button", { name: "Edit" }))).click();
    await page.getByLabel("Title").fill(renamed);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

    await page.goto(endpointPath);
    const updated = page.getByRole("row").filter({ hasText: "request.updated" });
    await expect(updated).toContainText("Failed", { timeout: 20_000 });
    await expect(updated).toContainText("500");
    expect(bodiesOf(receiver.received, "request.updated")).toHaveLength(2);

    await updated.getByRole("link", { name: "request.updated" }).click();
    await expect(page).toHaveURL(new RegExp(`${endpointPath}/deliveries/[0-9a-f-]{36}$`));
    const attempts = page.getByRole("list", { name: "Attempts" }).getByRole("listitem");
    await expect(attempts).toHaveCount(2);
    await expect(attempts.first()).toContainText("HTTP 500");

    // Fixed: a manual retry goes out again and succeeds, as a third attempt.
    receiver.answer(200);
    await (await hydrated(page.getByRole("button", { name: "Retry", exact: true }))).click();
    await expect(page.getByRole("main").getByText("Succeeded").first()).toBeVisible({ timeout: 15_000 });
    await expect(attempts).toHaveCount(3);
    const retried = bodiesOf(receiver.received, "request.updated");
    expect(retried).toHaveLength(3);
    expect(retried[2].body.data.title).toBe(renamed);
    expect(() => verifySignature(secret, retried[2].request)).not.toThrow();
  } finally {
    await receiver.close();
  }
});

test("the webhook form names what is wrong next to each field; members get an admins-only page", async ({ ownerPage: page, newUser }) => {
  const name = `Hooks ${unique()}`;
  const slug = await createDataspace(page, name);
  await page.goto(`/d/${slug}/webhooks/new`);
  const add = await hydrated(page.getByRole("button", { name: "Add webhook" }));
  await page.getByLabel("Target URL").fill("http://127.0.0.1:9/hook");
  await page.getByLabel("request.added").check();

  // Checked in the browser: the JSON fields must hold objects.
  await page.getByLabel("Extra payload").fill("{team: ops}");
  await add.click();
  await expect(page.getByLabel("Extra payload")).toHaveAccessibleDescription(/Extra payload is not valid JSON/);

  // Checked by the server: plain HTTP is off in a new dataspace, and the filter must parse.
  await page.getByLabel("Extra payload").fill('{"team": "ops"}');
  await page.getByLabel("Filter").fill("1 + 2");
  await add.click();
  await expect(page.getByLabel("Target URL")).toHaveAccessibleDescription("URL must use https; plain http is not allowed in this dataspace");
  await expect(page.getByLabel("Filter")).toHaveAccessibleDescription(/must be a condition \(true or false\)/);
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByText("No webhooks yet")).toBeVisible();

  const link = await createInviteLink(page, slug, "Member");
  const member = await newUser(`mia-${unique()}@example.test`);
  await acceptInvitation(member, link, name);
  await expect(member.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await member.goto(`/d/${slug}/webhooks`);
  await expect(member.getByText("Only admins and owners can manage webhooks")).toBeVisible();
  await expect(member.getByRole("link", { name: "Add webhook" })).toHaveCount(0);
});
