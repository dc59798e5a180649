import { z } from "zod";
import {
  createNotificationRule,
  deleteNotificationRule,
  getNotificationRule,
  listNotificationMessages,
  listNotificationRules,
  sendTestNotification,
  updateNotificationRule,
} from "@/server/notifications/manage-rules";
import { createRuleInput, MEMBER_ROLES, updateRuleInput } from "@/server/notifications/rule.schema";
import type { SerializedMessage, SerializedRule } from "@/server/notifications/serialize";
import { defineRoute } from "../route";
import { pageQuery, uuid, uuidParams } from "../schemas";

/**
 * Notification rules over REST: which events become Slack, Microsoft Teams or email messages,
 * and the log of what each rule sent — the same domain functions as the dashboard
 * (src/server/notifications/).
 */

const ADMINS = "Changing rules takes the `notifications:admin` scope (or `admin`) and a token made by an admin: rules send the dataspace's events outside.";
const ruleUrl = (id: string) => `/api/v1/notification-rules/${id}`;

const destinationObject = z
  .object({
    channel: z.string().optional().meta({ description: 'Slack with a bot token: the channel, `"#ops"` or an id like `"C0123456789"`; default: the integration\'s `channel`' }),
    to: z.array(z.string()).optional().meta({ description: "Email: addresses to mail (up to 50)" }),
    roles: z.array(z.enum(MEMBER_ROLES)).optional().meta({ description: "Email: also mail the dataspace's members with these roles, e.g. `[\"ADMIN\", \"OWNER\"]`" }),
  })
  .meta({ id: "NotificationDestination", description: "Where messages go, by channel: Slack `{channel}`, email `{to, roles}`, Teams `{}` (the integration's Workflows URL)" });

const templateObject = z
  .object({
    title: z.string().meta({ description: "One line, with `{{ data.… }}` and `{{ event.… }}` placeholders, e.g. `[{{ data.severity }}] {{ data.title }}`" }),
    text: z.string().optional().meta({ description: "The body, with placeholders; nothing in a template is executed" }),
  })
  .meta({ id: "NotificationTemplate" });

const quietHoursObject = z
  .object({
    start: z.string().meta({ description: '"22:00"' }),
    end: z.string().meta({ description: '"07:00"' }),
    time_zone: z.string().meta({ description: "An IANA time zone: `Europe/Paris`, `UTC`" }),
  })
  .meta({ id: "NotificationQuietHours", description: "Messages due in these hours wait until they end" });

const ruleObject = z
  .object({
    api_url: z.string(),
    uuid: z.string().uuid(),
    name: z.string(),
    is_active: z.boolean(),
    events: z.array(z.string()).meta({ description: "Event types and patterns (`alert.*`, `*`), as webhooks take them" }),
    filter: z.string().nullable().meta({ description: "A filter expression over `event` and `data`, as webhooks take it" }),
    channel: z.enum(["slack", "teams", "email"]),
    integration: z.string().uuid().nullable().meta({ description: "The Slack or Teams integration it sends through; null for email" }),
    destination: destinationObject,
    template: templateObject.nullable().meta({ description: "Its own title and text; null: the default message for each event type" }),
    quiet_hours: quietHoursObject.nullable(),
    throttle_per_minute: z.number().int().nullable().meta({ description: "At most this many messages a minute; the rest fold into one digest for the minute" }),
    state: z.enum(["active", "failing"]).meta({ description: "`failing` when its last message was refused for good (`last_error` says why); the next that goes through clears it" }),
    last_error: z.string().nullable(),
    last_error_date: z.string().nullable(),
    created_date: z.string(),
    last_modified_date: z.string(),
  })
  .meta({ id: "NotificationRule", description: "Which events become messages, where, and how many a minute" });

const messageObject = z
  .object({
    uuid: z.string().uuid(),
    event: z.string().uuid().nullable().meta({ description: "The event it is about; null for a test or a digest" }),
    event_type: z.string().meta({ description: "The event's type; `test`; `digest`" }),
    title: z.string().nullable(),
    status: z.enum(["pending", "sent", "failed", "folded"]).meta({ description: "`folded`: over the throttle, counted in its minute's digest" }),
    is_test: z.boolean(),
    is_digest: z.boolean(),
    attempts: z.number().int(),
    provider_answer: z.string().nullable().meta({ description: "What the platform answered when it took the message" }),
    provider_message_id: z.string().nullable().meta({ description: "The platform's id for it (Slack's `ts`)" }),
    last_error: z.string().nullable().meta({ description: "The platform's words about the last failure" }),
    next_attempt_date: z.string().nullable().meta({ description: "ISO 8601: when a pending message is due (a retry, the end of quiet hours)" }),
    completed_date: z.string().nullable(),
    created_date: z.string(),
  })
  .meta({ id: "NotificationMessage", description: "One message of a rule and how its sending went" });

const ruleBody = {
  name: z.string(),
  is_active: z.boolean(),
  events: z.array(z.string()),
  filter: z.string().nullable(),
  channel: z.enum(["slack", "teams", "email"]),
  integration: uuid.nullable(),
  destination: destinationObject,
  template: templateObject.nullable(),
  quiet_hours: quietHoursObject.nullable(),
  throttle_per_minute: z.number().int().nullable(),
};
const createBody = z.strictObject({ ...ruleBody, is_active: ruleBody.is_active.optional(), filter: ruleBody.filter.optional(), integration: ruleBody.integration.optional(), destination: destinationObject.optional(), template: ruleBody.template.optional(), quiet_hours: ruleBody.quiet_hours.optional(), throttle_per_minute: ruleBody.throttle_per_minute.optional() }).meta({ id: "NotificationRuleCreate" });
const updateBody = z.strictObject(ruleBody).partial().meta({ id: "NotificationRuleUpdate" });
type Body = z.infer<typeof updateBody>;

/** Domain field → API field, for errors. */
const fieldNames = { isActive: "is_active", eventTypes: "events", integrationId: "integration", quietHours: "quiet_hours", throttlePerMinute: "throttle_per_minute" };

/** The API's names onto the domain's; keys left out stay out (a PATCH). */
function domainInput(body: Body) {
  const defined = <T>(value: T | undefined, map: (v: T) => unknown) => (value === undefined ? undefined : map(value));
  return Object.fromEntries(
    Object.entries({
      name: body.name,
      isActive: body.is_active,
      eventTypes: body.events,
      filter: body.filter,
      channel: defined(body.channel, (c) => c.toUpperCase()),
      integrationId: body.integration,
      destination: body.destination,
      template: body.template,
      quietHours: defined(body.quiet_hours, (q) => q && { start: q.start, end: q.end, timeZone: q.time_zone }),
      throttlePerMinute: body.throttle_per_minute,
    }).filter(([, value]) => value !== undefined),
  );
}

const ruleObjectOf = (rule: SerializedRule): z.infer<typeof ruleObject> => ({
  api_url: ruleUrl(rule.uuid),
  ...rule,
  destination: rule.destination as z.infer<typeof destinationObject>,
  quiet_hours: rule.quiet_hours && { start: rule.quiet_hours.start, end: rule.quiet_hours.end, time_zone: rule.quiet_hours.timeZone },
});
const messageObjectOf = ({ rule: _rule, ...message }: SerializedMessage): z.infer<typeof messageObject> => message;

export const notificationRuleRoutes = [
  defineRoute({
    method: "GET",
    path: "/notification-rules",
    operationId: "listNotificationRules",
    tag: "Notifications",
    summary: "List notification rules",
    description: "Oldest first.",
    scope: { resource: "notifications", level: "read" },
    kind: "list",
    query: z.object(pageQuery),
    response: ruleObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listNotificationRules(tenant, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map(ruleObjectOf), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/notification-rules",
    operationId: "createNotificationRule",
    tag: "Notifications",
    summary: "Create a notification rule",
    description: `Slack and Teams rules name their integration; email rules need SMTP set up by the operator. ${ADMINS}`,
    scope: { resource: "notifications", level: "admin" },
    kind: "object",
    status: 201,
    body: createBody,
    response: ruleObject,
    fieldNames,
    errors: [400, 413, 415, 422],
    handle: async ({ tenant, body }) => ruleObjectOf(await createNotificationRule(tenant, createRuleInput.parse(domainInput(body)))),
  }),
  defineRoute({
    method: "GET",
    path: "/notification-rules/{uuid}",
    operationId: "getNotificationRule",
    tag: "Notifications",
    summary: "Get a notification rule",
    scope: { resource: "notifications", level: "read" },
    kind: "object",
    params: uuidParams,
    response: ruleObject,
    errors: [404],
    handle: async ({ tenant, params }) => ruleObjectOf(await getNotificationRule(tenant, params.uuid)),
  }),
  defineRoute({
    method: "PATCH",
    path: "/notification-rules/{uuid}",
    operationId: "updateNotificationRule",
    tag: "Notifications",
    summary: "Change a notification rule",
    description: `Fields left out keep their values; \`If-Match\` with the rule's ETag refuses a change to a rule changed meanwhile. ${ADMINS}`,
    scope: { resource: "notifications", level: "admin" },
    kind: "object",
    params: uuidParams,
    body: updateBody,
    response: ruleObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) =>
      ruleObjectOf(await updateNotificationRule(tenant, params.uuid, updateRuleInput.parse(domainInput(body)), { precondition: (current) => ifMatch(ruleObjectOf(current)) })),
  }),
  defineRoute({
    method: "DELETE",
    path: "/notification-rules/{uuid}",
    operationId: "deleteNotificationRule",
    tag: "Notifications",
    summary: "Delete a notification rule",
    description: `Its message log goes with it. ${ADMINS}`,
    scope: { resource: "notifications", level: "admin" },
    kind: "empty",
    params: uuidParams,
    response: z.undefined(),
    errors: [404],
    handle: async ({ tenant, params }) => deleteNotificationRule(tenant, params.uuid),
  }),
  defineRoute({
    method: "POST",
    path: "/notification-rules/{uuid}/test",
    operationId: "testNotificationRule",
    tag: "Notifications",
    summary: "Send a test notification",
    description: `A message saying it is a test goes out now through the rule's channel; follow it in the rule's messages (\`is_test\`). A failed test does not mark the rule failing. ${ADMINS}`,
    scope: { resource: "notifications", level: "admin" },
    kind: "object",
    status: 202,
    params: uuidParams,
    response: messageObject,
    errors: [404],
    handle: async ({ tenant, params }) => messageObjectOf(await sendTestNotification(tenant, params.uuid)),
  }),
  defineRoute({
    method: "GET",
    path: "/notification-rules/{uuid}/messages",
    operationId: "listNotificationMessages",
    tag: "Notifications",
    summary: "List a rule's messages",
    description: "Newest first: each message's status, attempts and what the platform answered.",
    scope: { resource: "notifications", level: "read" },
    kind: "list",
    params: uuidParams,
    query: z.object({ ...pageQuery, status: z.enum(["pending", "sent", "failed", "folded"]).optional() }),
    response: messageObject,
    errors: [400, 404, 422],
    handle: async ({ tenant, params, query }) => {
      const page = await listNotificationMessages(tenant, params.uuid, { limit: query.limit, cursor: query.cursor, status: query.status?.toUpperCase() as "SENT" | undefined });
      return { items: page.items.map(messageObjectOf), nextCursor: page.nextCursor };
    },
  }),
];
