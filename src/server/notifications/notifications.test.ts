import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { closeMail } from "@/server/mail/transport";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { startAppRuntime, type AppRuntime } from "../../../test/app-runtime";
import { recordEndpointHealth } from "@/server/webhooks/deliveries/endpoint-health";
import { WEBHOOK_SETTINGS_DEFAULTS } from "@/server/webhooks/settings/webhook-settings";
import { seedDataspace, seedRequest, seedUser, seedWebhook, tenantFor } from "../../../test/factories";
import { startMailCatcher } from "../../../test/mail-catcher";
import { createNotificationRule, deleteNotificationRule, getNotificationRule, listNotificationMessages, sendTestNotification, updateNotificationRule } from "./manage-rules";
import { createRuleInput, updateRuleInput } from "./rule.schema";

/**
 * Notification rules end to end, in-process, through email (a real SMTP server on 127.0.0.1): a
 * domain change publishes an event, the relay matches rules and writes messages, the embedded
 * executor runs the delivery function over HTTP, and the mail arrives. Slack and Teams have their
 * own suites next to their code; this one is about routing, throttling and the message log.
 */
describe("notification rules", () => {
  let runtime: AppRuntime;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let ctx: Awaited<ReturnType<typeof tenantFor>>;
  let other: Awaited<ReturnType<typeof tenantFor>>;
  let member: Awaited<ReturnType<typeof tenantFor>>;

  beforeAll(async () => {
    mail = await startMailCatcher();
    runtime = await startAppRuntime({ env: { SMTP_URL: mail.url, SMTP_FROM: "Switchboard <notify@switchboard.test>" } });
    const owner = await seedUser({ email: `owner-${Date.now()}@ops.test` });
    const space = await seedDataspace({ owner, name: "Notify team" });
    ctx = await tenantFor(owner.id, space.slug);
    other = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Elsewhere" })).slug);
    const person = await seedUser();
    await db.membership.create({ data: { dataspaceId: space.id, userId: person.id, role: "MEMBER" } });
    member = await tenantFor(person.id, space.slug);
  });
  afterAll(async () => {
    await runtime?.stop();
    closeMail();
    await mail?.close();
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    resetEnvCache();
  });

  const rule = (tenant: typeof ctx, input: Record<string, unknown>) => createNotificationRule(tenant, createRuleInput.parse({ channel: "EMAIL", ...input }));
  const raise = (tenant: typeof ctx, title: string, severity = "critical") => raiseAlert(tenant, raiseAlertInput.parse({ title, severity }));
  const messagesOf = async (ruleId: string) => (await listNotificationMessages(ctx, ruleId, { limit: 200 })).items;

  it("mails a matching event to the rule's recipients, with the alert's facts, and logs what the server answered", async () => {
    const oncall = `oncall-${Date.now()}@ops.test`;
    const created = await rule(ctx, { name: "Critical alerts", eventTypes: ["alert.triggered"], filter: 'data.severity == "critical"', destination: { to: [oncall] } });
    await raise(ctx, "Disk 97 % full on db-1", "warning"); // filtered out
    await raise(ctx, "API p99 above 2 s", "critical");
    const got = await mail.next(oncall);
    expect(got.subject).toBe("Alert triggered: API p99 above 2 s");
    expect(got.text).toContain("Severity: critical");
    expect(got.text).toMatch(/Open in Switchboard: http/);
    await expect.poll(async () => (await messagesOf(created.uuid)).map((m) => m.status), { timeout: 10_000 }).toEqual(["sent"]);
    const [logged] = await messagesOf(created.uuid);
    expect(logged).toMatchObject({ event_type: "alert.triggered", title: "Alert triggered: API p99 above 2 s", attempts: 1 });
    expect(logged.provider_answer).toMatch(/^250/);
    expect(mail.received.filter((m) => m.subject.includes("Disk 97"))).toHaveLength(0);
  });

  it("sends to the members with a role, and never to another dataspace's rules or people", async () => {
    const foreignTo = `foreign-${Date.now()}@elsewhere.test`;
    const foreign = await rule(other, { name: "Their requests", eventTypes: ["request.*"], destination: { to: [foreignTo] } });
    const admins = await rule(ctx, { name: "Owners hear of requests", eventTypes: ["request.added"], destination: { roles: ["OWNER"] } });
    await seedRequest(ctx, { title: "Renew the TLS certificate" });
    const owner = await db.user.findFirstOrThrow({ where: { id: ctx.actor.userId } });
    const got = await mail.next(owner.email);
    expect(got.subject).toBe("New request: Renew the TLS certificate");
    await expect.poll(async () => (await messagesOf(admins.uuid)).length, { timeout: 10_000 }).toBe(1);
    expect((await listNotificationMessages(other, foreign.uuid, {})).items).toHaveLength(0);
    await expect(listNotificationMessages(other, admins.uuid, {})).rejects.toThrow(/not found/);
    await expect(getNotificationRule(other, admins.uuid)).rejects.toThrow(/not found/);
  });

  it("folds a storm over the rule's throttle into one digest for the minute", async () => {
    const storm = `storm-${Date.now()}@ops.test`;
    const throttled = await rule(ctx, { name: "Storm", eventTypes: ["alert.triggered"], throttlePerMinute: 3, destination: { to: [storm] } });
    for (let i = 0; i < 12; i++) await raise(ctx, `Flapping check ${i}`, "error");
    await expect.poll(async () => (await messagesOf(throttled.uuid)).filter((m) => m.status === "folded").length, { timeout: 15_000 }).toBeGreaterThanOrEqual(9);
    const log = await messagesOf(throttled.uuid);
    const sentOrPending = log.filter((m) => !m.is_digest && m.status !== "folded");
    // A burst may straddle a minute: 3 a minute, the rest folded.
    expect(sentOrPending.length).toBeLessThanOrEqual(6);
    expect(sentOrPending.length + log.filter((m) => m.status === "folded").length).toBe(12);
    expect(log.filter((m) => m.is_digest).length).toBeGreaterThanOrEqual(1);
  });

  it("holds messages in quiet hours until they end", async () => {
    const now = new Date();
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const quiet = await rule(ctx, {
      name: "Not now",
      eventTypes: ["alert.triggered"],
      destination: { to: [`quiet-${Date.now()}@ops.test`] },
      quietHours: { start: hhmm(new Date(now.getTime() - 60 * 60_000)), end: hhmm(new Date(now.getTime() + 2 * 60 * 60_000)), timeZone: "UTC" },
    });
    await raise(ctx, "Night-time blip", "warning");
    await expect.poll(async () => (await messagesOf(quiet.uuid)).length, { timeout: 10_000 }).toBe(1);
    const [held] = await messagesOf(quiet.uuid);
    expect(held.status).toBe("pending");
    expect(Date.parse(held.next_attempt_date!)).toBeGreaterThan(Date.now() + 100 * 60_000);
    await updateNotificationRule(ctx, quiet.uuid, updateRuleInput.parse({ isActive: false }));
  });

  it("sends a test message now, and a rule whose mail server refuses for good is marked failing with its words", async () => {
    const testRule = await rule(ctx, { name: "Checked", eventTypes: ["incident.*"], destination: { to: [`check-${Date.now()}@ops.test`] } });
    const test = await sendTestNotification(ctx, testRule.uuid);
    expect(test.is_test).toBe(true);
    await expect.poll(async () => (await messagesOf(testRule.uuid))[0]?.status, { timeout: 10_000 }).toBe("sent");
    // The admins hear of failing rules through a rule of their own.
    const admins = `admins-${Date.now()}@ops.test`;
    await rule(ctx, { name: "Failing rules", eventTypes: ["notification_rule.failing"], destination: { to: [admins] } });
    // No recipients: the rule names a role nobody has.
    const nobody = await rule(ctx, { name: "Nobody", eventTypes: ["alert.resolved", "alert.triggered"], destination: { roles: ["VIEWER"] } });
    await raise(ctx, "Unheard", "info");
    await expect.poll(async () => (await getNotificationRule(ctx, nobody.uuid)).state, { timeout: 10_000 }).toBe("failing");
    expect((await getNotificationRule(ctx, nobody.uuid)).last_error).toMatch(/No recipients/);
    const told = await mail.next(admins);
    expect(told.subject).toBe("Notification rule failing: Nobody");
    expect(told.text).toMatch(/No recipients/);
    await deleteNotificationRule(ctx, nobody.uuid);
  });

  it("without a rule for it, a paused webhook mails the dataspace's owners and admins; once a rule takes the type, that rule alone sends it", { timeout: 30_000 }, async () => {
    const stamp = Date.now();
    const owner = await seedUser({ email: `health-owner-${stamp}@ops.test` });
    const space = await seedDataspace({ owner, name: "Health team" });
    const admin = await seedUser({ email: `health-admin-${stamp}@ops.test` });
    const person = await seedUser({ email: `health-member-${stamp}@ops.test` });
    await db.membership.createMany({ data: [{ dataspaceId: space.id, userId: admin.id, role: "ADMIN" }, { dataspaceId: space.id, userId: person.id, role: "MEMBER" }] });
    const health = await tenantFor(owner.id, space.slug);
    const pause = async (url: string) => {
      const { endpoint } = await seedWebhook(health, { url });
      const row = await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: WEBHOOK_SETTINGS_DEFAULTS.pauseAfterFailures - 1, failingSince: new Date() } });
      await health.db.$transaction((tx) => recordEndpointHealth(tx, row, { succeeded: false, error: "HTTP 503" }, WEBHOOK_SETTINGS_DEFAULTS, new Date()));
    };

    await pause("https://orders.example.test/hook_in");
    const notice = await mail.next(`health-owner-${stamp}@ops.test`);
    expect(notice.to).toEqual([`health-admin-${stamp}@ops.test`, `health-owner-${stamp}@ops.test`]); // not the member
    expect(notice.subject).toBe("Webhook paused: https://orders.example.test/hook_in");
    expect(notice.text).toMatch(/URL: https:\/\/orders\.example\.test\/hook_in/);

    // The admins choose where these go: their rule sends it, and the default stays quiet.
    const chosen = `health-desk-${stamp}@ops.test`;
    await rule(health, { name: "Endpoint health", eventTypes: ["webhook_endpoint.*"], destination: { to: [chosen] } });
    await pause("https://billing.example.test/in");
    expect((await mail.next(chosen)).subject).toBe("Webhook paused: https://billing.example.test/in");
    const notices = { dataspaceId: space.id, functionId: { endsWith: "mail-default-notice" } };
    await expect.poll(() => db.runtimeRun.count({ where: { ...notices, status: "COMPLETED" } }), { timeout: 10_000 }).toBe(2);
    expect(mail.received.filter((m) => m.to.includes(`health-owner-${stamp}@ops.test`)).map((m) => m.subject)).toEqual(["Webhook paused: https://orders.example.test/hook_in"]);
  });

  it("refuses what cannot work, naming the field: a bad pattern, filter, template, time zone, integration of another kind or dataspace; members cannot manage", async () => {
    await expect(async () => createRuleInput.parse({ name: "x", channel: "EMAIL", eventTypes: ["alrt.*"], destination: { to: ["a@b.test"] } })).rejects.toThrow(/no event type matches/);
    await expect(async () => createRuleInput.parse({ name: "x", channel: "EMAIL", eventTypes: ["alert.*"], filter: "data.severity ==", destination: { to: ["a@b.test"] } })).rejects.toThrow();
    await expect(async () => createRuleInput.parse({ name: "x", channel: "EMAIL", eventTypes: ["alert.*"], template: { title: "{{ nope.x }}" } })).rejects.toThrow();
    await expect(async () => createRuleInput.parse({ name: "x", channel: "EMAIL", eventTypes: ["alert.*"], quietHours: { start: "22:00", end: "07:00", timeZone: "Mars/Olympus" } })).rejects.toThrow(/IANA/);
    await expect(rule(ctx, { name: "x", eventTypes: ["alert.*"], destination: {} })).rejects.toThrow(/recipients/);
    await expect(rule(ctx, { name: "x", channel: "SLACK", eventTypes: ["alert.*"], integrationId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(/no such integration/);
    await expect(rule(member, { name: "x", eventTypes: ["alert.*"], destination: { to: ["a@b.test"] } })).rejects.toThrow();
  });

  it("renders a custom template from the event, and placeholders cannot reach the prototype", async () => {
    const to = `tpl-${Date.now()}@ops.test`;
    await rule(ctx, { name: "Custom", eventTypes: ["alert.triggered"], destination: { to: [to] }, template: { title: "[{{ data.severity }}] {{ data.title }} {{ data.constructor }}", text: "Seen {{ data.count }} time(s)" } });
    await raise(ctx, "Queue depth 10k", "error");
    const got = await mail.next(to);
    expect(got.subject).toBe("[error] Queue depth 10k");
    expect(got.text).toContain("Seen 1 time(s)");
  });
});
