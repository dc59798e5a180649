import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundRequest } from "../../shared/test-requests";
import { decodeSlackForm, validateSlackForm } from "../forms";
import { verifySlack } from "../verify";
import { startFakeSlack, type FakeSlack } from "./fake-slack";
import { checkSlackCall, checkSlackWebhookBody } from "./gate";

/**
 * The fake Slack itself: its gate refuses what the real Slack refuses (so "no violations" in the
 * channel's tests means something), it answers Slack's errors in Slack's shape, and the
 * interactions it sends back pass our own verification.
 */

const TOKEN = "xoxb-5555-6666-faketesttoken";
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

/** A Web API call as @slack/web-api makes it: form-encoded, blocks as a JSON string, the token in Authorization. */
async function call(fake: FakeSlack, method: string, args: Record<string, unknown>, token: string | null = TOKEN) {
  const body = new URLSearchParams(Object.entries(args).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
  const response = await fetch(`${fake.apiUrl}${method}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the fake Slack's gate", () => {
  it("refuses 51 blocks, a section text of 3 001 characters and chat.postMessage without channel or content", () => {
    const fifty = Array.from({ length: 50 }, (_, i) => section(`block ${i}`));
    expect(checkSlackCall("chat.postMessage", { channel: "C1", blocks: fifty })).toEqual({ ok: true });
    expect(checkSlackCall("chat.postMessage", { channel: "C1", blocks: [...fifty, section("one too many")] })).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: ["must NOT have more than 50 items [json-pointer:/blocks]"],
    });
    expect(checkSlackCall("chat.postMessage", { channel: "C1", blocks: [section("x".repeat(3000))] }).ok).toBe(true);
    const long = checkSlackCall("chat.postMessage", { channel: "C1", blocks: [section("x".repeat(3001))] });
    expect(long).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(!long.ok && long.errors).toContain("must NOT have more than 3000 characters [json-pointer:/blocks/0/text/text]");
    expect(checkSlackCall("chat.postMessage", { text: "hello" })).toEqual({ ok: false, error: "invalid_arguments", errors: ["missing required field: channel [json-pointer:/]"] });
    expect(checkSlackCall("chat.postMessage", { channel: "C1" })).toMatchObject({ ok: false, error: "no_text" });
    expect(checkSlackCall("chat.postMessage", { channel: "C1", text: "x".repeat(40_001) })).toMatchObject({ ok: false, error: "msg_too_long" });
  });

  it("refuses Block Kit's other limits: header 150, 11 fields, button text 75, empty text, unknown properties and block types", () => {
    const refused = (blocks: unknown[]) => checkSlackCall("chat.postMessage", { channel: "C1", blocks }).ok === false;
    expect(refused([{ type: "header", text: { type: "plain_text", text: "h".repeat(150) } }])).toBe(false);
    expect(refused([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }])).toBe(true);
    expect(refused([{ type: "header", text: { type: "mrkdwn", text: "*h*" } }])).toBe(true);
    expect(refused([{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }])).toBe(true);
    expect(refused([{ type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2001) }] }])).toBe(true);
    expect(refused([{ type: "section" }])).toBe(true);
    expect(refused([section("")])).toBe(true);
    const button = (text: string, extra: Record<string, unknown> = {}) => [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text }, action_id: "a", ...extra }] }];
    expect(refused(button("b".repeat(75)))).toBe(false);
    expect(refused(button("b".repeat(76)))).toBe(true);
    expect(refused(button("ok", { style: "loud" }))).toBe(true);
    expect(refused(button("ok", { value: "v".repeat(2001) }))).toBe(true);
    expect(refused([{ ...section("x"), colour: "red" }])).toBe(true);
    expect(refused([{ type: "marquee", text: "x" }])).toBe(true);
    expect(checkSlackCall("chat.postMesage", { channel: "C1", text: "x" })).toMatchObject({ ok: false, error: "unknown_method" });
    expect(checkSlackWebhookBody({ channel: "#x" })).toMatchObject({ ok: false, error: "no_text" });
  });
});

describe("the fake Slack over HTTP", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addBot({ token: TOKEN, scopes: ["chat:write", "users:read", "users:read.email"] });
    fake.addChannel({ name: "ops", members: [TOKEN] });
  });
  afterAll(() => fake.close());

  it("answers a refused call as Slack does (HTTP 200, ok:false) and records the violation", async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`block ${i}`));
    expect(await call(fake, "chat.postMessage", { channel: "#ops", text: "x", blocks })).toEqual({
      status: 200,
      body: { ok: false, error: "invalid_blocks", errors: ["must NOT have more than 50 items [json-pointer:/blocks]"], response_metadata: { messages: ["[ERROR] must NOT have more than 50 items [json-pointer:/blocks]"] } },
    });
    expect((await call(fake, "chat.postMessage", { text: "no channel" })).body).toMatchObject({ ok: false, error: "invalid_arguments" });
    expect(fake.violations.splice(0)).toEqual([
      "chat.postMessage: must NOT have more than 50 items [json-pointer:/blocks]",
      "chat.postMessage: missing required field: channel [json-pointer:/]",
    ]);
    expect(fake.messages("ops")).toEqual([]);
  });

  it("answers not_authed, invalid_auth, token_revoked, missing_scope and users by email", async () => {
    expect((await call(fake, "auth.test", {}, null)).body).toEqual({ ok: false, error: "not_authed" });
    expect((await call(fake, "auth.test", {}, "xoxb-unknown")).body).toEqual({ ok: false, error: "invalid_auth" });
    const revoked = fake.addBot({ token: "xoxb-7777-revoked", scopes: ["chat:write"] });
    revoked.revoked = true;
    expect((await call(fake, "chat.postMessage", { channel: "#ops", text: "x" }, revoked.token)).body).toEqual({ ok: false, error: "token_revoked" });
    const narrow = fake.addBot({ token: "xoxb-8888-narrow", scopes: ["chat:write"] });
    expect((await call(fake, "users.lookupByEmail", { email: "ada@acme.test" }, narrow.token)).body).toEqual({ ok: false, error: "missing_scope", needed: "users:read.email", provided: "chat:write" });
    const ada = fake.addUser({ email: "Ada@acme.test", name: "ada" });
    expect((await call(fake, "users.lookupByEmail", { email: "ada@acme.test" })).body).toMatchObject({ ok: true, user: { id: ada.id, profile: { email: "ada@acme.test" } } });
    expect((await call(fake, "users.lookupByEmail", { email: "nobody@acme.test" })).body).toEqual({ ok: false, error: "users_not_found" });
    expect((await call(fake, "auth.test", {})).body).toMatchObject({ ok: true, team_id: "T0FAKE0001", user: "switchboard" });
    expect(fake.violations).toEqual([]);
  });

  it("tells an ephemeral message to one member, and refuses one to someone outside the channel", async () => {
    const grace = fake.addUser({ email: "grace@acme.test", name: "grace" });
    expect((await call(fake, "chat.postEphemeral", { channel: "#ops", user: grace.id, text: "You may not resolve this alert." })).body).toEqual({ ok: false, error: "user_not_in_channel" });
    fake.channel("ops").members.add(grace.id);
    expect((await call(fake, "chat.postEphemeral", { channel: "#ops", user: grace.id, text: "You may not resolve this alert." })).body).toMatchObject({ ok: true });
    expect(fake.ephemeral(grace.id).map((m) => m.text)).toEqual(["You may not resolve this alert."]);
    expect(fake.messages("ops")).toEqual([]);
  });

  it("is set up and read through /_fake/ by a test in another process", async () => {
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${fake.url}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect((await control("POST", "/_fake/bots", { token: "xoxb-9999-control", scopes: ["chat:write"] })).status).toBe(201);
    expect((await control("POST", "/_fake/channels", { name: "deploys", members: ["xoxb-9999-control"] })).body).toMatchObject({ name: "deploys", archived: false });
    const hook = (await control("POST", "/_fake/channels/deploys/webhooks")).body as { url: string };
    expect(hook.url).toMatch(new RegExp(`^${fake.url}/services/T0FAKE0001/B\\w+/[\\w-]+$`));
    const posted = await fetch(hook.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "by hook" }) });
    expect([posted.status, await posted.text()]).toEqual([200, "ok"]);
    expect((await call(fake, "chat.postMessage", { channel: "#deploys", text: "by bot" }, "xoxb-9999-control")).body).toMatchObject({ ok: true });
    const messages = (await control("GET", "/_fake/channels/deploys/messages")).body as { via: string; text: string }[];
    expect(messages.map((m) => [m.via, m.text])).toEqual([["webhook", "by hook"], ["api", "by bot"]]);
    expect(await control("GET", "/_fake/channels/nope/messages")).toEqual({ status: 400, body: { message: "the fake Slack has no channel nope" } });
    expect(fake.violations).toEqual([]);
  });

  it("sends a button click signed as Slack signs, which our verification accepts", async () => {
    const posted = await call(fake, "chat.postMessage", {
      channel: "#ops",
      text: "Alert",
      blocks: [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Acknowledge" }, action_id: "alert_acknowledge", value: "alert:7" }] }],
    });
    const received: { body: string; headers: Record<string, string> }[] = [];
    const receiver = (await import("node:http")).createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ body: Buffer.concat(chunks).toString(), headers: req.headers as Record<string, string> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/slack`;
      const message = fake.messages("ops").find((m) => m.ts === posted.body.ts)!;
      const user = fake.addUser({ email: "linus@acme.test", name: "linus" });
      const delivery = await fake.clickButton({ url, signingSecret: "8f742231b10e8888abcd99yyyzzz85a5", user, message, actionId: "alert_acknowledge" });
      expect(delivery).toMatchObject({ status: 200, error: null });
      const [request] = received;
      const inbound = inboundRequest(request.body, request.headers);
      expect(verifySlack(inbound, { signingSecret: "8f742231b10e8888abcd99yyyzzz85a5" })).toEqual({ ok: true });
      expect(verifySlack(inbound, { signingSecret: "another-secret-of-some-length" }).ok).toBe(false);
      expect(decodeSlackForm(request.body)).toMatchObject({
        type: "block_actions",
        user: { id: user.id },
        channel: { id: fake.channel("ops").id },
        container: { message_ts: message.ts },
        actions: [{ action_id: "alert_acknowledge", value: "alert:7" }],
      });
      await expect(fake.clickButton({ url, signingSecret: "x".repeat(32), user, message, actionId: "nope" })).rejects.toThrow(`the message ${message.ts} has no button nope`);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    expect(fake.violations).toEqual([]);
  });
});

describe("the fake Slack's modals", () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: "modal",
    callback_id: "note",
    private_metadata: "request:1",
    title: { type: "plain_text", text: "Comment" },
    submit: { type: "plain_text", text: "Add comment" },
    blocks: [{ type: "input", block_id: "comment", label: { type: "plain_text", text: "Comment" }, element: { type: "plain_text_input", action_id: "text", multiline: true, max_length: 20 } }],
    ...extra,
  });

  it("refuses views.open without a trigger, a title past 24, an input without submit, 3 001 characters of private_metadata", () => {
    expect(checkSlackCall("views.open", { trigger_id: "1.2.3", view: modal() })).toEqual({ ok: true });
    expect(checkSlackCall("views.open", { view: modal() })).toMatchObject({ ok: false, error: "invalid_arguments" });
    expect(checkSlackCall("views.open", { trigger_id: "1.2.3", interactivity_pointer: "1.2.3", view: modal() }).ok).toBe(false);
    const refusedView = (view: unknown) => checkSlackCall("views.open", { trigger_id: "1.2.3", view }).ok === false;
    expect(refusedView(modal({ title: { type: "plain_text", text: "t".repeat(25) } }))).toBe(true);
    expect(refusedView(modal({ submit: undefined }))).toBe(true);
    expect(refusedView(modal({ private_metadata: "m".repeat(3001) }))).toBe(true);
    expect(refusedView(modal({ type: "home" }))).toBe(true);
    expect(refusedView(modal({ blocks: [{ type: "input", label: { type: "plain_text", text: "x" }, element: { type: "plain_text_input", max_length: 3001 } }] }))).toBe(true);
    expect(refusedView(modal({ blocks: Array.from({ length: 101 }, () => ({ type: "divider" })), submit: undefined }))).toBe(true);
    // An input block is the modal's, not a notification's.
    expect(checkSlackCall("chat.postMessage", { channel: "C1", blocks: modal().blocks }).ok).toBe(false);
  });

  it("opens a modal with a click's trigger_id once, within its lifetime, and sends its submission signed", async () => {
    const fake = await startFakeSlack();
    const received: { body: string; headers: Record<string, string> }[] = [];
    const receiver = (await import("node:http")).createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ body: Buffer.concat(chunks).toString(), headers: req.headers as Record<string, string> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/slack`;
      const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";
      fake.addBot({ token: TOKEN, scopes: ["chat:write"] });
      fake.addChannel({ name: "ops", members: [TOKEN] });
      const posted = await call(fake, "chat.postMessage", {
        channel: "#ops",
        text: "Request",
        blocks: [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Comment" }, action_id: "comment", value: "request:1" }] }],
      });
      const user = fake.addUser({ email: "ada@acme.test", name: "ada" });
      await fake.clickButton({ url, signingSecret, user, message: fake.messages("ops").find((m) => m.ts === posted.body.ts)!, actionId: "comment" });
      const triggerId = (decodeSlackForm(received[0].body) as { trigger_id: string }).trigger_id;

      expect((await call(fake, "views.open", { trigger_id: "1.2.unknown", view: modal() })).body).toEqual({ ok: false, error: "invalid_trigger_id" });
      const opened = await call(fake, "views.open", { trigger_id: triggerId, view: modal() });
      expect(opened.body).toMatchObject({ ok: true, view: { type: "modal", callback_id: "note", private_metadata: "request:1", app_id: "A0FAKE0001", state: { values: {} } } });
      expect((await call(fake, "views.open", { trigger_id: triggerId, view: modal() })).body).toEqual({ ok: false, error: "exchanged_trigger_id" });
      const [view] = fake.views(user.id);
      expect(view).toMatchObject({ id: (opened.body.view as { id: string }).id, userId: user.id, closed: false });

      await expect(fake.submitView({ url, signingSecret, user, view, values: { comment: { text: "" } } })).rejects.toThrow("is required");
      await expect(fake.submitView({ url, signingSecret, user, view, values: { comment: { text: "x".repeat(21) } } })).rejects.toThrow("21 characters");
      await expect(fake.submitView({ url, signingSecret, user, view, values: { other: { text: "x" } } })).rejects.toThrow("has no input other/text");
      const stranger = fake.addUser({ email: "eve@acme.test", name: "eve" });
      await expect(fake.submitView({ url, signingSecret, user: stranger, view, values: { comment: { text: "x" } } })).rejects.toThrow("was opened for");

      expect(await fake.submitView({ url, signingSecret, user, view, values: { comment: { text: "Looking into it" } } })).toMatchObject({ status: 200, error: null });
      const submission = received.at(-1)!;
      expect(verifySlack(inboundRequest(submission.body, submission.headers), { signingSecret })).toEqual({ ok: true });
      const payload = decodeSlackForm(submission.body);
      expect(validateSlackForm(payload)).toEqual({ ok: true });
      expect(payload).toMatchObject({
        type: "view_submission",
        user: { id: user.id },
        trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
        view: { id: view.id, callback_id: "note", private_metadata: "request:1", state: { values: { comment: { text: { type: "plain_text_input", value: "Looking into it" } } } } },
      });
      expect(view.closed).toBe(true);
      await expect(fake.submitView({ url, signingSecret, user, view, values: { comment: { text: "again" } } })).rejects.toThrow("is closed");

      fake.setTriggerLifetime(0);
      await fake.clickButton({ url, signingSecret, user, message: fake.messages("ops").find((m) => m.ts === posted.body.ts)!, actionId: "comment" });
      const lateTrigger = (decodeSlackForm(received.at(-1)!.body) as { trigger_id: string }).trigger_id;
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await call(fake, "views.open", { trigger_id: lateTrigger, view: modal() })).body).toEqual({ ok: false, error: "expired_trigger_id" });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
      await fake.close();
    }
    expect(fake.violations).toEqual([]);
  });
});
