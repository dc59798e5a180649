import { createPipelineRule } from "@/server/ci/pipeline-rules/manage-rules";
import { createPipelineRuleInput } from "@/server/ci/pipeline-rules/rule.schema";
import { createMapping } from "@/server/metrics/custom/manage-mappings";
import { createMappingInput } from "@/server/metrics/custom/mapping.schema";
import { createCustomEventType } from "@/server/events/custom/manage-custom-event-types";
import { createIncident } from "@/server/records/incidents/create-incident";
import { createIncidentInput } from "@/server/records/incidents/incident.schema";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput } from "@/server/records/deployments/deployment.schema";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createService } from "@/server/records/services/create-service";
import { createServiceInput } from "@/server/records/services/service.schema";
import { db } from "@/server/db/client";
import { createNotificationRule } from "@/server/notifications/manage-rules";
import { createRuleInput } from "@/server/notifications/rule.schema";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedIntegration, seedRequest, seedUser, seedWebhook, tenantFor } from "../factories";
import { seedGithubIssueSync, wireRecordingRuntime } from "../issue-sync-fixtures";
import { seedMaintenance } from "../maintenance-fixtures";
import { seedRun } from "@/server/runtime/runs/__fixtures__/seed-run";

/**
 * The cross-tenant cases of the route table, run by the REST API's test (tenancy.test.ts) and the
 * GraphQL API's (test/graphql/tenancy.test.ts), whose fields are the same routes: a token of
 * dataspace B (with every scope) aims every route at dataspace A's objects. Each attempt must answer 404 (or a refusal
 * naming no A object, or a list of B's own objects only), nothing of A may appear in any answer,
 * and A's rows must be the same afterwards. A's own token then makes the same calls and
 * succeeds, so every attempt really named an object of A.
 *
 * Every route needs an entry in CASES; a new route without one fails this test.
 */
export async function seedTwoDataspaces() {
  const ownerA = await seedUser({ name: "Owner of A" });
  const memberA = await seedUser({ name: "Member of A" });
  const ownerB = await seedUser({ name: "Owner of B" });
  const A = await seedDataspace({ owner: ownerA, name: "Alpha team" });
  const B = await seedDataspace({ owner: ownerB, name: "Bravo team" });
  await addMember(A, memberA, "MEMBER");
  const ctxA = await tenantFor(ownerA.id, A.slug);
  const ctxB = await tenantFor(ownerB.id, B.slug);
  const requestA = await seedRequest(ctxA, { title: "Alpha secret roadmap", assigneeId: memberA.id });
  const privateA = await seedRequest(ctxA, { title: "Alpha private matter", isPrivate: true });
  const commentA = await addRequestComment(ctxA, { requestId: requestA.id, text: "Alpha comment" });
  const requestB = await seedRequest(ctxB, { title: "Bravo's own" });
  const eventA = await db.event.findFirstOrThrow({ where: { dataspaceId: A.id }, select: { id: true } });
  const integrationA = await seedIntegration(ctxA, { name: "Alpha GitHub", webhookSecret: "alpha-webhook-secret-0123456789" });
  const doomedIntegrationA = await seedIntegration(ctxA, { name: "Alpha doomed hook" });
  const datadogA = await seedIntegration(ctxA, { type: "DATADOG", name: "Alpha Datadog", config: { webhookSecret: "alpha-datadog-secret-0001", apiKey: "alpha-datadog-api-key-01", forwardMetrics: "all" } });
  // Receiving only: its Test connection tries nothing, so A's own call needs no network.
  const monitorA = await seedIntegration(ctxA, { type: "DATADOG", name: "Alpha monitors", config: { webhookSecret: "alpha-datadog-secret-0002" } });
  const inboundEventA = await db.webhookEvent.create({
    data: { dataspaceId: A.id, integrationId: integrationA.id, eventType: "push", headers: { "x-github-event": "push" }, body: '{"alpha":"inbound payload"}', status: "FAILED", queuedAt: null },
  });
  const doomedMemberA = await seedUser({ name: "Leaving member of A" });
  await addMember(A, doomedMemberA, "VIEWER");
  const eventTypeA = await createCustomEventType(ctxA, { name: "custom.alpha_launch", description: "Alpha launch countdown", schema: { type: "object" } });
  const pipelineRuleA = await createPipelineRule(ctxA, createPipelineRuleInput.parse({ name: "Alpha smoke", integrationId: integrationA.id, events: ["deployment.*"], workflow: "smoke.yml", ref: '"main"' }));
  const doomedPipelineRuleA = await createPipelineRule(ctxA, createPipelineRuleInput.parse({ name: "Alpha doomed", integrationId: integrationA.id, events: ["deployment.*"], workflow: "smoke.yml", ref: '"main"' }));
  const mappingA = await createMapping(ctxA, createMappingInput.parse({ name: "alpha.launches", events: ["request.*"], kind: "counter" }));
  const doomedMappingA = await createMapping(ctxA, createMappingInput.parse({ name: "alpha.doomed", events: ["request.*"], kind: "counter" }));
  const doomedEventTypeA = await createCustomEventType(ctxA, { name: "custom.alpha_doomed", description: "Alpha doomed type", schema: { type: "object" } });
  // Two failed deliveries: A's own run retries the first, then replays the second.
  const webhookA = await seedWebhook(ctxA, { url: "https://hooks.alpha.test/in", failed: 2 });
  const doomedWebhookA = await seedWebhook(ctxA, { url: "https://hooks.alpha-doomed.test/in" });
  // A minute of A's deliveries in its metrics.
  await db.metricBucket.create({
    data: { dataspaceId: A.id, name: "webhooks.deliveries.succeeded", series: `endpoint=${webhookA.endpoint.id}`, resolution: "minute", at: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 600_000), count: 3, sum: 3, tags: { endpoint: webhookA.endpoint.id } },
  });
  const webhookReplayA = await db.webhookReplay.create({ data: { dataspaceId: A.id, endpointId: webhookA.endpoint.id, since: new Date(0), total: 1 } });
  const serviceA = await createService(ctxA, createServiceInput.parse({ name: "Alpha checkout", description: "Alpha payments backend", group: "Alpha group", ownerId: memberA.id }));
  const doomedServiceA = await createService(ctxA, createServiceInput.parse({ name: "Alpha doomed service" }));
  const incidentA = await createIncident(ctxA, createIncidentInput.parse({
    title: "Alpha outage underway", message: "Alpha investigates", services: [{ serviceId: serviceA.id, impact: "partial_outage" }], requestId: requestA.id,
  }));
  await ctxB.db.service.create({ data: { dataspaceId: B.id, name: "Bravo own service" } });
  const maintenanceA = await seedMaintenance(ctxA, { title: "Alpha maintenance window", serviceIds: [serviceA.id] });
  const doomedMaintenanceA = await seedMaintenance(ctxA, { title: "Alpha doomed window" });
  const runningMaintenanceA = await seedMaintenance(ctxA, { title: "Alpha running window", started: true });
  await createService(ctxA, createServiceInput.parse({ name: "Alpha deploy target" })); // named by the deployments case (serviceA gets renamed)
  const deploymentA = await createDeployment(ctxA, createDeploymentInput.parse({ serviceId: serviceA.id, environment: "alpha-production", description: "Alpha release notes" }));
  const alertA = (await raiseAlert(ctxA, raiseAlertInput.parse({ title: "Alpha disk full", fingerprint: "alpha-fingerprint", serviceId: serviceA.id, payload: { alpha: "alert payload" } }))).alert;
  // Resolved by fingerprint in A's own run (B's attempt must not find it).
  await raiseAlert(ctxA, raiseAlertInput.parse({ title: "Alpha queue lag", fingerprint: "alpha-queue-fingerprint" }));
  const alertToResolveA = (await raiseAlert(ctxA, raiseAlertInput.parse({ title: "Alpha cache misses", fingerprint: "alpha-cache-fingerprint" }))).alert;
  const alertToAcknowledgeA = (await raiseAlert(ctxA, raiseAlertInput.parse({ title: "Alpha slow disk", fingerprint: "alpha-slow-fingerprint" }))).alert;
  await raiseAlert(ctxB, raiseAlertInput.parse({ title: "Bravo's own alert" }));
  // Issue sync against the GitHub fake (its runtime sends recorded): A's request has its issue, A's private one none yet.
  wireRecordingRuntime();
  const issueSyncA = await seedGithubIssueSync(ctxA, { name: "Alpha issue tracker", repository: "alpha-org/tracker" });
  const issueLinkA = await issueSyncA.linkRequest(requestA.id, "Alpha linked issue");
  const linkableIssueA = issueSyncA.openIssue("Alpha issue to link");
  const alphaRule = (name: string) => createNotificationRule(ctxA, createRuleInput.parse({ name, channel: "EMAIL", eventTypes: ["alert.*"], destination: { to: ["alpha-oncall@alpha.test"] } }));
  const ruleA = await alphaRule("Alpha pager rule");
  // Runs are read from the embedded runtime's tables.
  process.env.SWITCHBOARD_EMBEDDED_RUNTIME = "1";
  const runA = await seedRun(A, { title: "Alpha run payload" });
  const doomedRuleA = await alphaRule("Alpha doomed rule");
  return {
    runA,
    ruleA,
    doomedRuleA,
    issueSyncA,
    issueLinkA,
    linkableIssueA,
    deploymentA,
    alertA,
    alertToResolveA,
    alertToAcknowledgeA,
    A,
    B,
    serviceA,
    doomedServiceA,
    maintenanceA,
    doomedMaintenanceA,
    runningMaintenanceA,
    ownerA,
    memberA,
    requestA,
    privateA,
    commentA,
    requestB,
    eventA,
    integrationA,
    doomedIntegrationA,
    datadogA,
    monitorA,
    pipelineRuleA,
    doomedPipelineRuleA,
    mappingA,
    doomedMappingA,
    inboundEventA,
    doomedMemberA,
    eventTypeA,
    doomedEventTypeA,
    webhookA,
    doomedWebhookA,
    webhookReplayA,
    incidentA,
    tokenA: await seedApiToken(ctxA, ["admin"]),
    tokenB: await seedApiToken(ctxB, ["admin"]),
  };
}

export type Fixture = Awaited<ReturnType<typeof seedTwoDataspaces>>;

export function traceOfA(f: Fixture): string[] {
  return [f.A.id, f.A.slug, f.A.name, f.ownerA.id, f.ownerA.email, f.memberA.id, f.requestA.id, "Alpha secret roadmap", f.privateA.id, "Alpha private matter", f.commentA.id, "Alpha comment", f.eventA.id,
    f.integrationA.id, "Alpha GitHub", f.integrationA.token, "alpha-webhook-secret-0123456789", f.doomedIntegrationA.id, f.inboundEventA.id, "inbound payload",
    f.doomedMemberA.id, f.doomedMemberA.email,
    f.eventTypeA.id, "Alpha launch countdown", f.doomedEventTypeA.id, "Alpha doomed type",
    f.webhookA.endpoint.id, "hooks.alpha.test", f.webhookA.secret, `***${f.webhookA.secret.slice(-4)}`, ...f.webhookA.deliveries.map((d) => d.id), f.doomedWebhookA.endpoint.id, f.webhookReplayA.id,
    f.serviceA.id, "Alpha checkout", "Alpha payments backend", "Alpha group", f.doomedServiceA.id, "Alpha doomed service", f.incidentA.id, "Alpha outage underway", "Alpha investigates", f.maintenanceA.id, "Alpha maintenance window", f.doomedMaintenanceA.id, "Alpha doomed window", f.runningMaintenanceA.id, "Alpha running window", f.deploymentA.id, "alpha-production", "Alpha release notes", f.alertA.id, "Alpha disk full", "alert payload", "alpha-queue-fingerprint", f.alertToResolveA.id, f.alertToAcknowledgeA.id,
    f.issueSyncA.id, "Alpha issue tracker", "alpha-org/tracker", f.issueSyncA.webhookSecret, f.issueLinkA.id,
    f.runA.id, "Alpha run payload", f.ruleA.uuid, "Alpha pager rule", "alpha-oncall@alpha.test", f.doomedRuleA.uuid, "Alpha doomed rule"];
}

/**
 * One attempt: the path (and body) aimed at A, what B's token must get, and what A's own token
 * gets for the same call. `expect: "own"` = a 200 list holding nothing of A (or, for a creation
 * naming nothing of A, B's own 201).
 */
export type Attempt = { path: string; body?: unknown; expect: 404 | 422 | "own"; ownerGets: 200 | 201 | 202 | 204; /** What B gets for "own" when it differs from A's answer. */ bGets?: 200 | 201 };

export const CASES: Record<string, (f: Fixture) => Attempt[]> = {
  "GET /requests": (f) => [
    { path: "/requests", expect: "own", ownerGets: 200 },
    { path: `/requests?assignee=${encodeURIComponent(f.memberA.email)}`, expect: "own", ownerGets: 200 },
  ],
  "POST /requests": (f) => [{ path: "/requests", body: { title: "Assigned across", assignee: f.memberA.email }, expect: 422, ownerGets: 201 }],
  "GET /requests/{uuid}": (f) => [
    { path: `/requests/${f.requestA.id}`, expect: 404, ownerGets: 200 },
    { path: `/requests/${f.privateA.id}`, expect: 404, ownerGets: 200 },
  ],
  "PATCH /requests/{uuid}": (f) => [{ path: `/requests/${f.requestA.id}`, body: { title: "Hijacked", status: "closed" }, expect: 404, ownerGets: 200 }],
  "GET /requests/{uuid}/comments": (f) => [{ path: `/requests/${f.requestA.id}/comments`, expect: 404, ownerGets: 200 }],
  "POST /requests/{uuid}/comments": (f) => [{ path: `/requests/${f.requestA.id}/comments`, body: { text: "Injected" }, expect: 404, ownerGets: 201 }],
  "GET /requests/{uuid}/comments/{comment_uuid}": (f) => [
    { path: `/requests/${f.requestA.id}/comments/${f.commentA.id}`, expect: 404, ownerGets: 200 },
    // B's own request with A's comment id: the comment must not be found through it.
    { path: `/requests/${f.requestB.id}/comments/${f.commentA.id}`, expect: 404, ownerGets: 200 },
  ],
  "GET /incidents": (f) => [
    { path: "/incidents", expect: "own", ownerGets: 200 },
    { path: `/incidents?service=${f.serviceA.id}&status=open`, expect: "own", ownerGets: 200 },
  ],
  // A's service and request named by B: refused as unknown (422), nothing of A moves.
  "POST /incidents": (f) => [
    {
      path: "/incidents",
      body: { title: "Declared across", message: "Down", affected_services: [{ service: f.serviceA.id, impact: "major_outage" }], request: f.requestA.id },
      expect: 422,
      ownerGets: 201,
    },
  ],
  "GET /incidents/{uuid}": (f) => [{ path: `/incidents/${f.incidentA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /incidents/{uuid}": (f) => [{ path: `/incidents/${f.incidentA.id}`, body: { title: "Hijacked", affected_services: [] }, expect: 404, ownerGets: 200 }],
  "POST /incidents/{uuid}/updates": (f) => [{ path: `/incidents/${f.incidentA.id}/updates`, body: { message: "Resolved by B", status: "resolved" }, expect: 404, ownerGets: 201 }],
  "GET /events": (f) => [
    { path: "/events", expect: "own", ownerGets: 200 },
    { path: `/events?type=request.added`, expect: "own", ownerGets: 200 },
  ],
  "GET /events/{uuid}": (f) => [{ path: `/events/${f.eventA.id}`, expect: 404, ownerGets: 200 }],
  // B publishing A's type: unknown in B (the same answer as for any unregistered name).
  "POST /events": () => [{ path: "/events", body: { type: "custom.alpha_launch", data: {} }, expect: 422, ownerGets: 201 }],
  "GET /pipeline-rules": () => [{ path: "/pipeline-rules", expect: "own", ownerGets: 200 }],
  "POST /pipeline-rules": (f) => [{ path: "/pipeline-rules", body: { name: "Cross tenant", integration: f.integrationA.id, events: ["deployment.*"], workflow: "x.yml", ref: '"main"' }, expect: 422, ownerGets: 201 }],
  "GET /pipeline-rules/{uuid}": (f) => [{ path: `/pipeline-rules/${f.pipelineRuleA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /pipeline-rules/{uuid}": (f) => [{ path: `/pipeline-rules/${f.pipelineRuleA.id}`, body: { ref: '"hijacked"' }, expect: 404, ownerGets: 200 }],
  "DELETE /pipeline-rules/{uuid}": (f) => [{ path: `/pipeline-rules/${f.doomedPipelineRuleA.id}`, expect: 404, ownerGets: 204 }],
  "GET /pipeline-runs": (f) => [{ path: `/pipeline-runs?rule=${f.pipelineRuleA.id}`, expect: "own", ownerGets: 200 }],
  "GET /deployments/{uuid}/platform-links": (f) => [{ path: `/deployments/${f.deploymentA.id}/platform-links`, expect: 404, ownerGets: 200 }],
  "GET /metric-mappings": () => [{ path: "/metric-mappings", expect: "own", ownerGets: 200 }],
  "POST /metric-mappings": () => [{ path: "/metric-mappings", body: { name: "cross.tenant", events: ["request.*"], kind: "counter" }, expect: "own", ownerGets: 201 }],
  "GET /metric-mappings/{uuid}": (f) => [{ path: `/metric-mappings/${f.mappingA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /metric-mappings/{uuid}": (f) => [{ path: `/metric-mappings/${f.mappingA.id}`, body: { value: "2" }, expect: 404, ownerGets: 200 }],
  "DELETE /metric-mappings/{uuid}": (f) => [{ path: `/metric-mappings/${f.doomedMappingA.id}`, expect: 404, ownerGets: 204 }],
  "GET /event-types": () => [{ path: "/event-types", expect: "own", ownerGets: 200 }],
  "POST /event-types": () => [{ path: "/event-types", body: { name: "custom.cross_tenant", schema: { type: "object" } }, expect: "own", ownerGets: 201 }],
  "GET /event-types/{uuid}": (f) => [{ path: `/event-types/${f.eventTypeA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /event-types/{uuid}": (f) => [{ path: `/event-types/${f.eventTypeA.id}`, body: { description: "Hijacked" }, expect: 404, ownerGets: 200 }],
  "DELETE /event-types/{uuid}": (f) => [{ path: `/event-types/${f.doomedEventTypeA.id}`, expect: 404, ownerGets: 204 }],
  "GET /integration-types": () => [{ path: "/integration-types", expect: "own", ownerGets: 200 }],
  "GET /integrations": () => [{ path: "/integrations", expect: "own", ownerGets: 200 }],
  "POST /integrations": () => [
    { path: "/integrations", body: { type: "webhook", name: "Created by a token", config: { signingSecret: `whsec_${Buffer.alloc(24, 7).toString("base64")}` } }, expect: "own", ownerGets: 201 },
  ],
  "GET /integrations/{uuid}": (f) => [{ path: `/integrations/${f.integrationA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /integrations/{uuid}": (f) => [
    { path: `/integrations/${f.integrationA.id}`, body: { name: "Hijacked", config: { repository: "evil/repo", webhookSecret: "***" } }, expect: 404, ownerGets: 200 },
  ],
  "DELETE /integrations/{uuid}": (f) => [{ path: `/integrations/${f.doomedIntegrationA.id}`, expect: 404, ownerGets: 204 }],
  "GET /integrations/{uuid}/telemetry": (f) => [{ path: `/integrations/${f.datadogA.id}/telemetry`, expect: 404, ownerGets: 200 }],
  "POST /integrations/{uuid}/telemetry/test": (f) => [{ path: `/integrations/${f.monitorA.id}/telemetry/test`, expect: 404, ownerGets: 200 }],
  "POST /integrations/{uuid}/rotate-inbound-url": (f) => [{ path: `/integrations/${f.integrationA.id}/rotate-inbound-url`, expect: 404, ownerGets: 200 }],
  "GET /integrations/{uuid}/inbound-events": (f) => [
    { path: `/integrations/${f.integrationA.id}/inbound-events`, expect: 404, ownerGets: 200 },
    { path: `/integrations/${f.integrationA.id}/inbound-events?status=failed`, expect: 404, ownerGets: 200 },
  ],
  "GET /inbound-events/{uuid}": (f) => [{ path: `/inbound-events/${f.inboundEventA.id}`, expect: 404, ownerGets: 200 }],
  "POST /inbound-events/{uuid}/replay": (f) => [{ path: `/inbound-events/${f.inboundEventA.id}/replay`, expect: 404, ownerGets: 200 }],
  "GET /members": () => [{ path: "/members", expect: "own", ownerGets: 200 }],
  "GET /members/{uuid}": (f) => [
    { path: `/members/${f.memberA.id}`, expect: 404, ownerGets: 200 },
    { path: `/members/${f.ownerA.id}`, expect: 404, ownerGets: 200 },
  ],
  "PATCH /members/{uuid}": (f) => [{ path: `/members/${f.memberA.id}`, body: { role: "viewer" }, expect: 404, ownerGets: 200 }],
  "DELETE /members/{uuid}": (f) => [{ path: `/members/${f.doomedMemberA.id}`, expect: 404, ownerGets: 204 }],
  "GET /webhooks": () => [{ path: "/webhooks", expect: "own", ownerGets: 200 }],
  "POST /webhooks": () => [{ path: "/webhooks", body: { target_url: "https://hooks.cross-tenant.test/in", event_types: ["*"] }, expect: "own", ownerGets: 201 }],
  "GET /webhooks/{uuid}": (f) => [{ path: `/webhooks/${f.webhookA.endpoint.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /webhooks/{uuid}": (f) => [{ path: `/webhooks/${f.webhookA.endpoint.id}`, body: { target_url: "https://evil.example.test/steal", is_active: false }, expect: 404, ownerGets: 200 }],
  "DELETE /webhooks/{uuid}": (f) => [{ path: `/webhooks/${f.doomedWebhookA.endpoint.id}`, expect: 404, ownerGets: 204 }],
  "POST /webhooks/{uuid}/rotate-secret": (f) => [{ path: `/webhooks/${f.webhookA.endpoint.id}/rotate-secret`, body: { grace_hours: 0 }, expect: 404, ownerGets: 200 }],
  "POST /webhooks/{uuid}/test": (f) => [{ path: `/webhooks/${f.webhookA.endpoint.id}/test`, expect: 404, ownerGets: 201 }],
  "GET /webhooks/{uuid}/deliveries": (f) => [
    { path: `/webhooks/${f.webhookA.endpoint.id}/deliveries`, expect: 404, ownerGets: 200 },
    { path: `/webhooks/${f.webhookA.endpoint.id}/deliveries?status=failed`, expect: 404, ownerGets: 200 },
  ],
  "GET /webhook-deliveries/{uuid}": (f) => [{ path: `/webhook-deliveries/${f.webhookA.deliveries[0].id}`, expect: 404, ownerGets: 200 }],
  "POST /webhook-deliveries/{uuid}/retry": (f) => [{ path: `/webhook-deliveries/${f.webhookA.deliveries[0].id}/retry`, expect: 404, ownerGets: 200 }],
  "POST /webhooks/{uuid}/replays": (f) => [{ path: `/webhooks/${f.webhookA.endpoint.id}/replays`, body: { since: "1970-01-01T00:00:00Z" }, expect: 404, ownerGets: 201 }],
  "GET /services": () => [
    { path: "/services", expect: "own", ownerGets: 200 },
    { path: "/services?group=Alpha%20group", expect: "own", ownerGets: 200 },
  ],
  // B naming A's member as owner: not a member of B (the same answer as for any stranger).
  "POST /services": (f) => [{ path: "/services", body: { name: "Owned across", owner: f.memberA.email }, expect: 422, ownerGets: 201 }],
  "GET /services/{uuid}": (f) => [{ path: `/services/${f.serviceA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /services/{uuid}": (f) => [{ path: `/services/${f.serviceA.id}`, body: { name: "Hijacked", status: "major_outage" }, expect: 404, ownerGets: 200 }],
  "DELETE /services/{uuid}": (f) => [{ path: `/services/${f.doomedServiceA.id}`, expect: 404, ownerGets: 204 }],
  "GET /maintenances": (f) => [
    { path: "/maintenances", expect: "own", ownerGets: 200 },
    { path: `/maintenances?service=${f.serviceA.id}`, expect: "own", ownerGets: 200 },
  ],
  // B's window naming A's service: unknown in B.
  "POST /maintenances": (f) => [
    {
      path: "/maintenances",
      body: { title: "Hold A's checkout", scheduled_start: new Date(Date.now() + 3_600_000).toISOString(), scheduled_end: new Date(Date.now() + 7_200_000).toISOString(), services: [f.serviceA.id] },
      expect: 422,
      ownerGets: 201,
    },
  ],
  "GET /maintenances/{uuid}": (f) => [{ path: `/maintenances/${f.maintenanceA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /maintenances/{uuid}": (f) => [
    { path: `/maintenances/${f.maintenanceA.id}`, body: { title: "Hijacked", scheduled_start: new Date(Date.now() + 60_000).toISOString() }, expect: 404, ownerGets: 200 },
  ],
  "POST /maintenances/{uuid}/updates": (f) => [{ path: `/maintenances/${f.maintenanceA.id}/updates`, body: { message: "Injected" }, expect: 404, ownerGets: 201 }],
  "POST /maintenances/{uuid}/complete": (f) => [{ path: `/maintenances/${f.runningMaintenanceA.id}/complete`, body: {}, expect: 404, ownerGets: 200 }],
  "POST /maintenances/{uuid}/cancel": (f) => [{ path: `/maintenances/${f.doomedMaintenanceA.id}/cancel`, body: { message: "Not needed" }, expect: 404, ownerGets: 200 }],
  "GET /webhook-replays/{uuid}": (f) => [{ path: `/webhook-replays/${f.webhookReplayA.id}`, expect: 404, ownerGets: 200 }],
  "GET /deployments": (f) => [
    { path: "/deployments", expect: "own", ownerGets: 200 },
    { path: `/deployments?service=${f.serviceA.id}`, expect: "own", ownerGets: 200 },
    { path: "/deployments?service=Alpha%20checkout&environment=alpha-production", expect: "own", ownerGets: 200 },
  ],
  "POST /deployments": (f) => [
    // B naming A's service, by uuid or by name: no such service in B.
    { path: "/deployments", body: { environment: "production", service: f.serviceA.id }, expect: 422, ownerGets: 201 },
    { path: "/deployments", body: { environment: "production", service: "Alpha deploy target" }, expect: 422, ownerGets: 201 },
  ],
  "GET /deployments/{uuid}": (f) => [{ path: `/deployments/${f.deploymentA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /deployments/{uuid}": (f) => [{ path: `/deployments/${f.deploymentA.id}`, body: { status: "in_progress", url: "https://evil.example.test" }, expect: 404, ownerGets: 200 }],
  "GET /alerts": (f) => [
    { path: "/alerts", expect: "own", ownerGets: 200 },
    { path: `/alerts?service=${f.serviceA.id}`, expect: "own", ownerGets: 200 },
  ],
  // B raising A's fingerprint makes B's own alert; naming A's service is refused without naming it.
  "POST /alerts": (f) => [
    // B's own new alert (201); the same call with A's token counts on A's open alert (200).
    { path: "/alerts", body: { title: "Raised across", fingerprint: "alpha-fingerprint" }, expect: "own", bGets: 201, ownerGets: 200 },
    { path: "/alerts", body: { title: "Raised across", service: f.serviceA.id }, expect: 422, ownerGets: 201 },
  ],
  "POST /alerts/resolve": () => [{ path: "/alerts/resolve", body: { fingerprint: "alpha-queue-fingerprint" }, expect: 404, ownerGets: 200 }],
  "GET /alerts/{uuid}": (f) => [{ path: `/alerts/${f.alertA.id}`, expect: 404, ownerGets: 200 }],
  "PATCH /alerts/{uuid}": (f) => [{ path: `/alerts/${f.alertA.id}`, body: { incident: f.incidentA.id }, expect: 404, ownerGets: 200 }],
  "POST /alerts/{uuid}/acknowledge": (f) => [{ path: `/alerts/${f.alertToAcknowledgeA.id}/acknowledge`, expect: 404, ownerGets: 200 }],
  "POST /alerts/{uuid}/resolve": (f) => [{ path: `/alerts/${f.alertToResolveA.id}/resolve`, expect: 404, ownerGets: 200 }],
  "GET /requests/{uuid}/issue-links": (f) => [{ path: `/requests/${f.requestA.id}/issue-links`, expect: 404, ownerGets: 200 }],
  "POST /requests/{uuid}/issue-links": (f) => [
    // A's own run finds the issue its request already has.
    { path: `/requests/${f.requestA.id}/issue-links`, body: { integration: f.issueSyncA.id }, expect: 404, ownerGets: 201 },
    // B's own request through A's integration: no such integration in B.
    { path: `/requests/${f.requestB.id}/issue-links`, body: { integration: f.issueSyncA.id }, expect: 404, ownerGets: 201 },
    { path: `/requests/${f.privateA.id}/issue-links`, body: { integration: f.issueSyncA.id, reference: `#${f.linkableIssueA.number}` }, expect: 404, ownerGets: 201 },
  ],
  "GET /requests/{uuid}/issue-links/{link_uuid}": (f) => [
    { path: `/requests/${f.requestA.id}/issue-links/${f.issueLinkA.id}`, expect: 404, ownerGets: 200 },
    { path: `/requests/${f.requestB.id}/issue-links/${f.issueLinkA.id}`, expect: 404, ownerGets: 200 },
  ],
  "DELETE /requests/{uuid}/issue-links/{link_uuid}": (f) => [{ path: `/requests/${f.requestB.id}/issue-links/${f.issueLinkA.id}`, expect: 404, ownerGets: 204 }],
  "GET /integrations/{uuid}/issue-sync": (f) => [{ path: `/integrations/${f.issueSyncA.id}/issue-sync`, expect: 404, ownerGets: 200 }],
  "POST /integrations/{uuid}/issue-sync/test": (f) => [{ path: `/integrations/${f.issueSyncA.id}/issue-sync/test`, expect: 404, ownerGets: 200 }],
  "POST /integrations/{uuid}/issue-sync/backfill": (f) => [{ path: `/integrations/${f.issueSyncA.id}/issue-sync/backfill`, expect: 404, ownerGets: 202 }],
  "GET /metrics": () => [{ path: "/metrics", expect: "own", ownerGets: 200 }],
  "GET /metrics/{name}": (f) => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    return [
      { path: `/metrics/webhooks.deliveries.succeeded?from=${from}&endpoint=${f.webhookA.endpoint.id}`, expect: "own", ownerGets: 200 },
      { path: `/metrics/webhooks.deliveries.succeeded?from=${from}`, expect: "own", ownerGets: 200 },
    ];
  },
  "GET /runs": () => [
    { path: "/runs", expect: "own", ownerGets: 200 },
    { path: "/runs?status=SLEEPING&function=switchboard-seeded-sync", expect: "own", ownerGets: 200 },
  ],
  "GET /runs/{uuid}": (f) => [{ path: `/runs/${f.runA.id}`, expect: 404, ownerGets: 200 }],
  "GET /notification-rules": () => [{ path: "/notification-rules", expect: "own", ownerGets: 200 }],
  "POST /notification-rules": () => [{ path: "/notification-rules", body: { name: "Own rule", channel: "email", events: ["incident.*"], destination: { roles: ["OWNER"] } }, expect: "own", ownerGets: 201, bGets: 201 }],
  "GET /notification-rules/{uuid}": (f) => [{ path: `/notification-rules/${f.ruleA.uuid}`, expect: 404, ownerGets: 200 }],
  "PATCH /notification-rules/{uuid}": (f) => [{ path: `/notification-rules/${f.ruleA.uuid}`, body: { destination: { to: ["evil@bravo.test"] } }, expect: 404, ownerGets: 200 }],
  "DELETE /notification-rules/{uuid}": (f) => [{ path: `/notification-rules/${f.doomedRuleA.uuid}`, expect: 404, ownerGets: 204 }],
  "POST /notification-rules/{uuid}/test": (f) => [{ path: `/notification-rules/${f.ruleA.uuid}/test`, expect: 404, ownerGets: 202 }],
  "GET /notification-rules/{uuid}/messages": (f) => [{ path: `/notification-rules/${f.ruleA.uuid}/messages`, expect: 404, ownerGets: 200 }],
};

