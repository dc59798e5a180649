import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeTeams, type FakeTeams } from "./fake-teams";

/** The fake's own gate: what the real Workflows trigger would not turn into a message must fail here too. */
const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Deploy finished", wrap: true }] };
const envelope = (content: unknown = card, extra: Record<string, unknown> = {}) => ({
  type: "message",
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content, ...extra }],
});

describe("the fake Teams", () => {
  let fake: FakeTeams;
  let url: string;
  const post = (body: unknown, options: { to?: string; contentType?: string } = {}) =>
    fetch(options.to ?? url, { method: "POST", headers: { "content-type": options.contentType ?? "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const refusal = async (answer: Response) => ({ status: answer.status, ...((await answer.json()) as { error: { code: string; message: string } }).error });

  beforeAll(async () => {
    fake = await startFakeTeams();
    url = fake.addWorkflow({ team: "Operations", channel: "deploys" });
  });
  afterEach(() => fake.violations.splice(0));
  afterAll(() => fake.close());

  it("posts a valid card to the workflow's channel and answers 202 Accepted with no body", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/workflows\/[0-9a-f]{32}\/triggers\/manual\/paths\/invoke\?api-version=1&.*sig=[\w-]{43}$/);
    const answer = await post(envelope());
    expect(answer.status).toBe(202);
    expect(await answer.text()).toBe("");
    expect(fake.messages("deploys").map((m) => m.card)).toEqual([card]);
    expect(fake.violations).toEqual([]);
  });

  it("refuses what the real service would not post: no attachments, another content type, an invalid card, extra fields, not JSON", async () => {
    const before = fake.messages("deploys").length;
    expect(await refusal(await post({ type: "message", attachments: [] }))).toEqual({ status: 400, code: "InvalidRequestContent", message: expect.stringContaining("/attachments: attachments must hold at least one card") });
    expect(await refusal(await post({ type: "message" }))).toMatchObject({ status: 400, message: expect.stringContaining("/attachments: ") });
    expect((await refusal(await post(envelope(card, { contentType: "application/vnd.microsoft.card.hero" })))).message).toContain("/attachments/0/contentType: ");
    expect((await refusal(await post(envelope({ ...card, body: [{ type: "TextBlock" }] })))).message).toContain("/attachments/0/content/body/0 must have required property 'text'");
    expect((await refusal(await post(envelope({ ...card, body: [{ type: "Marquee" }] })))).message).toContain('/attachments/0/content/body/0/type "Marquee" is not an Adaptive Card 1.5 type');
    expect((await refusal(await post(envelope({ ...card, version: "1.6" })))).message).toContain("/attachments/0/content/version 1.6 is newer than Teams renders (1.5)");
    expect((await refusal(await post(envelope({ type: "AdaptiveCard", body: [] })))).message).toContain("/attachments/0/content/version is required");
    expect((await refusal(await post({ ...envelope(), summary: "x" }))).message).toContain("summary");
    expect(await refusal(await post("{not json"))).toMatchObject({ status: 400, message: "the request content is not valid JSON" });
    expect((await post(envelope(), { contentType: "text/plain" })).status).toBe(400);
    const tooLarge = envelope({ ...card, body: [{ type: "TextBlock", text: "x".repeat(30_000) }] });
    expect(await refusal(await post(tooLarge))).toMatchObject({ status: 413, code: "MessageTooLarge" });
    expect(fake.violations).toHaveLength(11);
    expect(fake.messages("deploys")).toHaveLength(before);
  });

  it("answers 404 for an unknown or revoked workflow and 401 for a wrong sig, posting nothing", async () => {
    const revoked = fake.addWorkflow({ team: "Operations", channel: "old" });
    fake.revoke(revoked);
    expect(await refusal(await post(envelope(), { to: revoked }))).toMatchObject({ status: 404, code: "WorkflowNotFound" });
    expect((await post(envelope(), { to: `${fake.url}/workflows/${"0".repeat(32)}/triggers/manual/paths/invoke?sig=x` })).status).toBe(404);
    expect(await refusal(await post(envelope(), { to: url.replace(/sig=.*$/, "sig=forged") }))).toMatchObject({ status: 401, code: "DirectApiInvalidAuthorizationSignature" });
    expect(fake.messages("old")).toEqual([]);
  });

  it("fails on the fault switch: 429 with Retry-After, then 5xx, then passes again", async () => {
    fake.fault({ status: 429, retryAfter: "12" });
    const throttled = await post(envelope());
    expect([throttled.status, throttled.headers.get("retry-after")]).toEqual([429, "12"]);
    fake.fault({ status: 502, times: 2 });
    expect([(await post(envelope())).status, (await post(envelope())).status, (await post(envelope())).status]).toEqual([502, 502, 202]);
  });

  it("has a control surface for another process: create a workflow, read a channel, arm a fault", async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${fake.url}/_fake/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
    const [created, { url: incidents }] = (await control("workflows", { team: "Operations", channel: "incidents" })) as [number, { url: string }];
    expect(created).toBe(201);
    expect((await post(envelope(), { to: incidents })).status).toBe(202);
    expect(await control("channels/incidents/messages")).toEqual([200, [expect.objectContaining({ channel: "incidents", card })]]);
    expect(await control("fault", { status: 503 })).toEqual([200, { armed: true }]);
    expect((await post(envelope(), { to: incidents })).status).toBe(503);
    expect(await control("workflows", { channel: "x" })).toEqual([400, { message: "a workflow needs the team and the channel it posts to" }]);
    expect(await control("workflows/revoke", { url: incidents })).toEqual([200, { revoked: true }]);
    expect((await post(envelope(), { to: incidents })).status).toBe(404);
  });
});
