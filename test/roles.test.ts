import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import { createApiToken } from "@/server/api-tokens/manage-api-tokens";
import { createInvitation } from "@/server/dataspaces/invitations";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { createPipelineRule } from "@/server/ci/pipeline-rules/manage-rules";
import { createPipelineRuleInput } from "@/server/ci/pipeline-rules/rule.schema";
import { createMapping } from "@/server/metrics/custom/manage-mappings";
import { createMappingInput } from "@/server/metrics/custom/mapping.schema";
import { createCustomEventType } from "@/server/events/custom/manage-custom-event-types";
import { createIncident } from "@/server/records/incidents/create-incident";
import { createIncidentInput } from "@/server/records/incidents/incident.schema";
import { db } from "@/server/db/client";
import { createService } from "@/server/records/services/create-service";
import { createServiceInput } from "@/server/records/services/service.schema";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput } from "@/server/records/deployments/deployment.schema";
import { seedRun } from "@/server/runtime/runs/__fixtures__/seed-run";
import { createNotificationRule } from "@/server/notifications/manage-rules";
import { createRuleInput } from "@/server/notifications/rule.schema";
import { addMember, callerFor, seedDataspace, seedIntegration, seedRequest, seedSsoConnection, seedUser, seedWebhook, tenantFor } from "./factories";
import { startFakeIssuer } from "./fake-oidc-issuer";
import { closeGithubFake, seedGithubIssueSync, wireRecordingRuntime } from "./issue-sync-fixtures";
import { seedMaintenance } from "./maintenance-fixtures";
import { callProcedure, listProcedures, outcome } from "./procedures";
import { wireTestRuntime } from "./runtime-port";
import { snapshotDataspace } from "./snapshot";

/** A dataspace with one user per role, a request, a pending invitation and a spare member. */
async function seedTeam() {
  const owner = await seedUser({ name: "Owner" });
  const dataspace = await seedDataspace({ owner });
  const users: Record<string, { id: string; email: string }> & { owner: { id: string; email: string } } = { owner };
  const roles: [keyof typeof users, Role][] = [
    ["admin", "ADMIN"],
    ["member", "MEMBER"],
    ["viewer", "VIEWER"],
    ["target", "MEMBER"],
    ["leaver", "VIEWER"],
  ];
  for (const [key, role] of roles) {
    users[key] = await seedUser({ name: key });
    await addMember(dataspace, users[key], role);
  }
  const ownerCtx = await tenantFor(owner.id, dataspace.slug);
  const request = await seedRequest(ownerCtx, { title: "Shared request" });
  const invitation = await createInvitation(ownerCtx, { role: "MEMBER", email: null, expiresInDays: 7 });
  const sso = await seedSsoConnection(dataspace);
  process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1"; // runs are read from the embedded runtime's tables
  wireTestRuntime();
  wireRecordingRuntime();
  const run = await seedRun(dataspace);
  const webhook = await seedWebhook(ownerCtx, { failed: 2 });
  const doomedWebhook = await seedWebhook(ownerCtx);
  const integration = await seedIntegration(ownerCtx);
  const doomedIntegration = await seedIntegration(ownerCtx);
  // Inbound only (no apiKey): its outbound procedures answer without calling Statuspage.
  const statuspage = await seedIntegration(ownerCtx, { type: "STATUSPAGE", config: { pageId: "gytm4qzbx9t6", webhookSecret: "team-statuspage-secret-01" } });
  // Receiving only (no API key): its Test connection tries nothing, so the owner's call needs no network.
  const monitor = await seedIntegration(ownerCtx, { type: "DATADOG", config: { webhookSecret: "team-datadog-secret-0001" } });
  const failedEvent = await db.webhookEvent.create({
    data: { dataspaceId: dataspace.id, integrationId: integration.integration.id, eventType: "push", headers: {}, body: "{}", status: "FAILED", queuedAt: null },
  });
  const deployment = await createDeployment(ownerCtx, createDeploymentInput.parse({ environment: "production" }));
  const apiToken = await createApiToken(ownerCtx, { name: "Team token", scopes: ["read"] });
  const eventType = await createCustomEventType(ownerCtx, { name: "custom.team.deployed", description: "", schema: { type: "object" } });
  const doomedEventType = await createCustomEventType(ownerCtx, { name: "custom.team.doomed", description: "", schema: { type: "object" } });
  const pipelineRule = await createPipelineRule(ownerCtx, createPipelineRuleInput.parse({ name: "Team smoke", integrationId: integration.id, events: ["deployment.*"], workflow: "smoke.yml", ref: '"main"' }));
  const doomedPipelineRule = await createPipelineRule(ownerCtx, createPipelineRuleInput.parse({ name: "Team doomed", integrationId: integration.id, events: ["deployment.*"], workflow: "smoke.yml", ref: '"main"' }));
  const mapping = await createMapping(ownerCtx, createMappingInput.parse({ name: "team.requests", events: ["request.*"], kind: "counter" }));
  const doomedMapping = await createMapping(ownerCtx, createMappingInput.parse({ name: "team.doomed", events: ["request.*"], kind: "counter" }));
  const service = await createService(ownerCtx, createServiceInput.parse({ name: "Team API", group: "API" }));
  const doomedService = await createService(ownerCtx, createServiceInput.parse({ name: "Team doomed service" }));
  const incident = await createIncident(ownerCtx, createIncidentInput.parse({ title: "Team outage", message: "Looking", services: [{ serviceId: service.id, impact: "partial_outage" }] }));
  const maintenance = await seedMaintenance(ownerCtx, { serviceIds: [service.id] });
  const doomedMaintenance = await seedMaintenance(ownerCtx);
  const runningMaintenance = await seedMaintenance(ownerCtx, { started: true });
  const { alert } = await raiseAlert(ownerCtx, raiseAlertInput.parse({ title: "Team alert", fingerprint: "team-alert" }));
  // Issue sync against the GitHub fake: the shared request has its issue, a second one none yet.
  const issueSync = await seedGithubIssueSync(ownerCtx);
  const teamRule = (name: string) => createNotificationRule(ownerCtx, createRuleInput.parse({ name, channel: "EMAIL", eventTypes: ["incident.*"], destination: { roles: ["ADMIN"] } }));
  const notificationRule = await teamRule("Team pager");
  const doomedNotificationRule = await teamRule("Doomed pager");
  const issueLink = await issueSync.linkRequest(request.id);
  const unlinkedRequest = await seedRequest(ownerCtx, { title: "Not on GitHub yet" });
  const linkableIssue = issueSync.openIssue("Opened on GitHub");
  return { monitor, pipelineRule, doomedPipelineRule, mapping, doomedMapping, notificationRule, doomedNotificationRule, issueSync, issueLink, unlinkedRequest, linkableIssue, dataspace, users, request, invitation, sso, run, webhook, doomedWebhook, integration, doomedIntegration, failedEvent, apiToken, eventType, doomedEventType, service, doomedService, incident, maintenance, doomedMaintenance, runningMaintenance, statuspage, deployment, alert };
}

type Team = Awaited<ReturnType<typeof seedTeam>>;

const roleOf = async (dataspaceId: string, userId: string) =>
  (await db.membership.findFirst({ where: { dataspaceId, userId }, select: { role: true } }))?.role ?? null;

/**
 * Every mutation of the API, with an input that an owner could run successfully in the team's
 * dataspace. A viewer must get FORBIDDEN for each, unless the entry says why a viewer may.
 */
type MutationCase =
  | { viewer: "FORBIDDEN"; input: (t: Team) => Record<string, unknown> }
  | { viewer: "allowed"; why: string; check: (t: Team) => Promise<void> };

const MUTATIONS: Record<string, MutationCase> = {
  "dataspace.rename": { viewer: "FORBIDDEN", input: () => ({ name: "Renamed by someone" }) },
  "member.changeRole": { viewer: "FORBIDDEN", input: (t) => ({ userId: t.users.target.id, role: "ADMIN" }) },
  "member.remove": { viewer: "FORBIDDEN", input: (t) => ({ userId: t.users.target.id }) },
  "invitation.create": { viewer: "FORBIDDEN", input: () => ({ role: "MEMBER" }) },
  "invitation.revoke": { viewer: "FORBIDDEN", input: (t) => ({ id: t.invitation.id }) },
  "request.create": { viewer: "FORBIDDEN", input: () => ({ title: "Written by a viewer" }) },
  "request.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.request.id, patch: { title: "Edited" } }) },
  "request.close": { viewer: "FORBIDDEN", input: (t) => ({ id: t.request.id }) },
  "request.comment": { viewer: "FORBIDDEN", input: (t) => ({ requestId: t.request.id, text: "A viewer's comment" }) },
  // The owner's run: the request has its issue already (found, not made twice); the second is linked by hand.
  "request.createIssue": { viewer: "FORBIDDEN", input: (t) => ({ requestId: t.request.id, integrationId: t.issueSync.id }) },
  "request.linkIssue": { viewer: "FORBIDDEN", input: (t) => ({ requestId: t.unlinkedRequest.id, integrationId: t.issueSync.id, reference: `#${t.linkableIssue.number}` }) },
  "request.unlinkIssue": { viewer: "FORBIDDEN", input: (t) => ({ requestId: t.request.id, linkId: t.issueLink.id }) },
  "service.create": { viewer: "FORBIDDEN", input: () => ({ name: "Written by a viewer" }) },
  "service.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.service.id, patch: { description: "Edited" } }) },
  "service.setStatus": { viewer: "FORBIDDEN", input: (t) => ({ id: t.service.id, status: "major_outage" }) },
  "service.delete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedService.id }) },
  "incident.create": {
    viewer: "FORBIDDEN",
    input: (t) => ({ title: "Declared by a viewer", message: "Down", services: [{ serviceId: t.service.id, impact: "major_outage" }] }),
  },
  "incident.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.incident.id, patch: { severity: "critical" } }) },
  "incident.addUpdate": { viewer: "FORBIDDEN", input: (t) => ({ incidentId: t.incident.id, message: "A viewer's update", status: "monitoring" }) },
  "incident.resolve": { viewer: "FORBIDDEN", input: (t) => ({ id: t.incident.id }) },
  "maintenance.schedule": {
    viewer: "FORBIDDEN",
    input: (t) => ({ title: "Scheduled by a viewer", scheduledStart: new Date(Date.now() + 3_600_000), scheduledEnd: new Date(Date.now() + 7_200_000), serviceIds: [t.service.id] }),
  },
  "maintenance.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.maintenance.id, patch: { scheduledEnd: new Date(Date.now() + 10_800_000) } }) },
  "maintenance.addUpdate": { viewer: "FORBIDDEN", input: (t) => ({ maintenanceId: t.maintenance.id, message: "A viewer's update" }) },
  "maintenance.complete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.runningMaintenance.id }) },
  "maintenance.cancel": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedMaintenance.id }) },
  "deployment.create": { viewer: "FORBIDDEN", input: () => ({ environment: "production", sha: "f95f852" }) },
  "deployment.setStatus": { viewer: "FORBIDDEN", input: (t) => ({ id: t.deployment.id, status: "in_progress" }) },
  "alert.raise": { viewer: "FORBIDDEN", input: () => ({ title: "Raised by a viewer" }) },
  "alert.acknowledge": { viewer: "FORBIDDEN", input: (t) => ({ id: t.alert.id }) },
  "alert.resolve": { viewer: "FORBIDDEN", input: () => ({ fingerprint: "team-alert" }) },
  "alert.link": { viewer: "FORBIDDEN", input: (t) => ({ id: t.alert.id, incidentId: null }) },
  "alert.createRequest": { viewer: "FORBIDDEN", input: (t) => ({ id: t.alert.id }) },
  "alert.createIssue": { viewer: "FORBIDDEN", input: (t) => ({ id: t.alert.id, integrationId: t.issueSync.id }) },
  "incident.createIssue": { viewer: "FORBIDDEN", input: (t) => ({ id: t.incident.id, integrationId: t.issueSync.id }) },
  "alert.createIncident": { viewer: "FORBIDDEN", input: (t) => ({ id: t.alert.id }) },
  "sso.create": {
    viewer: "FORBIDDEN",
    input: (t) => ({
      name: "Team SSO",
      issuer: issuer.issuer, // a live discovery endpoint, so the owner's call can succeed
      clientId: "team",
      clientSecret: "team-secret",
      allowedDomains: [`team-${t.dataspace.slug}.test`],
    }),
  },
  "sso.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.sso.id, name: "Renamed SSO" }) },
  "sso.checkDomain": { viewer: "FORBIDDEN", input: (t) => ({ id: t.sso.domainClaims[0].id }) },
  "sso.delete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.sso.id }) },
  "notification.create": { viewer: "FORBIDDEN", input: () => ({ name: "By a viewer", channel: "EMAIL", eventTypes: ["alert.*"], destination: { to: ["me@team.test"] } }) },
  "notification.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.notificationRule.uuid, changes: { name: "Renamed" } }) },
  "notification.delete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedNotificationRule.uuid }) },
  "notification.sendTest": { viewer: "FORBIDDEN", input: (t) => ({ id: t.notificationRule.uuid }) },
  "run.cancel": { viewer: "FORBIDDEN", input: (t) => ({ id: t.run.id }) },
  "run.rerun": { viewer: "FORBIDDEN", input: (t) => ({ id: t.run.id }) },
  "webhook.create": { viewer: "FORBIDDEN", input: () => ({ url: "https://hooks.example.test/new", eventTypes: ["request.*"] }) },
  "webhook.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.webhook.endpoint.id, patch: { description: "Edited" } }) },
  "webhook.setActive": { viewer: "FORBIDDEN", input: (t) => ({ id: t.webhook.endpoint.id, isActive: false }) },
  "webhook.rotateSecret": { viewer: "FORBIDDEN", input: (t) => ({ id: t.webhook.endpoint.id }) },
  "webhook.sendTest": { viewer: "FORBIDDEN", input: (t) => ({ id: t.webhook.endpoint.id }) },
  "webhook.retryDelivery": { viewer: "FORBIDDEN", input: (t) => ({ id: t.webhook.deliveries[0].id }) },
  "webhook.replayFailed": { viewer: "FORBIDDEN", input: (t) => ({ endpointId: t.webhook.endpoint.id, since: new Date(0) }) },
  "webhook.updateSettings": { viewer: "FORBIDDEN", input: () => ({ allowHttp: true }) },
  "webhook.delete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedWebhook.endpoint.id }) },
  "integration.create": {
    viewer: "FORBIDDEN",
    input: () => ({ type: "GITHUB", name: "Viewer's repo", config: { repository: "team/app", webhookSecret: "team-secret-0123456789" } }),
  },
  "integration.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.integration.integration.id, patch: { name: "Renamed" } }) },
  "integration.rotateInboundUrl": { viewer: "FORBIDDEN", input: (t) => ({ id: t.integration.integration.id }) },
  "integration.replayEvent": { viewer: "FORBIDDEN", input: (t) => ({ id: t.failedEvent.id }) },
  "integration.delete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedIntegration.integration.id }) },
  "integration.statuspageTestConnection": { viewer: "FORBIDDEN", input: (t) => ({ id: t.statuspage.id }) },
  "integration.testTelemetry": { viewer: "FORBIDDEN", input: (t) => ({ id: t.monitor.id }) },
  "integration.statuspageReconcile": { viewer: "FORBIDDEN", input: (t) => ({ id: t.statuspage.id }) },
  "integration.issueSyncTestConnection": { viewer: "FORBIDDEN", input: (t) => ({ id: t.issueSync.id }) },
  "integration.issueSyncBackfill": { viewer: "FORBIDDEN", input: (t) => ({ id: t.issueSync.id }) },
  "apiToken.create": { viewer: "FORBIDDEN", input: () => ({ name: "A viewer's token", scopes: ["read"] }) },
  "apiToken.revoke": { viewer: "FORBIDDEN", input: (t) => ({ id: t.apiToken.apiToken.id }) },
  "eventType.create": { viewer: "FORBIDDEN", input: () => ({ name: "custom.team.by_viewer", schema: { type: "object" } }) },
  "eventType.update": { viewer: "FORBIDDEN", input: (t) => ({ id: t.eventType.id, patch: { description: "Edited" } }) },
  "eventType.delete": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedEventType.id }) },
  "ci.createRule": { viewer: "FORBIDDEN", input: (t) => ({ name: "Viewer's rule", integrationId: t.integration.integration.id, events: ["deployment.*"], workflow: "x.yml", ref: '"main"' }) },
  "ci.updateRule": { viewer: "FORBIDDEN", input: (t) => ({ id: t.pipelineRule.id, patch: { ref: '"dev"' } }) },
  "ci.deleteRule": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedPipelineRule.id }) },
  "metric.createMapping": { viewer: "FORBIDDEN", input: () => ({ name: "team.by_viewer", events: ["request.*"], kind: "counter" }) },
  "metric.updateMapping": { viewer: "FORBIDDEN", input: (t) => ({ id: t.mapping.id, patch: { value: "2" } }) },
  "metric.deleteMapping": { viewer: "FORBIDDEN", input: (t) => ({ id: t.doomedMapping.id }) },
  "metric.tryMapping": {
    viewer: "allowed",
    why: "trying a mapping on an example event saves nothing and reads no record",
    check: async (t) => {
      const tried = await callerFor(t.users.viewer.id).metric.tryMapping({
        dataspace: t.dataspace.slug,
        mapping: { name: "team.tried", events: ["request.*"], kind: "counter", tags: { kind: "event.type" } },
        event: { type: "request.added", data: {} },
      });
      expect(tried).toEqual({ observation: { value: 1, tags: { kind: "request.added" } }, reason: null });
    },
  },
  "run.instance.cancel": {
    viewer: "allowed",
    why: "not a dataspace action: instance-wide runs answer to the instance-admin flag, whatever the dataspace role",
    check: async (t) => {
      for (const user of [t.users.viewer, t.users.owner]) {
        await expect(callerFor(user.id).run.instance.cancel({ id: t.run.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    },
  },
  "run.instance.rerun": {
    viewer: "allowed",
    why: "not a dataspace action: instance-wide runs answer to the instance-admin flag, whatever the dataspace role",
    check: async (t) => {
      for (const user of [t.users.viewer, t.users.owner]) {
        await expect(callerFor(user.id).run.instance.rerun({ id: t.run.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    },
  },
  "sso.domainClaims.approve": {
    viewer: "allowed",
    why: "not a dataspace action: vouching for a domain answers to the instance-admin flag, whatever the dataspace role",
    check: async (t) => {
      for (const user of [t.users.viewer, t.users.owner]) {
        await expect(callerFor(user.id).sso.domainClaims.approve({ id: t.sso.domainClaims[0].id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    },
  },
  "sso.domainClaims.revoke": {
    viewer: "allowed",
    why: "not a dataspace action: freeing a domain answers to the instance-admin flag, whatever the dataspace role",
    check: async (t) => {
      for (const user of [t.users.viewer, t.users.owner]) {
        await expect(callerFor(user.id).sso.domainClaims.revoke({ id: t.sso.domainClaims[0].id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    },
  },
  "account.updateProfile": {
    viewer: "allowed",
    why: "renames the caller's own account; nothing inside a dataspace changes",
    check: async (t) => {
      await callerFor(t.users.viewer.id).account.updateProfile({ name: "Vera Viewer" });
      expect((await db.user.findUnique({ where: { id: t.users.viewer.id }, select: { name: true } }))?.name).toBe("Vera Viewer");
      expect((await db.user.findUnique({ where: { id: t.users.owner.id }, select: { name: true } }))?.name).not.toBe("Vera Viewer");
    },
  },
  "userAdmin.createResetLink": {
    viewer: "allowed",
    why: "not a dataspace action: reset links answer to the instance-admin flag, whatever the dataspace role",
    check: async (t) => {
      for (const user of [t.users.viewer, t.users.owner]) {
        await expect(callerFor(user.id).userAdmin.createResetLink({ userId: t.users.target.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
      expect(await db.passwordReset.count({ where: { userId: t.users.target.id } })).toBe(0);
    },
  },
  "dataspace.create": {
    viewer: "allowed",
    why: "creates the caller's own new dataspace; the one they view is untouched",
    check: async (t) => {
      const created = await callerFor(t.users.viewer.id).dataspace.create({ name: "Viewer's own space" });
      expect(await roleOf(created.id, t.users.viewer.id)).toBe("OWNER");
    },
  },
  "invitation.accept": {
    viewer: "allowed",
    why: "joining by link is not an action inside a dataspace; a member cannot use it to change role",
    check: async (t) => {
      const accept = callerFor(t.users.viewer.id).invitation.accept({ token: t.invitation.token });
      await expect(accept).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await roleOf(t.dataspace.id, t.users.viewer.id)).toBe("VIEWER");
    },
  },
  "member.leave": {
    viewer: "allowed",
    why: "anyone may leave a dataspace; it removes only their own membership",
    check: async (t) => {
      const others = await db.membership.count({ where: { dataspaceId: t.dataspace.id } });
      await callerFor(t.users.leaver.id).member.leave({ dataspace: t.dataspace.slug });
      expect(await roleOf(t.dataspace.id, t.users.leaver.id)).toBeNull();
      expect(await db.membership.count({ where: { dataspaceId: t.dataspace.id } })).toBe(others - 1);
    },
  },
};

const mutations = listProcedures().filter((p) => p.type === "mutation");

let issuer: Awaited<ReturnType<typeof startFakeIssuer>>;
beforeAll(async () => {
  issuer = await startFakeIssuer();
});
afterAll(async () => {
  await issuer.close();
  await closeGithubFake();
});

describe("a viewer", () => {
  let t: Team;
  beforeAll(async () => {
    t = await seedTeam();
  });

  it("is covered for every mutation of the API", () => {
    const missing = mutations.filter((p) => !MUTATIONS[p.path]).map((p) => `add a role case for mutation ${p.path}`);
    expect(missing).toEqual([]);
  });

  it("gets FORBIDDEN from every mutation and changes nothing", async () => {
    const before = await snapshotDataspace(t.dataspace.id);
    const caller = callerFor(t.users.viewer.id);
    const results: Record<string, string> = {};
    for (const [path, testCase] of Object.entries(MUTATIONS)) {
      if (testCase.viewer !== "FORBIDDEN") continue;
      results[path] = await outcome(callProcedure(caller, path, { dataspace: t.dataspace.slug, ...testCase.input(t) }));
    }
    expect(results).toEqual(Object.fromEntries(Object.keys(results).map((path) => [path, "FORBIDDEN"])));
    expect(await snapshotDataspace(t.dataspace.id)).toEqual(before);
  });

  for (const [path, testCase] of Object.entries(MUTATIONS)) {
    if (testCase.viewer === "allowed") it(`may call ${path}: ${testCase.why}`, () => testCase.check(t));
  }

  it("can still read (the dataspace is not simply broken)", async () => {
    const caller = callerFor(t.users.viewer.id);
    const page = await caller.request.list({ dataspace: t.dataspace.slug });
    expect(page.items.map((r) => r.id)).toContain(t.request.id);
    const windows = await caller.maintenance.list({ dataspace: t.dataspace.slug });
    expect(windows.items.map((w) => w.id)).toContain(t.maintenance.id);
    expect((await caller.maintenance.get({ dataspace: t.dataspace.slug, id: t.maintenance.id })).title).toBe(t.maintenance.title);
    // A request's issues, with what the request page shows of them; the integration's sync is not theirs.
    const links = await caller.request.issueLinks({ dataspace: t.dataspace.slug, requestId: t.request.id });
    expect(links.links.map((l) => l.id)).toEqual([t.issueLink.id]);
    await expect(caller.integration.issueSyncStatus({ dataspace: t.dataspace.slug, id: t.issueSync.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("sees the very same calls succeed for the owner", async () => {
    const caller = callerFor(t.users.owner.id);
    for (const [path, testCase] of Object.entries(MUTATIONS)) {
      if (testCase.viewer !== "FORBIDDEN") continue;
      const result = await outcome(callProcedure(caller, path, { dataspace: t.dataspace.slug, ...testCase.input(t) }));
      expect(result, path).toBe("OK");
    }
  });
});

describe("a member", () => {
  let t: Team;
  beforeAll(async () => {
    t = await seedTeam();
  });

  it("cannot manage members, invitations, SSO, runs, webhooks, integrations, the dataspace, or delete services", async () => {
    const before = await snapshotDataspace(t.dataspace.id);
    const caller = callerFor(t.users.member.id);
    const slug = t.dataspace.slug;
    const attempts = {
      "member.changeRole": () => caller.member.changeRole({ dataspace: slug, userId: t.users.target.id, role: "VIEWER" }),
      "member.remove": () => caller.member.remove({ dataspace: slug, userId: t.users.target.id }),
      "invitation.list": () => caller.invitation.list({ dataspace: slug }),
      "invitation.create": () => caller.invitation.create({ dataspace: slug, role: "MEMBER" }),
      "invitation.revoke": () => caller.invitation.revoke({ dataspace: slug, id: t.invitation.id }),
      "dataspace.rename": () => caller.dataspace.rename({ dataspace: slug, name: "Mine now" }),
      "sso.list": () => caller.sso.list({ dataspace: slug }),
      "sso.delete": () => caller.sso.delete({ dataspace: slug, id: t.sso.id }),
      "run.list": () => caller.run.list({ dataspace: slug }),
      "run.get": () => caller.run.get({ dataspace: slug, id: t.run.id }),
      "run.cancel": () => caller.run.cancel({ dataspace: slug, id: t.run.id }),
      // Webhooks hold signing secrets and carry private requests: admins only, reading included.
      "webhook.list": () => caller.webhook.list({ dataspace: slug }),
      "webhook.get": () => caller.webhook.get({ dataspace: slug, id: t.webhook.endpoint.id }),
      "webhook.deliveries": () => caller.webhook.deliveries({ dataspace: slug, endpointId: t.webhook.endpoint.id }),
      "webhook.delivery": () => caller.webhook.delivery({ dataspace: slug, id: t.webhook.deliveries[0].id }),
      "webhook.settings": () => caller.webhook.settings({ dataspace: slug }),
      "webhook.create": () => caller.webhook.create({ dataspace: slug, url: "https://hooks.example.test/m", eventTypes: ["*"] }),
      "webhook.retryDelivery": () => caller.webhook.retryDelivery({ dataspace: slug, id: t.webhook.deliveries[0].id }),
      "integration.list": () => caller.integration.list({ dataspace: slug }),
      "integration.get": () => caller.integration.get({ dataspace: slug, id: t.integration.integration.id }),
      "integration.statuspageComponents": () => caller.integration.statuspageComponents({ dataspace: slug, id: t.statuspage.id }),
      "integration.statuspageTestConnection": () => caller.integration.statuspageTestConnection({ dataspace: slug, id: t.statuspage.id }),
      "integration.testTelemetry": () => caller.integration.testTelemetry({ dataspace: slug, id: t.monitor.id }),
      // An integration's issue sync: its credentials, its target, the whole dataspace's requests.
      "integration.issueSyncStatus": () => caller.integration.issueSyncStatus({ dataspace: slug, id: t.issueSync.id }),
      "integration.issueSyncTestConnection": () => caller.integration.issueSyncTestConnection({ dataspace: slug, id: t.issueSync.id }),
      "integration.issueSyncBackfill": () => caller.integration.issueSyncBackfill({ dataspace: slug, id: t.issueSync.id }),
      // A token acts for the dataspace without a browser: admins only, listing included.
      "apiToken.list": () => caller.apiToken.list({ dataspace: slug }),
      "apiToken.create": () => caller.apiToken.create({ dataspace: slug, name: "A member's token", scopes: ["requests:write"] }),
      "apiToken.revoke": () => caller.apiToken.revoke({ dataspace: slug, id: t.apiToken.apiToken.id }),
      // Custom event types shape what webhooks receive: members read them (to publish) but only admins change them.
      "eventType.create": () => caller.eventType.create({ dataspace: slug, name: "custom.team.by_member", schema: { type: "object" } }),
      "eventType.update": () => caller.eventType.update({ dataspace: slug, id: t.eventType.id, patch: { description: "Mine" } }),
      "eventType.delete": () => caller.eventType.delete({ dataspace: slug, id: t.eventType.id }),
      // Pipeline rules act on GitHub and GitLab with the integration's token: admins only.
      "ci.createRule": () => caller.ci.createRule({ dataspace: slug, name: "A member's rule", integrationId: t.integration.integration.id, events: ["deployment.*"], workflow: "x.yml", ref: '"main"' }),
      "ci.updateRule": () => caller.ci.updateRule({ dataspace: slug, id: t.pipelineRule.id, patch: { ref: '"dev"' } }),
      "ci.deleteRule": () => caller.ci.deleteRule({ dataspace: slug, id: t.pipelineRule.id }),
      // Metric mappings decide what is computed and forwarded: members read them, admins change them.
      "metric.createMapping": () => caller.metric.createMapping({ dataspace: slug, name: "team.by_member", events: ["request.*"], kind: "counter" }),
      "metric.updateMapping": () => caller.metric.updateMapping({ dataspace: slug, id: t.mapping.id, patch: { value: "3" } }),
      "metric.deleteMapping": () => caller.metric.deleteMapping({ dataspace: slug, id: t.mapping.id }),
      // Rules send the dataspace's events outside: members read them, admins change them.
      "notification.create": () => caller.notification.create({ dataspace: slug, name: "A member's rule", channel: "EMAIL", eventTypes: ["alert.*"], destination: { to: ["me@team.test"] } }),
      "notification.update": () => caller.notification.update({ dataspace: slug, id: t.notificationRule.uuid, changes: { destination: { to: ["me@team.test"] } } }),
      "notification.delete": () => caller.notification.delete({ dataspace: slug, id: t.notificationRule.uuid }),
      "notification.sendTest": () => caller.notification.sendTest({ dataspace: slug, id: t.notificationRule.uuid }),
      // Deleting a service unlinks its alerts and deployments: admins only.
      "service.delete": () => caller.service.delete({ dataspace: slug, id: t.service.id }),
    };
    const results: Record<string, string> = {};
    for (const [path, call] of Object.entries(attempts)) results[path] = await outcome(call());
    expect(results).toEqual(Object.fromEntries(Object.keys(attempts).map((path) => [path, "FORBIDDEN"])));
    expect(await snapshotDataspace(t.dataspace.id)).toEqual(before);
  });

  it("can work on services", async () => {
    const caller = callerFor(t.users.member.id);
    const slug = t.dataspace.slug;
    const created = await caller.service.create({ dataspace: slug, name: "From a member", ownerId: t.users.member.id });
    await caller.service.update({ dataspace: slug, id: created.id, patch: { group: "Web" } });
    await caller.service.setStatus({ dataspace: slug, id: created.id, status: "degraded_performance" });
    expect(await caller.service.get({ dataspace: slug, id: created.id })).toMatchObject({ group: "Web", status: "degraded_performance" });
  });

  it("can schedule and run maintenance windows", async () => {
    const caller = callerFor(t.users.member.id);
    const slug = t.dataspace.slug;
    const w = await caller.maintenance.schedule({ dataspace: slug, title: "From a member", scheduledStart: new Date(Date.now() + 3_600_000), scheduledEnd: new Date(Date.now() + 7_200_000) });
    await caller.maintenance.addUpdate({ dataspace: slug, maintenanceId: w.id, message: "Noted" });
    expect((await caller.maintenance.cancel({ dataspace: slug, id: w.id })).updates.map((u) => u.message)).toEqual(["Noted", "Maintenance cancelled"]);
  });

  it("can work on requests", async () => {
    const caller = callerFor(t.users.member.id);
    const created = await caller.request.create({ dataspace: t.dataspace.slug, title: "From a member" });
    await caller.request.comment({ dataspace: t.dataspace.slug, requestId: created.id, text: "Noted" });
    expect((await caller.request.get({ dataspace: t.dataspace.slug, id: created.id })).comments).toHaveLength(1);
  });

  it("can create, link and unlink a request's issues", async () => {
    const caller = callerFor(t.users.member.id);
    const slug = t.dataspace.slug;
    const created = await caller.request.create({ dataspace: slug, title: "Needs an issue" });
    const pending = await caller.request.createIssue({ dataspace: slug, requestId: created.id, integrationId: t.issueSync.id });
    expect(pending).toMatchObject({ state: "PENDING", integration: { id: t.issueSync.id } });
    await caller.request.unlinkIssue({ dataspace: slug, requestId: created.id, linkId: pending.id });
    const linked = await caller.request.linkIssue({ dataspace: slug, requestId: created.id, integrationId: t.issueSync.id, reference: `#${t.linkableIssue.number}` });
    expect(linked).toMatchObject({ state: "SYNCED", key: `${t.issueSync.repository}#${t.linkableIssue.number}` });
    expect((await caller.request.issueLinks({ dataspace: slug, requestId: created.id })).links.map((l) => l.id)).toEqual([linked.id]);
  });

  it("can declare, update and resolve incidents", async () => {
    const caller = callerFor(t.users.member.id);
    const slug = t.dataspace.slug;
    const incident = await caller.incident.create({ dataspace: slug, title: "From a member", message: "Down", services: [{ serviceId: t.service.id, impact: "major_outage" }] });
    await caller.incident.addUpdate({ dataspace: slug, incidentId: incident.id, message: "Fix deployed", status: "monitoring" });
    await caller.incident.resolve({ dataspace: slug, id: incident.id });
    expect((await caller.incident.get({ dataspace: slug, id: incident.id })).updates.map((u) => u.status)).toEqual(["investigating", "monitoring", "resolved"]);
  });
});

describe("the owner role", () => {
  it("is granted and removed by owners only", async () => {
    const t = await seedTeam();
    const slug = t.dataspace.slug;
    const admin = callerFor(t.users.admin.id);
    await expect(admin.member.changeRole({ dataspace: slug, userId: t.users.member.id, role: "OWNER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(admin.member.changeRole({ dataspace: slug, userId: t.users.admin.id, role: "OWNER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(admin.member.changeRole({ dataspace: slug, userId: t.users.owner.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(admin.member.remove({ dataspace: slug, userId: t.users.owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await roleOf(t.dataspace.id, t.users.member.id)).toBe("MEMBER");
    expect(await roleOf(t.dataspace.id, t.users.owner.id)).toBe("OWNER");

    // An admin still manages non-owners.
    await admin.member.changeRole({ dataspace: slug, userId: t.users.target.id, role: "VIEWER" });
    expect(await roleOf(t.dataspace.id, t.users.target.id)).toBe("VIEWER");

    const owner = callerFor(t.users.owner.id);
    await owner.member.changeRole({ dataspace: slug, userId: t.users.admin.id, role: "OWNER" });
    expect(await roleOf(t.dataspace.id, t.users.admin.id)).toBe("OWNER");
    // The new owner may now demote the first one.
    await admin.member.changeRole({ dataspace: slug, userId: t.users.owner.id, role: "MEMBER" });
    expect(await roleOf(t.dataspace.id, t.users.owner.id)).toBe("MEMBER");
  });

  it("cannot be left, removed or demoted by the last owner", async () => {
    const t = await seedTeam();
    const slug = t.dataspace.slug;
    const owner = callerFor(t.users.owner.id);
    const attempts = {
      leave: () => owner.member.leave({ dataspace: slug }),
      removeSelf: () => owner.member.remove({ dataspace: slug, userId: t.users.owner.id }),
      demoteSelf: () => owner.member.changeRole({ dataspace: slug, userId: t.users.owner.id, role: "ADMIN" }),
      removedByAdmin: () => callerFor(t.users.admin.id).member.remove({ dataspace: slug, userId: t.users.owner.id }),
    };
    const results: Record<string, string> = {};
    for (const [name, call] of Object.entries(attempts)) results[name] = await outcome(call());
    expect(results).toEqual({ leave: "CONFLICT", removeSelf: "CONFLICT", demoteSelf: "CONFLICT", removedByAdmin: "FORBIDDEN" });
    await expect(owner.member.leave({ dataspace: slug })).rejects.toThrow(/last owner/);
    expect(await roleOf(t.dataspace.id, t.users.owner.id)).toBe("OWNER");
  });

  it("survives two owners demoting each other at the same moment", async () => {
    const t = await seedTeam();
    const slug = t.dataspace.slug;
    await callerFor(t.users.owner.id).member.changeRole({ dataspace: slug, userId: t.users.admin.id, role: "OWNER" });
    const results = await Promise.allSettled([
      callerFor(t.users.owner.id).member.changeRole({ dataspace: slug, userId: t.users.admin.id, role: "MEMBER" }),
      callerFor(t.users.admin.id).member.changeRole({ dataspace: slug, userId: t.users.owner.id, role: "MEMBER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: expect.stringMatching(/CONFLICT|FORBIDDEN/) } });
    expect(await db.membership.count({ where: { dataspaceId: t.dataspace.id, role: "OWNER" } })).toBe(1);
  });
});
