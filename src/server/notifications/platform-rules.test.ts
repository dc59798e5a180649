import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { startFakeTeams, type FakeTeams } from "@/server/integrations/ms-teams/fake/fake-teams";
import { startFakeSlack, type FakeSlack } from "@/server/integrations/slack/fake/fake-slack";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { acknowledgeAlert, resolveAlert } from "@/server/records/alerts/alert-status";
import { startAppRuntime, type AppRuntime } from "../../../test/app-runtime";
import { addMember, seedDataspace, seedIntegration, seedUser, tenantFor } from "../../../test/factories";
import { deliverNotifications } from "./deliver";
import { createNotificationRule, getNotificationRule, listNotificationMessages } from "./manage-rules";
import { createRuleInput } from "./rule.schema";

/**
 * Rules sending through Slack and Microsoft Teams integrations, end to end: the relay makes the
 * message, the runtime runs the delivery function, the real @slack/web-api and fetch post to the
 * contract-checked fakes on 127.0.0.1. What each platform's answers mean is tested next to its
 * code (integrations/slack/notify, integrations/ms-teams/notify); here, that a rule's outcome
 * lands on the rule and its log.
 */
const BOT_TOKEN = "xoxb-1111-2222-notifybottoken";

describe("notification rules through Slack and Teams", () => {
  let runtime: AppRuntime;
  let slack: FakeSlack;
  let teams: FakeTeams;
  let ctx: Awaited<ReturnType<typeof tenantFor>>;
  let slackIntegration: { id: string };

  beforeAll(async () => {
    slack = await startFakeSlack();
    teams = await startFakeTeams();
    runtime = await startAppRuntime();
    slack.addBot({ token: BOT_TOKEN, scopes: ["chat:write"] });
    slack.addChannel({ name: "ops", members: [BOT_TOKEN] });
    slack.addChannel({ name: "alerts", members: [BOT_TOKEN] });
    slack.addChannel({ name: "threads", members: [BOT_TOKEN] });
    const owner = await seedUser();
    ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Chatty team" })).slug);
    slackIntegration = await seedIntegration(ctx, { type: "SLACK", name: "Ops Slack", config: { botToken: BOT_TOKEN, apiUrl: slack.apiUrl, channel: "#alerts" } });
  });
  afterAll(async () => {
    await runtime?.stop();
    await slack?.close();
    await teams?.close();
  });

  const raise = (title: string, severity = "critical") => raiseAlert(ctx, raiseAlertInput.parse({ title, severity }));
  const rule = (input: Record<string, unknown>) => createNotificationRule(ctx, createRuleInput.parse({ eventTypes: ["alert.triggered"], ...input }));

  it("posts an alert to the rule's Slack channel as the bot, and logs Slack's ts", async () => {
    const created = await rule({ name: "Alerts to #ops", channel: "SLACK", integrationId: slackIntegration.id, destination: { channel: "#ops" }, filter: 'data.title.startsWith("Slack:")' });
    await raise("Slack: checkout 5xx above 2 %");
    await expect.poll(() => slack.messages("ops").length, { timeout: 10_000 }).toBe(1);
    const [posted] = slack.messages("ops");
    expect(JSON.stringify(posted.blocks)).toContain("Alert triggered: Slack: checkout 5xx above 2 %");
    expect(posted.text).toContain("Slack: checkout 5xx above 2 %");
    expect(slack.messages("alerts")).toHaveLength(0);
    await expect.poll(async () => (await listNotificationMessages(ctx, created.uuid, {})).items[0]?.status, { timeout: 10_000 }).toBe("sent");
    expect((await listNotificationMessages(ctx, created.uuid, {})).items[0].provider_message_id).toBe(posted.ts);
    expect(slack.violations).toEqual([]);
  });

  it("keeps an alert's story in one thread: acknowledgement and recovery are replies, and the first message shows it resolved", async () => {
    const created = await createNotificationRule(
      ctx,
      createRuleInput.parse({ name: "Alert threads", channel: "SLACK", integrationId: slackIntegration.id, destination: { channel: "#threads" }, eventTypes: ["alert.*"], filter: 'data.title.startsWith("Thread:")' }),
    );
    const { alert } = await raise("Thread: replica lag 40 s");
    await expect.poll(() => slack.messages("threads").length, { timeout: 10_000 }).toBe(1);
    await acknowledgeAlert(ctx, { id: alert.id });
    await expect.poll(async () => (await listNotificationMessages(ctx, created.uuid, {})).items.filter((m) => m.status === "sent").length, { timeout: 10_000 }).toBe(2);
    await resolveAlert(ctx, { id: alert.id });
    await expect.poll(async () => (await listNotificationMessages(ctx, created.uuid, {})).items.filter((m) => m.status === "sent").length, { timeout: 10_000 }).toBe(3);
    const [root] = slack.messages("threads");
    expect(slack.messages("threads")).toHaveLength(1);
    const replies = slack.replies("threads", root.ts);
    expect(replies.map((r) => r.text)).toEqual([expect.stringContaining("Alert acknowledged: Thread: replica lag 40 s"), expect.stringContaining("Alert resolved: Thread: replica lag 40 s")]);
    expect(root.text).toContain("Alert resolved: Thread: replica lag 40 s");
    expect(slack.violations).toEqual([]);
  });

  it("performs a button click as the member with the Slack user's email and role; others are told why, only to them", async () => {
    const token = "xoxb-5555-6666-buttonsbottoken";
    const signingSecret = "buttons-signing-secret-0123456789";
    slack.addBot({ token, scopes: ["chat:write", "users:read", "users:read.email"] });
    slack.addChannel({ name: "buttons", members: [token] });
    const integration = await seedIntegration(ctx, { type: "SLACK", name: "Buttons Slack", config: { botToken: token, signingSecret, apiUrl: slack.apiUrl } });
    await createNotificationRule(ctx, createRuleInput.parse({ name: "Buttons", channel: "SLACK", integrationId: integration.id, destination: { channel: "#buttons" }, eventTypes: ["alert.*"], filter: 'data.title.startsWith("Button:")' }));
    const owner = await db.user.findUniqueOrThrow({ where: { id: ctx.actor.userId } });
    const viewer = await seedUser();
    await addMember(ctx.dataspace, viewer, "VIEWER");
    const slackOwner = slack.addUser({ email: owner.email, name: "owner" });
    const slackViewer = slack.addUser({ email: viewer.email, name: "viewer" });
    const stranger = slack.addUser({ email: "stranger@elsewhere.test", name: "stranger" });
    for (const user of [slackOwner, slackViewer, stranger]) slack.channel("buttons").members.add(user.id);
    const { alert } = await raise("Button: cache hit rate 12 %");
    await expect.poll(() => slack.messages("buttons").length, { timeout: 10_000 }).toBe(1);
    const click = async (user: typeof slackOwner, actionId: string) => {
      const delivery = await slack.clickButton({ url: `${runtime.url}${integration.path}`, signingSecret, user, message: slack.messages("buttons")[0], actionId });
      expect(delivery.status, delivery.error ?? "").toBe(200);
    };
    expect(JSON.stringify(slack.messages("buttons")[0].blocks)).toContain("switchboard:acknowledge");

    await click(slackViewer, "switchboard:acknowledge");
    await expect.poll(() => slack.ephemeral(slackViewer.id).map((m) => m.text), { timeout: 10_000 }).toEqual([expect.stringContaining("(viewer) may not acknowledge alerts")]);
    await click(stranger, "switchboard:acknowledge");
    await expect.poll(() => slack.ephemeral(stranger.id).map((m) => m.text), { timeout: 10_000 }).toEqual([expect.stringContaining("no member of Chatty team")]);
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("triggered");

    await click(slackOwner, "switchboard:acknowledge");
    await expect.poll(async () => (await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).status, { timeout: 10_000 }).toBe("acknowledged");
    // The acknowledgement's message: a reply in the thread, and the first message keeps only "Resolve".
    await expect.poll(() => slack.replies("buttons", slack.messages("buttons")[0].ts).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => JSON.stringify(slack.messages("buttons")[0].blocks), { timeout: 10_000 }).not.toContain("switchboard:acknowledge");
    expect(JSON.stringify(slack.messages("buttons")[0].blocks)).toContain("switchboard:resolve");
    expect(slack.ephemeral(slackOwner.id)).toEqual([]);
    expect(slack.violations).toEqual([]);
  });

  it("marks the rule failing in Slack's words when the channel is gone, and does not retry", async () => {
    const created = await rule({ name: "Alerts to a deleted channel", channel: "SLACK", integrationId: slackIntegration.id, destination: { channel: "#gone" }, filter: 'data.title.startsWith("Gone:")' });
    await raise("Gone: disk full");
    await expect.poll(async () => (await getNotificationRule(ctx, created.uuid)).state, { timeout: 10_000 }).toBe("failing");
    const failed = await getNotificationRule(ctx, created.uuid);
    expect(failed.last_error).toMatch(/channel_not_found/);
    const [message] = (await listNotificationMessages(ctx, created.uuid, {})).items;
    expect(message).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("queues a message again after Slack's 429, for no sooner than its Retry-After", async () => {
    const created = await rule({ name: "Rate limited", channel: "SLACK", integrationId: slackIntegration.id, destination: { channel: "#ops" }, filter: 'data.title.startsWith("Busy:")', isActive: false });
    const row = await db.notificationMessage.create({
      data: { dataspaceId: ctx.dataspace.id, ruleId: created.uuid, eventType: "alert.triggered", queuedAt: null, content: { eventType: "alert.triggered", title: "Busy: queue", text: "", facts: [], url: null, tone: "warning", subject: null } },
    });
    slack.fault({ status: 429, retryAfter: 30 });
    const before = Date.now();
    expect(await deliverNotifications({ dataspaceId: ctx.dataspace.id, messages: [{ id: row.id, dispatch: 0 }] })).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const after = await db.notificationMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "PENDING", attemptCount: 1, dispatch: 1 });
    expect(after.lastError).toMatch(/will retry/);
    expect(after.queuedAt!.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    // The stale dispatch is a no-op: the group it was in ran already.
    expect(await deliverNotifications({ dataspaceId: ctx.dataspace.id, messages: [{ id: row.id, dispatch: 0 }] })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    slack.fault(null);
  });

  it("posts an Adaptive Card to a Teams channel through its Workflows URL", async () => {
    const url = teams.addWorkflow({ team: "Ops", channel: "Incidents" });
    const integration = await seedIntegration(ctx, { type: "MS_TEAMS", name: "Ops Teams", config: { webhookUrl: url } });
    const created = await rule({ name: "Alerts to Teams", channel: "TEAMS", integrationId: integration.id, filter: 'data.title.startsWith("Teams:")' });
    await raise("Teams: payments latency");
    await expect.poll(() => teams.messages("Incidents").length, { timeout: 10_000 }).toBe(1);
    expect(JSON.stringify(teams.messages("Incidents")[0])).toContain("Alert triggered: Teams: payments latency");
    await expect.poll(async () => (await listNotificationMessages(ctx, created.uuid, {})).items[0]?.provider_answer, { timeout: 10_000 }).toMatch(/202/);
    expect(teams.violations).toEqual([]);
  });
});
