import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { startFakeSlack, type FakeSlack } from "@/server/integrations/slack/fake/fake-slack";
import type { FakeUser } from "@/server/integrations/slack/fake/state";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { createRequestFromAlert } from "@/server/records/alerts/create-request-from-alert";
import { linkAlert } from "@/server/records/alerts/link-alert";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { startAppRuntime, type AppRuntime } from "../../../test/app-runtime";
import { addMember, seedDataspace, seedIntegration, seedRequest, seedUser, tenantFor } from "../../../test/factories";
import { createNotificationRule } from "./manage-rules";
import { createRuleInput } from "./rule.schema";

/**
 * The Comment button on a Slack bot's messages, end to end: a click comes back through the
 * integration's inbound URL, the runtime processes it and opens a modal in the fake Slack with the
 * click's trigger_id (which the fake takes for 3 s only, as Slack); the modal's submission comes
 * back the same way and becomes a request comment by the member with the Slack user's email.
 */
const BOT_TOKEN = "xoxb-7777-8888-commentsbottoken";
const SIGNING_SECRET = "comments-signing-secret-0123456789";

describe("the Comment button on Slack messages", () => {
  let runtime: AppRuntime;
  let slack: FakeSlack;
  let ctx: Awaited<ReturnType<typeof tenantFor>>;
  let integration: Awaited<ReturnType<typeof seedIntegration>>;
  let owner: FakeUser;
  let member: FakeUser;
  let viewer: FakeUser;
  let stranger: FakeUser;
  let memberId: string;

  beforeAll(async () => {
    slack = await startFakeSlack();
    runtime = await startAppRuntime();
    slack.addBot({ token: BOT_TOKEN, scopes: ["chat:write", "users:read", "users:read.email"] });
    const ownerUser = await seedUser();
    ctx = await tenantFor(ownerUser.id, (await seedDataspace({ owner: ownerUser, name: "Comment team" })).slug);
    integration = await seedIntegration(ctx, { type: "SLACK", name: "Comments Slack", config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl } });
    const memberUser = await seedUser();
    const viewerUser = await seedUser();
    memberId = memberUser.id;
    await addMember(ctx.dataspace, memberUser, "MEMBER");
    await addMember(ctx.dataspace, viewerUser, "VIEWER");
    owner = slack.addUser({ email: ownerUser.email, name: "owner" });
    member = slack.addUser({ email: memberUser.email, name: "member" });
    viewer = slack.addUser({ email: viewerUser.email, name: "viewer" });
    stranger = slack.addUser({ email: "stranger@elsewhere.test", name: "stranger" });
    const people = [owner.id, member.id, viewer.id, stranger.id];
    slack.addChannel({ name: "requests", members: [BOT_TOKEN, ...people] });
    slack.addChannel({ name: "alerts", members: [BOT_TOKEN, ...people] });
    const rule = (name: string, channel: string, eventTypes: string[], filter: string) =>
      createNotificationRule(ctx, createRuleInput.parse({ name, channel: "SLACK", integrationId: integration.id, destination: { channel }, eventTypes, filter }));
    await rule("Requests", "#requests", ["request.added"], 'data.title.startsWith("Ticket:")');
    await rule("Alerts", "#alerts", ["alert.triggered"], 'data.title.startsWith("Disk:")');
  });
  afterAll(async () => {
    await runtime?.stop();
    await slack?.close();
  });

  const url = () => `${runtime.url}${integration.path}`;
  let clickedAt = 0;
  const clickComment = async (user: FakeUser, channel: string, index: number) => {
    const message = slack.messages(channel)[index];
    clickedAt = Date.now();
    const delivery = await slack.clickButton({ url: url(), signingSecret: SIGNING_SECRET, user, message, actionId: "switchboard:comment" });
    expect(delivery.status, delivery.error ?? "").toBe(200);
  };
  /** The modal `user` has open once their click is processed: within 3 s of the click, or the fake (as Slack) refuses to open it. */
  const openedView = async (user: FakeUser, count: number) => {
    await expect.poll(() => slack.views(user.id).length, { timeout: 10_000 }).toBe(count);
    const view = slack.views(user.id)[count - 1];
    expect(view.openedAt - clickedAt).toBeLessThan(3_000);
    return view;
  };
  const submit = async (user: FakeUser, view: Awaited<ReturnType<typeof openedView>>, text: string) => {
    const delivery = await slack.submitView({ url: url(), signingSecret: SIGNING_SECRET, user, view, values: { comment: { text } } });
    // An empty 200: Slack closes the modal.
    expect([delivery.status, delivery.answer], delivery.error ?? "").toEqual([200, ""]);
    expect(view.closed).toBe(true);
  };
  const commentsOn = (requestId: string) => db.requestComment.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, select: { text: true, userId: true } });
  const told = (user: FakeUser) => slack.ephemeral(user.id).map((m) => m.text);

  it("opens a modal on a request's message and adds what is typed as the member's comment", async () => {
    const request = await seedRequest(ctx, { title: "Ticket: printer <on> fire" });
    await expect.poll(() => slack.messages("requests").length, { timeout: 10_000 }).toBe(1);
    expect(JSON.stringify(slack.messages("requests")[0].blocks)).toContain("switchboard:comment");

    await clickComment(owner, "requests", 0);
    const view = await openedView(owner, 1);
    expect(view.view).toMatchObject({
      type: "modal",
      callback_id: "switchboard:comment",
      private_metadata: JSON.stringify({ record: `request:${request.id}`, channel: slack.channel("requests").id, ts: slack.messages("requests")[0].ts }),
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "Your comment goes on the request *Ticket: printer &lt;on&gt; fire*." } },
        { type: "input", block_id: "comment", element: { type: "plain_text_input", action_id: "text", multiline: true, max_length: 3000 } },
      ],
    });

    await submit(owner, view, "  Toner replaced.\nIt works again.  ");
    await expect.poll(() => commentsOn(request.id), { timeout: 10_000 }).toEqual([{ text: "Toner replaced.\nIt works again.", userId: ctx.actor.userId }]);
    expect(told(owner)).toEqual([]);
    const log = () => db.webhookEvent.findMany({ where: { integrationId: integration.id }, select: { log: true } });
    await expect.poll(async () => JSON.stringify(await log()), { timeout: 10_000 }).toContain(`commented on request ${request.id}`);
    expect(slack.violations).toEqual([]);
  });

  it("opens no modal for a viewer or a stranger, and writes nothing for a member who became a viewer meanwhile", async () => {
    const request = await seedRequest(ctx, { title: "Ticket: badge reader" });
    await expect.poll(() => slack.messages("requests").length, { timeout: 10_000 }).toBe(2);

    await clickComment(viewer, "requests", 1);
    await expect.poll(() => told(viewer), { timeout: 10_000 }).toEqual([expect.stringContaining("(viewer) may not comment on requests")]);
    await clickComment(stranger, "requests", 1);
    await expect.poll(() => told(stranger), { timeout: 10_000 }).toEqual([expect.stringContaining("no member of Comment team")]);
    expect(slack.views(viewer.id)).toEqual([]);
    expect(slack.views(stranger.id)).toEqual([]);

    await clickComment(member, "requests", 1);
    const view = await openedView(member, 1);
    await db.membership.updateMany({ where: { dataspaceId: ctx.dataspace.id, userId: memberId }, data: { role: "VIEWER" } });
    try {
      await submit(member, view, "Let me in");
      await expect.poll(() => told(member), { timeout: 10_000 }).toEqual([expect.stringContaining("Your comment was not added: your role in Comment team (viewer) may not comment on requests")]);
      expect(await commentsOn(request.id)).toEqual([]);
    } finally {
      await db.membership.updateMany({ where: { dataspaceId: ctx.dataspace.id, userId: memberId }, data: { role: "MEMBER" } });
    }
    expect(slack.violations).toEqual([]);
  });

  it("comments on an alert's linked request; without one, says so instead of opening a modal or writing", async () => {
    const { alert } = await raiseAlert(ctx, raiseAlertInput.parse({ title: "Disk: /var at 97 %", severity: "critical" }));
    await expect.poll(() => slack.messages("alerts").length, { timeout: 10_000 }).toBe(1);
    const buttons = JSON.stringify(slack.messages("alerts")[0].blocks);
    expect(buttons).toContain("switchboard:acknowledge");
    expect(buttons).toContain("switchboard:comment");

    // No request yet: told at the click, and no modal.
    await clickComment(owner, "alerts", 0);
    await expect.poll(() => told(owner), { timeout: 10_000 }).toEqual([expect.stringContaining("has no request to comment on")]);
    expect(slack.views(owner.id)).toHaveLength(1); // the one of the first test

    const { requestId } = await createRequestFromAlert(ctx, { id: alert.id });
    await clickComment(owner, "alerts", 0);
    const view = await openedView(owner, 2);
    expect(JSON.stringify(view.view.blocks)).toContain("linked to the alert *Disk: /var at 97 %*");
    await submit(owner, view, "Rotated the logs");
    await expect.poll(() => commentsOn(requestId), { timeout: 10_000 }).toEqual([{ text: "Rotated the logs", userId: ctx.actor.userId }]);
    await expect.poll(() => told(owner).length, { timeout: 10_000 }).toBe(2);
    expect(told(owner)[1]).toContain("Your comment was added to the request “Disk: /var at 97 %”, linked to this alert.");

    // Unlinked while the modal was open: told after the submission, nothing written.
    await clickComment(owner, "alerts", 0);
    const late = await openedView(owner, 3);
    await linkAlert(ctx, { id: alert.id, requestId: null });
    await submit(owner, late, "Too late");
    await expect.poll(() => told(owner).length, { timeout: 10_000 }).toBe(3);
    expect(told(owner)[2]).toContain("Your comment was not added: the alert “Disk: /var at 97 %” has no request to comment on");
    expect(await commentsOn(requestId)).toHaveLength(1);
    expect(slack.violations).toEqual([]);
  });

  it("asks to click again when the click was processed after Slack's 3 s to open a modal", async () => {
    await seedRequest(ctx, { title: "Ticket: slow lane" });
    await expect.poll(() => slack.messages("requests").length, { timeout: 10_000 }).toBe(3);
    slack.setTriggerLifetime(0);
    try {
      await clickComment(member, "requests", 2);
      await expect.poll(() => told(member).at(-1), { timeout: 10_000 }).toContain("Slack allows 3 seconds to open the comment form and Switchboard took longer: click Comment again.");
    } finally {
      slack.setTriggerLifetime(3_000);
    }
    expect(slack.views(member.id)).toHaveLength(1); // the one of the second test
    // The member is told while the delivery is processed; its log is written when that ends.
    const log = () => db.webhookEvent.findMany({ where: { integrationId: integration.id }, select: { log: true } });
    await expect.poll(async () => JSON.stringify(await log()), { timeout: 10_000 }).toContain("the comment form was not opened: Slack refused the message: expired_trigger_id");
  });
});
