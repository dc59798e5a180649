import { deliverNotifications } from "@/server/notifications/deliver";
import { createNotificationRule } from "@/server/notifications/manage-rules";
import { createRuleInput } from "@/server/notifications/rule.schema";
import { Ajv2020 } from "ajv/dist/2020";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addIncidentUpdate, resolveIncident } from "@/server/records/incidents/add-incident-update";
import { createIncident } from "@/server/records/incidents/create-incident";
import { createIncidentInput } from "@/server/records/incidents/incident.schema";
import { addMaintenanceUpdate } from "@/server/records/maintenances/add-maintenance-update";
import { completeMaintenanceNow } from "@/server/records/maintenances/complete-maintenance";
import { startMaintenance } from "@/server/records/maintenances/maintenance-transitions";
import { scheduleMaintenanceInput, updateMaintenanceInput } from "@/server/records/maintenances/maintenance.schema";
import { scheduleMaintenance } from "@/server/records/maintenances/schedule-maintenance";
import { updateMaintenance } from "@/server/records/maintenances/update-maintenance";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput, setDeploymentStatusInput } from "@/server/records/deployments/deployment.schema";
import { setDeploymentStatus } from "@/server/records/deployments/set-deployment-status";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { acknowledgeAlert, resolveAlert } from "@/server/records/alerts/alert-status";
import { linkAlert } from "@/server/records/alerts/link-alert";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { updateRequestInput } from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";
import { createService } from "@/server/records/services/create-service";
import { deleteService } from "@/server/records/services/delete-service";
import { createServiceInput, updateServiceInput } from "@/server/records/services/service.schema";
import { setServiceStatus } from "@/server/records/services/service-status";
import { updateService } from "@/server/records/services/update-service";
import { recordEndpointHealth } from "@/server/webhooks/deliveries/endpoint-health";
import { WEBHOOK_SETTINGS_DEFAULTS } from "@/server/webhooks/settings/webhook-settings";
import { recordFailure } from "@/server/issue-sync/link-state";
import { addMember, callerFor, seedDataspace, seedIntegration, seedRequest, seedUser, seedWebhook, tenantFor } from "../../../test/factories";
import { EVENT_TYPES, eventCatalogJsonSchema, type EventType } from "./catalog";

/**
 * The catalog's JSON Schemas are what webhook consumers code against, so real payloads must
 * validate against them with a real JSON Schema validator (Ajv, draft 2020-12), not just zod.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validatorFor(type: EventType) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat("uuid", UUID);
  return ajv.compile(eventCatalogJsonSchema()[type].schema as object);
}

describe("event catalog", () => {
  const published: Partial<Record<EventType, unknown>> = {};

  beforeAll(async () => {
    const owner = await seedUser();
    const member = await seedUser();
    const space = await seedDataspace({ owner, name: "Catalog team" });
    await addMember(space, member, "MEMBER");
    const ctx = await tenantFor(owner.id, space.slug);
    const request = await seedRequest(ctx, {
      title: "Exercise every event",
      assigneeId: member.id,
      serializedData: { "Need By Date": "2026-12-01", Points: 3, Blocking: true, Note: null },
      ccEmails: ["cc@example.test"],
    });
    await addRequestComment(ctx, { requestId: request.id, text: "First!" });
    await updateRequest(ctx, updateRequestInput.parse({ id: request.id, patch: { status: "in_progress", assigneeId: null } }));
    // One more failed attempt trips the circuit breaker: a pause, and (failing for a day) a disable.
    const settings = WEBHOOK_SETTINGS_DEFAULTS;
    for (const failingHours of [1, settings.disableAfterHours + 1]) {
      const { endpoint } = await seedWebhook(ctx);
      const failingSince = new Date(Date.now() - failingHours * 3_600_000);
      const row = await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: settings.pauseAfterFailures - 1, failingSince } });
      await ctx.db.$transaction((tx) => recordEndpointHealth(tx, row, { succeeded: false, error: "HTTP 500" }, settings, new Date()));
    }
    const service = await createService(ctx, createServiceInput.parse({ name: "Checkout API", group: "API", ownerId: member.id, description: "Takes payments" }));
    await updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { name: "Checkout", group: null, ownerId: null } }));
    await ctx.db.$transaction((tx) => setServiceStatus(tx, ctx.dataspace, service.id, "partial_outage", { type: "manual", uuid: null }, owner.id));
    const alert = await ctx.db.alert.create({ data: { dataspaceId: space.id, source: "api", title: "Checkout 5xx", fingerprint: "checkout-5xx", openFingerprint: "checkout-5xx" } });
    const incident = await createIncident(
      ctx,
      createIncidentInput.parse({
        title: "Checkout errors",
        severity: "major",
        message: "Investigating errors at checkout",
        services: [{ serviceId: service.id, impact: "major_outage" }],
        requestId: request.id,
        alertIds: [alert.id],
      }),
    );
    await addIncidentUpdate(ctx, { incidentId: incident.id, message: "Found a bad deploy", status: "identified" });
    await resolveIncident(ctx, { id: incident.id, message: "Rolled back" });
    // A maintenance window's whole life: scheduled, rescheduled, an update, started by the runtime, completed by hand.
    const soon = Date.now() + 3_600_000;
    const window = await scheduleMaintenance(ctx, scheduleMaintenanceInput.parse({ title: "Upgrade", scheduledStart: new Date(soon), scheduledEnd: new Date(soon + 3_600_000), serviceIds: [service.id] }));
    const moved = await updateMaintenance(ctx, updateMaintenanceInput.parse({ id: window.id, patch: { scheduledEnd: new Date(soon + 7_200_000) } }));
    await addMaintenanceUpdate(ctx, { maintenanceId: window.id, message: "On schedule" });
    const run = { dataspaceId: space.id, maintenanceId: window.id, scheduledStart: moved.scheduledStart.toISOString(), scheduledEnd: moved.scheduledEnd.toISOString() };
    await startMaintenance(run, moved.scheduledStart);
    await completeMaintenanceNow(ctx, { id: window.id });
    const deployment = await createDeployment(ctx, createDeploymentInput.parse({ serviceId: service.id, environment: "production", ref: "main", sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", version: "2.4.1", url: "https://checkout.example.test" }));
    await setDeploymentStatus(ctx, setDeploymentStatusInput.parse({ id: deployment.id, status: "in_progress" }));
    // An alert with every field filled: a service, a payload, links, acknowledged, then resolved.
    const { alert: raised } = await raiseAlert(ctx, raiseAlertInput.parse({ title: "Checkout 5xx above 2%", description: "From the catalog test", severity: "critical", serviceId: service.id, payload: { monitor: { id: 1234, tags: ["env:prod"] } } }));
    await linkAlert(ctx, { id: raised.id, incidentId: incident.id, requestId: request.id });
    await acknowledgeAlert(ctx, { id: raised.id });
    await resolveAlert(ctx, { id: raised.id });
    await deleteService(ctx, service.id);
    // A notification rule whose message cannot go anywhere (no member has the role it mails) turns failing.
    const rule = await createNotificationRule(ctx, createRuleInput.parse({ name: "Mail the viewers", channel: "EMAIL", eventTypes: ["incident.*"], destination: { roles: ["VIEWER"] } }));
    const message = await db.notificationMessage.create({ data: { dataspaceId: space.id, ruleId: rule.uuid, eventType: "test", queuedAt: null, content: { eventType: "test", title: "t", text: "", facts: [], url: null, tone: "info", subject: null } } });
    await deliverNotifications({ dataspaceId: space.id, messages: [{ id: message.id, dispatch: 0 }] });
    // A request's issue that GitHub refuses for good.
    const github = await seedIntegration(ctx, { name: "GitHub octo/app" });
    const link = await db.issueLink.create({ data: { dataspaceId: space.id, integrationId: github.id, requestId: request.id } });
    await recordFailure({ dataspaceId: space.id, integrationId: github.id, linkId: link.id }, new Error("GitHub refused the new issue (422: Validation Failed)"), true);
    for (const event of await db.event.findMany({ where: { dataspaceId: space.id }, orderBy: { seq: "asc" } })) {
      published[event.type as EventType] ??= event.data;
    }
  });

  it("exports a JSON Schema for every event type", () => {
    const exported = eventCatalogJsonSchema();
    expect(Object.keys(exported).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const { description, schema } = exported[type];
      expect(description, type).toMatch(/\w/);
      expect(schema, type).toMatchObject({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        properties: expect.any(Object),
        required: expect.arrayContaining(["uuid"]),
      });
      expect(() => validatorFor(type), `${type} compiles`).not.toThrow();
    }
  });

  it("is served as such through the API", async () => {
    const user = await seedUser();
    expect(await callerFor(user.id).event.catalog()).toEqual(eventCatalogJsonSchema());
  });

  it.each(EVENT_TYPES)("validates a real %s payload against its exported JSON Schema", (type) => {
    const payload = published[type];
    expect(payload, `no ${type} event was published`).toBeDefined();
    const validate = validatorFor(type);
    expect(validate(payload) ? [] : validate.errors).toEqual([]);
  });

  it("rejects payloads that break the contract (the validator is not a rubber stamp)", () => {
    const validate = validatorFor("request.added");
    const payload = published["request.added"] as Record<string, unknown>;
    const { title: _title, ...withoutTitle } = payload;
    expect(validate(withoutTitle)).toBe(false);
    expect(validate({ ...payload, uuid: "not-a-uuid" })).toBe(false);
    expect(validate({ ...payload, status: "someday" })).toBe(false);
    expect(validate({ ...payload, surprise: 1 })).toBe(false);
    expect(validatorFor("request.updated")(payload)).toBe(false); // `changes` is required there
  });
});
