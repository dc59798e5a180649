import { randomInt } from "node:crypto";

/**
 * Monitor notifications as Datadog and New Relic send them, for the alert tests. Neither vendor
 * publishes a fixed payload — both render a template the user keeps — so each fixture is the
 * template Switchboard's setup steps give, rendered with the example values the vendor documents.
 * Nothing here imports a test runner.
 */

/**
 * Datadog: src/server/integrations/datadog/payloads.ts's DATADOG_PAYLOAD_TEMPLATE, rendered with
 * the examples of the variables table of https://docs.datadoghq.com/integrations/webhooks/
 * (read 2026-12): $AGGREG_KEY `9bd4ac313a4d1e8fae2482df7b77628`, $ALERT_ID `1234`, $ALERT_TITLE
 * `[Triggered on {host:ip-012345}] Host is Down`, $ALERT_STATUS `system.load.1 over host:my-host
 * was > 0 at least once during the last 1m`, $ALERT_PRIORITY `P1`, $ALERT_TYPE `error`,
 * $ALERT_SCOPE `availability-zone:us-east-1a, role:computing-node`, $DATE `1406662672000`,
 * $EVENT_MSG `@webhook-url Sending to the webhook` (Markdown in %%% fences as monitors send it),
 * $ALERT_TRANSITION one of Recovered, Triggered/Re-Triggered, No Data/Re-No Data, Warn/Re-Warn,
 * Renotify. $ID (the notification's event id) differs per notification, as Datadog's does.
 */
export function datadogNotification(transition: "Triggered" | "Re-Triggered" | "Renotify" | "Warn" | "No Data" | "Recovered", overrides: Record<string, unknown> = {}) {
  const prefix = transition === "Renotify" ? "Triggered" : transition;
  const type = transition === "Recovered" ? "success" : transition === "Warn" || transition === "No Data" ? "warning" : "error";
  return {
    id: String(7425983468963215476n + BigInt(randomInt(1, 2 ** 40))),
    title: `[${prefix}] [Host is Down]`,
    event_type: "query_alert_monitor",
    body: "%%%\n@webhook-url Sending to the webhook\n%%%",
    date: "1406662672000",
    aggreg_key: "9bd4ac313a4d1e8fae2482df7b77628",
    alert_id: "1234",
    alert_title: `[${prefix} on {host:ip-012345}] Host is Down`,
    alert_transition: transition,
    alert_status: "system.load.1 over host:my-host was > 0 at least once during the last 1m",
    alert_priority: "P1",
    alert_type: type,
    alert_scope: "availability-zone:us-east-1a, role:computing-node",
    link: "https://app.datadoghq.com/event/event?id=7425983468963215476",
    priority: "normal",
    hostname: "ip-012345",
    tags: "env:prod,service:checkout,role:computing-node",
    ...overrides,
  };
}

/**
 * New Relic: the default payload template of a workflow's webhook destination, rendered (the
 * fields New Relic documents for it at
 * https://docs.newrelic.com/docs/alerts/get-notified/notification-integrations/#webhook and its
 * workflow variables, read 2026-12: the issue's id, issueUrl, title, priority CRITICAL/HIGH/
 * MEDIUM/LOW, impactedEntities, totalIncidents, state CREATED/ACTIVATED/ACKNOWLEDGED/CLOSED,
 * trigger, isCorrelated, createdAt, updatedAt, sources, alertPolicyNames, alertConditionNames,
 * workflowName). One issue notifies on each state change, with a later updatedAt each time.
 */
export function newRelicNotification(state: "CREATED" | "ACTIVATED" | "ACKNOWLEDGED" | "CLOSED", overrides: Record<string, unknown> = {}) {
  return {
    id: "6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6",
    issueUrl: "https://radar-api.service.newrelic.com/accounts/1/issues/6fc8ab7e-4d1a-4e62-b2a7-f1c2a3b4c5d6?notifier=WEBHOOK",
    title: "checkout-service query result is > 0.8 for 5 minutes",
    priority: "CRITICAL",
    impactedEntities: ["checkout-service"],
    totalIncidents: 1,
    state,
    trigger: state === "ACKNOWLEDGED" ? "ACKNOWLEDGED" : state === "CLOSED" ? "INCIDENT_CLOSED" : "STATE_CHANGE",
    isCorrelated: false,
    createdAt: 1763899200000,
    updatedAt: 1763899200000 + randomInt(1, 2 ** 30),
    sources: ["newrelic"],
    alertPolicyNames: ["Checkout"],
    alertConditionNames: ["p95 latency"],
    workflowName: "Checkout on-call",
    ...overrides,
  };
}
