import { expect } from "vitest";
import { createApiToken } from "@/server/api-tokens/manage-api-tokens";
import { createInvitation } from "@/server/dataspaces/invitations";
import { createPipelineRule } from "@/server/ci/pipeline-rules/manage-rules";
import { createPipelineRuleInput } from "@/server/ci/pipeline-rules/rule.schema";
import { createMapping } from "@/server/metrics/custom/manage-mappings";
import { createMappingInput } from "@/server/metrics/custom/mapping.schema";
import { createCustomEventType } from "@/server/events/custom/manage-custom-event-types";
import { db } from "@/server/db/client";
import { createIncident } from "@/server/records/incidents/create-incident";
import { createIncidentInput } from "@/server/records/incidents/incident.schema";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput } from "@/server/records/deployments/deployment.schema";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createService } from "@/server/records/services/create-service";
import { createServiceInput } from "@/server/records/services/service.schema";
import { createNotificationRule } from "@/server/notifications/manage-rules";
import { createRuleInput } from "@/server/notifications/rule.schema";
import { seedGithubIssueSync, wireRecordingRuntime } from "./issue-sync-fixtures";
import { seedMaintenance } from "./maintenance-fixtures";
import { seedRun } from "@/server/runtime/runs/__fixtures__/seed-run";
import { wireTestRuntime } from "./runtime-port";
import { addMember, callerFor, seedDataspace, seedIntegration, seedRequest, seedSsoConnection, seedUser, seedWebhook, tenantFor } from "./factories";

/** The two dataspaces, B's traces and one case per procedure for the cross-tenant walk in tenancy.test.ts. */
export async function seedTwoDataspaces() {
  const ownerA = await seedUser({ name: "Owner of A" });
  const ownerB = await seedUser({ name: "Owner of B" });
  const memberB = await seedUser({ name: "Member of B" });
  const A = await seedDataspace({ owner: ownerA, name: "Alpha team" });
  const B = await seedDataspace({ owner: ownerB, name: "Bravo team" });
  await addMember(B, memberB, "MEMBER");

  const ctxA = await tenantFor(ownerA.id, A.slug);
  const ctxB = await tenantFor(ownerB.id, B.slug);
  await seedRequest(ctxA, { title: "A's own request" });
  const requestB = await seedRequest(ctxB, { title: "Bravo secret roadmap", assigneeId: memberB.id });
  const privateB = await seedRequest(ctxB, { title: "Bravo private matter", isPrivate: true });
  const commentB = await addRequestComment(ctxB, { requestId: requestB.id, text: "Bravo comment" });
  const invitationB = await createInvitation(ctxB, { role: "MEMBER", email: null, expiresInDays: 7 });
  const restrictedInvitationB = await createInvitation(ctxB, { role: "ADMIN", email: "someone@bravo.test", expiresInDays: 7 });
  const ssoB = await seedSsoConnection(B, { name: "Bravo SSO", clientSecret: "bravo-client-secret", allowedDomains: ["bravo.test"] });
  const eventsB = await db.event.findMany({ where: { dataspaceId: B.id }, select: { id: true } });
  expect(eventsB.length).toBeGreaterThanOrEqual(3);
  // Runs live in the embedded runtime's tables; an instance admin sees only instance-wide ones.
  process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1";
  wireTestRuntime();
  wireRecordingRuntime();
  const runB = await seedRun(B, { title: "Bravo run" });
  await seedRun(A);
  await seedRun(null);
  const webhookB = await seedWebhook(ctxB, { url: "https://hooks.bravo.test/in", failed: 2 });
  // A minute of B's deliveries in its metrics.
  await db.metricBucket.create({
    data: { dataspaceId: B.id, name: "webhooks.deliveries.succeeded", series: `endpoint=${webhookB.endpoint.id}`, resolution: "minute", at: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 600_000), count: 3, sum: 3, tags: { endpoint: webhookB.endpoint.id } },
  });
  const replayB = await db.webhookReplay.create({ data: { dataspaceId: B.id, endpointId: webhookB.endpoint.id, since: new Date(0), total: 1 } });
  await seedWebhook(ctxA, { failed: 1 });
  const integrationB = await seedIntegration(ctxB, { name: "Bravo repo", webhookSecret: "bravo-webhook-secret-value" });
  const webhookEventB = await db.webhookEvent.create({
    data: { dataspaceId: B.id, integrationId: integrationB.integration.id, eventType: "push", providerDeliveryId: "bravo-delivery", headers: {}, body: "{}", status: "FAILED", error: "Bravo failure", queuedAt: null },
  });
  await seedIntegration(ctxA);
  // Inbound only (no apiKey): its outbound procedures answer B's owner without calling Statuspage.
  const datadogB = await seedIntegration(ctxB, {
    type: "DATADOG",
    name: "Bravo Datadog",
    config: { webhookSecret: "bravo-datadog-secret-0001", apiKey: "bravo-datadog-api-key-0001", forwardMetrics: "all", forwardAlerts: true },
  });
  const statuspageB = await seedIntegration(ctxB, { type: "STATUSPAGE", name: "Bravo status page", config: { pageId: "bravo0000001", webhookSecret: "bravo-statuspage-secret-01" } });
  // Issue sync against the GitHub fake: B's request has an issue; its private one has none, for "Link existing issue".
  const issueSyncB = await seedGithubIssueSync(ctxB, { name: "Bravo issue tracker", repository: "bravo-org/tracker" });
  const issueLinkB = await issueSyncB.linkRequest(requestB.id, "Bravo linked issue");
  const linkableIssueB = issueSyncB.openIssue("Bravo issue to link");
  const slackB = await seedIntegration(ctxB, { type: "SLACK", name: "Bravo Slack", config: { botToken: "xoxb-9999-8888-bravobottoken" } });
  const bravoRule = (name: string) => createNotificationRule(ctxB, createRuleInput.parse({ name, channel: "EMAIL", eventTypes: ["alert.*"], destination: { to: ["bravo-oncall@bravo.test"] } }));
  const ruleB = await bravoRule("Bravo pager rule");
  const doomedRuleB = await bravoRule("Bravo doomed rule");
  const apiTokenB = await createApiToken(ctxB, { name: "Bravo deploy token", scopes: ["admin"] });
  await createApiToken(ctxA, { name: "Alpha token", scopes: ["read"] });
  const mappingB = await createMapping(ctxB, createMappingInput.parse({ name: "bravo.launches", description: "Bravo launch metric", events: ["request.*"], kind: "counter" }));
  const eventTypeB = await createCustomEventType(ctxB, { name: "custom.bravo_launch", description: "Bravo launch countdown", schema: { type: "object" } });
  await createCustomEventType(ctxA, { name: "custom.alpha_launch", description: "", schema: { type: "object" } });
  const serviceB = await createService(ctxB, createServiceInput.parse({ name: "Bravo checkout", description: "Bravo payments backend", group: "Bravo group", ownerId: memberB.id }));
  const incidentB = await createIncident(ctxB, createIncidentInput.parse({
    title: "Bravo outage in progress", message: "Bravo is looking into it", services: [{ serviceId: serviceB.id, impact: "major_outage" }], requestId: requestB.id,
  }));
  const serviceA = await createService(ctxA, createServiceInput.parse({ name: "Alpha checkout" }));
  const maintenanceB = await seedMaintenance(ctxB, { title: "Bravo database upgrade", serviceIds: [serviceB.id] });
  const doomedMaintenanceB = await seedMaintenance(ctxB, { title: "Bravo doomed window" });
  const runningMaintenanceB = await seedMaintenance(ctxB, { title: "Bravo window in progress", started: true });
  await seedMaintenance(ctxA, { title: "Alpha window" });

  const pipelineRuleB = await createPipelineRule(ctxB, createPipelineRuleInput.parse({ name: "Bravo smoke tests", integrationId: integrationB.id, events: ["deployment.*"], workflow: "smoke.yml", ref: '"main"' }));
  const deploymentB = await createDeployment(ctxB, createDeploymentInput.parse({ serviceId: serviceB.id, environment: "bravo-staging", ref: "bravo-branch" }));
  await createDeployment(ctxA, createDeploymentInput.parse({ serviceId: serviceA.id, environment: "production" }));

  const { alert: alertB } = await raiseAlert(ctxB, raiseAlertInput.parse({ title: "Bravo disk full", fingerprint: "bravo-fingerprint", serviceId: serviceB.id, payload: { bravo: "alert payload" } }));
  const { alert: alertForIncidentB } = await raiseAlert(ctxB, raiseAlertInput.parse({ title: "Bravo latency climbing", fingerprint: "bravo-latency-fingerprint" }));
  const { alert: alertToResolveB } = await raiseAlert(ctxB, raiseAlertInput.parse({ title: "Bravo queue lag", fingerprint: "bravo-queue-fingerprint" }));
  await raiseAlert(ctxA, raiseAlertInput.parse({ title: "Alpha's own alert" }));
  const instanceAdmin = await seedUser({ name: "Instance admin" });
  await db.user.update({ where: { id: instanceAdmin.id }, data: { isInstanceAdmin: true } });

  return { ownerA, ownerB, memberB, A, B, requestB, privateB, commentB, invitationB, restrictedInvitationB, ssoB, eventB: eventsB[0], runB, instanceAdmin, webhookB, deliveryB: webhookB.deliveries[0], replayB, integrationB, webhookEventB, apiTokenB, eventTypeB, serviceB, alertB, incidentB, maintenanceB, doomedMaintenanceB, runningMaintenanceB, statuspageB, datadogB, mappingB, pipelineRuleB, deploymentB, alertToResolveB, alertForIncidentB, issueSyncB, issueLinkB, linkableIssueB, slackB, ruleB, doomedRuleB };
}

export type Fixture = Awaited<ReturnType<typeof seedTwoDataspaces>>;

/** Strings that identify B or its rows; none may appear in anything A gets back. */
export function traceOfB(f: Fixture): string[] {
  return [
    f.B.id,
    f.B.slug,
    f.B.name,
    f.ownerB.id,
    f.ownerB.email,
    f.memberB.id,
    f.memberB.email,
    f.requestB.id,
    f.requestB.title,
    f.privateB.id,
    f.commentB.id,
    f.commentB.text,
    f.invitationB.id,
    f.restrictedInvitationB.id,
    f.eventB.id,
    f.ssoB.id,
    f.ssoB.name,
    "bravo-client-secret",
    f.runB.id,
    "Bravo run",
    f.webhookB.endpoint.id,
    "hooks.bravo.test",
    f.webhookB.secret,
    f.deliveryB.id,
    f.replayB.id,
    f.integrationB.integration.id,
    "Bravo repo",
    "bravo-webhook-secret-value",
    f.integrationB.token,
    f.webhookEventB.id,
    "Bravo failure",
    f.apiTokenB.apiToken.id,
    f.apiTokenB.apiToken.prefix,
    "Bravo deploy token",
    f.apiTokenB.token,
    f.eventTypeB.id,
    "custom.bravo_launch",
    "Bravo launch countdown",
    f.serviceB.id,
    "Bravo checkout",
    "Bravo payments backend",
    "Bravo group",
    f.alertB.id,
    f.alertForIncidentB.id,
    "Bravo latency climbing",
    f.incidentB.id,
    "Bravo outage in progress",
    "Bravo is looking into it",
    f.maintenanceB.id,
    "Bravo database upgrade",
    f.doomedMaintenanceB.id,
    f.runningMaintenanceB.id,
    "Bravo window in progress",
    f.statuspageB.id,
    f.datadogB.id,
    f.mappingB.id,
    f.pipelineRuleB.id,
    "Bravo smoke tests",
    "Bravo launch metric",
    "Bravo status page",
    "bravo-statuspage-secret-01",
    f.deploymentB.id,
    "bravo-staging",
    "bravo-branch",
    "Bravo billing service",
    f.incidentB.id,
    "Bravo outage",
    f.alertB.id,
    "Bravo disk full",
    "bravo-fingerprint",
    "alert payload",
    f.alertToResolveB.id,
    "bravo-queue-fingerprint",
    f.issueSyncB.id,
    "Bravo issue tracker",
    "bravo-org/tracker",
    f.issueSyncB.webhookSecret,
    f.issueLinkB.id,
    "Bravo linked issue",
    f.slackB.id,
    "Bravo Slack",
    f.ruleB.uuid,
    "Bravo pager rule",
    "bravo-oncall@bravo.test",
    f.doomedRuleB.uuid,
  ];
}

export function expectNoTraceOfB(result: unknown, f: Fixture) {
  const text = JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
  for (const trace of traceOfB(f)) expect(text, `response leaks "${trace}" of dataspace B`).not.toContain(trace);
}

export type DataspaceCase = {
  scope: "dataspace";
  /** The procedure's input besides `dataspace`, naming B's rows wherever the procedure takes ids. */
  input: (f: Fixture) => Record<string, unknown>;
  /**
   * What the owner of A gets when calling with A's own slug and B's ids. "OK" results are
   * checked for any trace of B. `null` (with a reason) when the procedure takes no ids at all
   * and would only act on A, so only the non-member call applies.
   */
  asOwnerOfA: "OK" | "NOT_FOUND" | "FORBIDDEN" | "BAD_REQUEST" | "CONFLICT" | { notApplicable: string };
};

export type InstanceCase = {
  scope: "instance";
  /** Why this procedure may run without a dataspace. */
  why: string;
  check: (f: Fixture) => Promise<void>;
};

export const CASES: Record<string, DataspaceCase | InstanceCase> = {
  "dataspace.mine": {
    scope: "instance",
    why: "lists the caller's own memberships only",
    check: async (f) => {
      const mine = await callerFor(f.ownerA.id).dataspace.mine();
      expect(mine.map((d) => d.slug)).toContain(f.A.slug);
      expectNoTraceOfB(mine, f);
    },
  },
  "dataspace.create": {
    scope: "instance",
    why: "creates a new dataspace owned by the caller; it cannot take over an existing slug",
    check: async (f) => {
      const taken = callerFor(f.ownerA.id).dataspace.create({ name: "Hijack", slug: f.B.slug });
      await expect(taken).rejects.toMatchObject({ code: "CONFLICT" });
      const created = await callerFor(f.ownerA.id).dataspace.create({ name: "Alpha two" });
      expectNoTraceOfB(created, f);
    },
  },
  "dataspace.current": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "dataspace.rename": { scope: "dataspace", input: () => ({ name: "Alpha renamed" }), asOwnerOfA: "OK" },
  "member.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "member.changeRole": {
    scope: "dataspace",
    input: (f) => ({ userId: f.memberB.id, role: "ADMIN" }),
    asOwnerOfA: "NOT_FOUND",
  },
  "member.remove": { scope: "dataspace", input: (f) => ({ userId: f.memberB.id }), asOwnerOfA: "NOT_FOUND" },
  "member.leave": {
    scope: "dataspace",
    input: () => ({}),
    asOwnerOfA: { notApplicable: "takes no ids: it only ever removes the caller from the named dataspace" },
  },
  "invitation.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "invitation.create": { scope: "dataspace", input: () => ({ role: "VIEWER" }), asOwnerOfA: "OK" },
  "invitation.revoke": { scope: "dataspace", input: (f) => ({ id: f.invitationB.id }), asOwnerOfA: "NOT_FOUND" },
  "invitation.preview": {
    scope: "instance",
    why: "the link's token is the capability; a preview shows only what the invitee needs to decide",
    check: async (f) => {
      const caller = callerFor(f.ownerA.id);
      await expect(caller.invitation.preview({ token: "sbi_not-a-real-token" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const preview = await caller.invitation.preview({ token: f.restrictedInvitationB.token });
      expect(Object.keys(preview).sort()).toEqual(["dataspace", "email", "expiresAt", "role", "state"]);
      expect(Object.keys(preview.dataspace).sort()).toEqual(["name", "slug"]);
    },
  },
  "invitation.accept": {
    scope: "instance",
    why: "joins by token; tokens for someone else's email or unknown tokens get nothing",
    check: async (f) => {
      const caller = callerFor(f.ownerA.id);
      await expect(caller.invitation.accept({ token: "sbi_not-a-real-token" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.invitation.accept({ token: f.restrictedInvitationB.token })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    },
  },
  "request.list": { scope: "dataspace", input: (f) => ({ requesterId: f.ownerB.id }), asOwnerOfA: "OK" },
  "request.get": { scope: "dataspace", input: (f) => ({ id: f.requestB.id }), asOwnerOfA: "NOT_FOUND" },
  "request.create": {
    scope: "dataspace",
    input: (f) => ({ title: "Assigned across tenants", assigneeId: f.memberB.id }),
    asOwnerOfA: "BAD_REQUEST",
  },
  "request.update": {
    scope: "dataspace",
    input: (f) => ({ id: f.requestB.id, patch: { title: "Hijacked" } }),
    asOwnerOfA: "NOT_FOUND",
  },
  "request.close": { scope: "dataspace", input: (f) => ({ id: f.privateB.id }), asOwnerOfA: "NOT_FOUND" },
  "request.comment": {
    scope: "dataspace",
    input: (f) => ({ requestId: f.requestB.id, text: "Hello from A" }),
    asOwnerOfA: "NOT_FOUND",
  },
  "request.issueLinks": { scope: "dataspace", input: (f) => ({ requestId: f.requestB.id }), asOwnerOfA: "NOT_FOUND" },
  // B's owner: the request already has its issue, so this finds the link (and asks for a push).
  "request.createIssue": { scope: "dataspace", input: (f) => ({ requestId: f.requestB.id, integrationId: f.issueSyncB.id }), asOwnerOfA: "NOT_FOUND" },
  "request.linkIssue": {
    scope: "dataspace",
    input: (f) => ({ requestId: f.privateB.id, integrationId: f.issueSyncB.id, reference: `#${f.linkableIssueB.number}` }),
    asOwnerOfA: "NOT_FOUND",
  },
  "request.unlinkIssue": { scope: "dataspace", input: (f) => ({ requestId: f.requestB.id, linkId: f.issueLinkB.id }), asOwnerOfA: "NOT_FOUND" },
  "service.list": { scope: "dataspace", input: () => ({ group: "Bravo group" }), asOwnerOfA: "OK" },
  "service.get": { scope: "dataspace", input: (f) => ({ id: f.serviceB.id }), asOwnerOfA: "NOT_FOUND" },
  // An owner from B is not a member of A.
  "service.create": { scope: "dataspace", input: (f) => ({ name: "Owned across tenants", ownerId: f.memberB.id }), asOwnerOfA: "BAD_REQUEST" },
  "service.update": { scope: "dataspace", input: (f) => ({ id: f.serviceB.id, patch: { name: "Hijacked", description: "Hijacked" } }), asOwnerOfA: "NOT_FOUND" },
  "service.setStatus": { scope: "dataspace", input: (f) => ({ id: f.serviceB.id, status: "major_outage" }), asOwnerOfA: "NOT_FOUND" },
  "service.delete": { scope: "dataspace", input: (f) => ({ id: f.serviceB.id }), asOwnerOfA: "NOT_FOUND" },
  "incident.list": { scope: "dataspace", input: (f) => ({ serviceId: f.serviceB.id, status: ["open"] }), asOwnerOfA: "OK" },
  "incident.get": { scope: "dataspace", input: (f) => ({ id: f.incidentB.id }), asOwnerOfA: "NOT_FOUND" },
  "incident.create": {
    scope: "dataspace",
    // B's service, request and alert named from A: refused as unknown, nothing of B moves.
    input: (f) => ({
      title: "Declared across tenants",
      message: "Taking B's service down",
      services: [{ serviceId: f.serviceB.id, impact: "major_outage" }],
      requestId: f.requestB.id,
      alertIds: [f.alertB.id],
    }),
    asOwnerOfA: "BAD_REQUEST",
  },
  "incident.update": {
    scope: "dataspace",
    input: (f) => ({ id: f.incidentB.id, patch: { title: "Hijacked", services: [] } }),
    asOwnerOfA: "NOT_FOUND",
  },
  "incident.addUpdate": {
    scope: "dataspace",
    input: (f) => ({ incidentId: f.incidentB.id, message: "Posted from A", status: "monitoring" }),
    asOwnerOfA: "NOT_FOUND",
  },
  "incident.resolve": { scope: "dataspace", input: (f) => ({ id: f.incidentB.id }), asOwnerOfA: "NOT_FOUND" },
  "incident.createIssue": { scope: "dataspace", input: (f) => ({ id: f.incidentB.id, integrationId: f.issueSyncB.id }), asOwnerOfA: "NOT_FOUND" },
  "service.options": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "maintenance.list": { scope: "dataspace", input: (f) => ({ serviceId: f.serviceB.id }), asOwnerOfA: "OK" },
  "maintenance.get": { scope: "dataspace", input: (f) => ({ id: f.maintenanceB.id }), asOwnerOfA: "NOT_FOUND" },
  "maintenance.schedule": {
    scope: "dataspace",
    // B's service named in A's window: unknown in A.
    input: (f) => ({ title: "Hold B's checkout", scheduledStart: new Date(Date.now() + 3_600_000), scheduledEnd: new Date(Date.now() + 7_200_000), serviceIds: [f.serviceB.id] }),
    asOwnerOfA: "BAD_REQUEST",
  },
  "maintenance.update": {
    scope: "dataspace",
    input: (f) => ({ id: f.maintenanceB.id, patch: { title: "Hijacked", scheduledStart: new Date(Date.now() + 60_000) } }),
    asOwnerOfA: "NOT_FOUND",
  },
  "maintenance.addUpdate": { scope: "dataspace", input: (f) => ({ maintenanceId: f.maintenanceB.id, message: "Hello from A" }), asOwnerOfA: "NOT_FOUND" },
  "maintenance.complete": { scope: "dataspace", input: (f) => ({ id: f.runningMaintenanceB.id }), asOwnerOfA: "NOT_FOUND" },
  "maintenance.cancel": { scope: "dataspace", input: (f) => ({ id: f.doomedMaintenanceB.id }), asOwnerOfA: "NOT_FOUND" },
  "deployment.list": { scope: "dataspace", input: (f) => ({ serviceId: f.serviceB.id, environment: "bravo-staging" }), asOwnerOfA: "OK" },
  "deployment.get": { scope: "dataspace", input: (f) => ({ id: f.deploymentB.id }), asOwnerOfA: "NOT_FOUND" },
  "deployment.facets": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "deployment.create": {
    scope: "dataspace",
    input: (f) => ({ serviceId: f.serviceB.id, environment: "production" }),
    asOwnerOfA: "BAD_REQUEST",
  },
  "deployment.setStatus": { scope: "dataspace", input: (f) => ({ id: f.deploymentB.id, status: "in_progress" }), asOwnerOfA: "NOT_FOUND" },
  "alert.list": { scope: "dataspace", input: (f) => ({ serviceId: f.serviceB.id }), asOwnerOfA: "OK" },
  "alert.get": { scope: "dataspace", input: (f) => ({ id: f.alertB.id }), asOwnerOfA: "NOT_FOUND" },
  // The same fingerprint in A is A's own alert; B's service is not A's to name.
  "alert.raise": { scope: "dataspace", input: (f) => ({ title: "Raised across", fingerprint: "bravo-fingerprint", serviceId: f.serviceB.id }), asOwnerOfA: "BAD_REQUEST" },
  "alert.acknowledge": { scope: "dataspace", input: (f) => ({ id: f.alertB.id }), asOwnerOfA: "NOT_FOUND" },
  "alert.resolve": { scope: "dataspace", input: (f) => ({ fingerprint: "bravo-queue-fingerprint" }), asOwnerOfA: "NOT_FOUND" },
  "alert.link": { scope: "dataspace", input: (f) => ({ id: f.alertB.id, incidentId: f.incidentB.id }), asOwnerOfA: "NOT_FOUND" },
  "alert.createRequest": { scope: "dataspace", input: (f) => ({ id: f.alertB.id }), asOwnerOfA: "NOT_FOUND" },
  "alert.createIncident": { scope: "dataspace", input: (f) => ({ id: f.alertForIncidentB.id }), asOwnerOfA: "NOT_FOUND" },
  "alert.createIssue": { scope: "dataspace", input: (f) => ({ id: f.alertB.id, integrationId: f.issueSyncB.id }), asOwnerOfA: "NOT_FOUND" },
  "event.list": { scope: "dataspace", input: () => ({ type: "request.added" }), asOwnerOfA: "OK" },
  "event.get": { scope: "dataspace", input: (f) => ({ id: f.eventB.id }), asOwnerOfA: "NOT_FOUND" },
  "sso.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "sso.create": {
    scope: "dataspace",
    // Domains are claimed instance-wide: A cannot route B's people through its own provider.
    input: () => ({
      name: "Alpha SSO",
      issuer: "https://login.alpha.test",
      clientId: "alpha",
      clientSecret: "alpha-secret",
      allowedDomains: ["bravo.test"],
    }),
    asOwnerOfA: "CONFLICT",
  },
  "sso.checkDomain": { scope: "dataspace", input: (f) => ({ id: f.ssoB.domainClaims[0].id }), asOwnerOfA: "NOT_FOUND" },
  "sso.update": {
    scope: "dataspace",
    input: (f) => ({ id: f.ssoB.id, name: "Hijacked SSO", allowedDomains: ["alpha.test"] }),
    asOwnerOfA: "NOT_FOUND",
  },
  "sso.delete": { scope: "dataspace", input: (f) => ({ id: f.ssoB.id }), asOwnerOfA: "NOT_FOUND" },
  "sso.domainClaims.list": {
    scope: "instance",
    why: "every dataspace's domain claims, for instance admins only: a dataspace owner gets FORBIDDEN",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).sso.domainClaims.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      const all = await callerFor(f.instanceAdmin.id).sso.domainClaims.list();
      expect(all.map((c) => c.domain)).toContain("bravo.test");
    },
  },
  "sso.domainClaims.approve": {
    scope: "instance",
    why: "an instance admin vouches for a claim; a dataspace owner cannot approve anyone's, B's included",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).sso.domainClaims.approve({ id: f.ssoB.domainClaims[0].id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    },
  },
  "sso.domainClaims.revoke": {
    scope: "instance",
    why: "an instance admin frees a domain; a dataspace owner cannot revoke anyone's, B's included",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).sso.domainClaims.revoke({ id: f.ssoB.domainClaims[0].id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    },
  },
  "run.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "run.get": { scope: "dataspace", input: (f) => ({ id: f.runB.id }), asOwnerOfA: "NOT_FOUND" },
  "run.cancel": { scope: "dataspace", input: (f) => ({ id: f.runB.id }), asOwnerOfA: "NOT_FOUND" },
  "run.rerun": { scope: "dataspace", input: (f) => ({ id: f.runB.id }), asOwnerOfA: "NOT_FOUND" },
  "run.instance.list": {
    scope: "instance",
    why: "instance-wide runs (no dataspace) for instance admins only; no dataspace's runs among them",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).run.instance.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
      const page = await callerFor(f.instanceAdmin.id).run.instance.list({});
      expect(page.external === false && page.items.length).toBe(1);
      expectNoTraceOfB(page, f);
    },
  },
  "run.instance.get": {
    scope: "instance",
    why: "an instance admin reads instance-wide runs, not a dataspace's",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).run.instance.get({ id: f.runB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(f.instanceAdmin.id).run.instance.get({ id: f.runB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    },
  },
  "run.instance.cancel": {
    scope: "instance",
    why: "an instance admin cancels instance-wide runs, not a dataspace's",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).run.instance.cancel({ id: f.runB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(f.instanceAdmin.id).run.instance.cancel({ id: f.runB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    },
  },
  "run.instance.rerun": {
    scope: "instance",
    why: "an instance admin reruns instance-wide runs, not a dataspace's",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).run.instance.rerun({ id: f.runB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(f.instanceAdmin.id).run.instance.rerun({ id: f.runB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    },
  },
  "webhook.eventTypes": {
    scope: "instance",
    why: "static list of the event types a webhook can subscribe to; holds no dataspace data",
    check: async (f) => expectNoTraceOfB(await callerFor(f.ownerA.id).webhook.eventTypes(), f),
  },
  "notification.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "metric.read": {
    scope: "dataspace",
    input: (f) => ({ name: "webhooks.deliveries.succeeded", from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString(), tags: { endpoint: f.webhookB.endpoint.id } }),
    asOwnerOfA: "OK",
  },
  "metric.overview": { scope: "dataspace", input: () => ({ range: "1h" }), asOwnerOfA: "OK" },
  "ci.rules": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "ci.rule": { scope: "dataspace", input: (f) => ({ id: f.pipelineRuleB.id }), asOwnerOfA: "NOT_FOUND" },
  "ci.createRule": { scope: "dataspace", input: (f) => ({ name: "Alpha rule on B's repo", integrationId: f.integrationB.id, events: ["deployment.*"], workflow: "x.yml", ref: '"main"' }), asOwnerOfA: "BAD_REQUEST" },
  "ci.updateRule": { scope: "dataspace", input: (f) => ({ id: f.pipelineRuleB.id, patch: { ref: '"hijacked"' } }), asOwnerOfA: "NOT_FOUND" },
  "ci.deleteRule": { scope: "dataspace", input: (f) => ({ id: f.pipelineRuleB.id }), asOwnerOfA: "NOT_FOUND" },
  "ci.runs": { scope: "dataspace", input: (f) => ({ ruleId: f.pipelineRuleB.id }), asOwnerOfA: "OK" },
  "ci.deploymentLinks": { scope: "dataspace", input: (f) => ({ deploymentId: f.deploymentB.id }), asOwnerOfA: "NOT_FOUND" },
  "metric.definitions": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "metric.mappings": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "metric.mapping": { scope: "dataspace", input: (f) => ({ id: f.mappingB.id }), asOwnerOfA: "NOT_FOUND" },
  "metric.createMapping": { scope: "dataspace", input: () => ({ name: "alpha.requests", events: ["request.*"], kind: "counter" }), asOwnerOfA: "OK" },
  "metric.updateMapping": { scope: "dataspace", input: (f) => ({ id: f.mappingB.id, patch: { value: "2" } }), asOwnerOfA: "NOT_FOUND" },
  "metric.deleteMapping": { scope: "dataspace", input: (f) => ({ id: f.mappingB.id }), asOwnerOfA: "NOT_FOUND" },
  "metric.tryMapping": { scope: "dataspace", input: () => ({ mapping: { name: "alpha.tried", events: ["request.*"], kind: "counter" }, event: { type: "request.added", data: {} } }), asOwnerOfA: "OK" },
  "notification.get": { scope: "dataspace", input: (f) => ({ id: f.ruleB.uuid }), asOwnerOfA: "NOT_FOUND" },
  // A rule in A sending through B's Slack integration: no such integration in A.
  "notification.create": {
    scope: "dataspace",
    input: (f) => ({ name: "Through B's Slack", channel: "SLACK", eventTypes: ["alert.*"], integrationId: f.slackB.id }),
    asOwnerOfA: "BAD_REQUEST",
  },
  "notification.update": { scope: "dataspace", input: (f) => ({ id: f.ruleB.uuid, changes: { destination: { to: ["alpha@alpha.test"] } } }), asOwnerOfA: "NOT_FOUND" },
  "notification.delete": { scope: "dataspace", input: (f) => ({ id: f.doomedRuleB.uuid }), asOwnerOfA: "NOT_FOUND" },
  "notification.sendTest": { scope: "dataspace", input: (f) => ({ id: f.ruleB.uuid }), asOwnerOfA: "NOT_FOUND" },
  "notification.messages": { scope: "dataspace", input: (f) => ({ id: f.ruleB.uuid }), asOwnerOfA: "NOT_FOUND" },
  "webhook.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "webhook.get": { scope: "dataspace", input: (f) => ({ id: f.webhookB.endpoint.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.create": { scope: "dataspace", input: () => ({ url: "https://alpha.example.test/hook", eventTypes: ["*"] }), asOwnerOfA: "OK" },
  "webhook.update": {
    scope: "dataspace",
    input: (f) => ({ id: f.webhookB.endpoint.id, patch: { url: "https://evil.example.test/steal" } }),
    asOwnerOfA: "NOT_FOUND",
  },
  "webhook.delete": { scope: "dataspace", input: (f) => ({ id: f.webhookB.endpoint.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.setActive": { scope: "dataspace", input: (f) => ({ id: f.webhookB.endpoint.id, isActive: false }), asOwnerOfA: "NOT_FOUND" },
  "webhook.rotateSecret": { scope: "dataspace", input: (f) => ({ id: f.webhookB.endpoint.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.sendTest": { scope: "dataspace", input: (f) => ({ id: f.webhookB.endpoint.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.deliveries": { scope: "dataspace", input: (f) => ({ endpointId: f.webhookB.endpoint.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.delivery": { scope: "dataspace", input: (f) => ({ id: f.deliveryB.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.retryDelivery": { scope: "dataspace", input: (f) => ({ id: f.deliveryB.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.replayFailed": {
    scope: "dataspace",
    input: (f) => ({ endpointId: f.webhookB.endpoint.id, since: new Date(0) }),
    asOwnerOfA: "NOT_FOUND",
  },
  "webhook.replay": { scope: "dataspace", input: (f) => ({ id: f.replayB.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.latestReplay": { scope: "dataspace", input: (f) => ({ id: f.webhookB.endpoint.id }), asOwnerOfA: "NOT_FOUND" },
  "webhook.settings": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "webhook.updateSettings": { scope: "dataspace", input: () => ({ allowHttp: true }), asOwnerOfA: "OK" },
  "integration.types": {
    scope: "instance",
    why: "static list of the integration types and their secret fields; holds no dataspace data",
    check: async (f) => expectNoTraceOfB(await callerFor(f.ownerA.id).integration.types(), f),
  },
  "integration.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "integration.get": { scope: "dataspace", input: (f) => ({ id: f.integrationB.integration.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.create": {
    scope: "dataspace",
    input: () => ({ type: "GITHUB", name: "Alpha repo", config: { repository: "alpha/app", webhookSecret: "alpha-secret-0123456789" } }),
    asOwnerOfA: "OK",
  },
  "integration.update": {
    scope: "dataspace",
    input: (f) => ({ id: f.integrationB.integration.id, patch: { name: "Hijacked", isActive: false } }),
    asOwnerOfA: "NOT_FOUND",
  },
  "integration.delete": { scope: "dataspace", input: (f) => ({ id: f.integrationB.integration.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.rotateInboundUrl": { scope: "dataspace", input: (f) => ({ id: f.integrationB.integration.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.setupInstructions": { scope: "dataspace", input: (f) => ({ id: f.integrationB.integration.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.events": { scope: "dataspace", input: (f) => ({ integrationId: f.integrationB.integration.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.event": { scope: "dataspace", input: (f) => ({ id: f.webhookEventB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.replayEvent": { scope: "dataspace", input: (f) => ({ id: f.webhookEventB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.statuspageTestConnection": { scope: "dataspace", input: (f) => ({ id: f.statuspageB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.statuspageComponents": { scope: "dataspace", input: (f) => ({ id: f.statuspageB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.telemetry": { scope: "dataspace", input: (f) => ({ id: f.datadogB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.testTelemetry": { scope: "dataspace", input: (f) => ({ id: f.datadogB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.statuspageReconcile": { scope: "dataspace", input: (f) => ({ id: f.statuspageB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.issueSyncStatus": { scope: "dataspace", input: (f) => ({ id: f.issueSyncB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.issueSyncTestConnection": { scope: "dataspace", input: (f) => ({ id: f.issueSyncB.id }), asOwnerOfA: "NOT_FOUND" },
  "integration.issueSyncBackfill": { scope: "dataspace", input: (f) => ({ id: f.issueSyncB.id }), asOwnerOfA: "NOT_FOUND" },
  "apiToken.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "apiToken.create": { scope: "dataspace", input: () => ({ name: "Alpha automation", scopes: ["requests:write"] }), asOwnerOfA: "OK" },
  "apiToken.revoke": { scope: "dataspace", input: (f) => ({ id: f.apiTokenB.apiToken.id }), asOwnerOfA: "NOT_FOUND" },
  "eventType.list": { scope: "dataspace", input: () => ({}), asOwnerOfA: "OK" },
  "eventType.create": { scope: "dataspace", input: () => ({ name: "custom.alpha_deploy", schema: { type: "object" } }), asOwnerOfA: "OK" },
  "eventType.update": { scope: "dataspace", input: (f) => ({ id: f.eventTypeB.id, patch: { description: "Hijacked" } }), asOwnerOfA: "NOT_FOUND" },
  "eventType.delete": { scope: "dataspace", input: (f) => ({ id: f.eventTypeB.id }), asOwnerOfA: "NOT_FOUND" },
  "event.catalog": {
    scope: "instance",
    why: "static description of the built-in event types; holds no dataspace data",
    check: async (f) => {
      expectNoTraceOfB(await callerFor(f.ownerA.id).event.catalog(), f);
    },
  },
  "account.me": {
    scope: "instance",
    why: "the caller's own account only",
    check: async (f) => {
      const me = await callerFor(f.ownerA.id).account.me();
      expect(me.email).toBe(f.ownerA.email);
      expectNoTraceOfB(me, f);
    },
  },
  "account.updateProfile": {
    scope: "instance",
    why: "renames the caller's own account; it takes no user id",
    check: async (f) => {
      const updated = await callerFor(f.ownerA.id).account.updateProfile({ name: "Owner of A, renamed" });
      expect(updated.email).toBe(f.ownerA.email);
      const memberB = await db.user.findUniqueOrThrow({ where: { id: f.memberB.id }, select: { name: true } });
      expect(memberB.name).toBe(f.memberB.name);
    },
  },
  "userAdmin.list": {
    scope: "instance",
    why: "instance admins manage every account; anyone else, a dataspace owner included, is refused",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).userAdmin.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
      const users = await callerFor(f.instanceAdmin.id).userAdmin.list({ query: f.memberB.email });
      expect(users.map((u) => u.id)).toEqual([f.memberB.id]);
      expect(JSON.stringify(users)).not.toContain("scrypt");
    },
  },
  "userAdmin.createResetLink": {
    scope: "instance",
    why: "only an instance admin creates reset links; a dataspace owner cannot take over its members' accounts",
    check: async (f) => {
      await expect(callerFor(f.ownerA.id).userAdmin.createResetLink({ userId: f.memberB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(f.ownerB.id).userAdmin.createResetLink({ userId: f.memberB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.passwordReset.count({ where: { userId: f.memberB.id } })).toBe(0);
    },
  },
};
