import { createHmac, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { IntegrationType } from "@/generated/prisma/enums";
import { generateWebhookSecret } from "@/server/webhooks/rules/signing";
import { githubExample } from "./integration-fixtures";

/**
 * For every provider, a real delivery as that sender makes it, correctly signed: a config to
 * create the integration with, a payload that passes the provider's schema with a sender-chosen
 * string (`text`) in its summary field — and, where the sender names the event in the payload, in
 * its event type when `hostileType` is set — and the headers (and query) it signs with. For
 * property tests over the receiver; nothing here imports a test runner.
 */
export type SenderDelivery = { body: string; headers: Record<string, string>; query?: string };
export type Sender = {
  type: IntegrationType;
  config: Record<string, unknown>;
  deliver(input: { text: string; hostileType?: string; extra: Record<string, unknown> }): SenderDelivery;
};

const hex = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest("hex");
const json = (body: string, headers: Record<string, string>): SenderDelivery => ({ body, headers: { "content-type": "application/json", ...headers } });

export function senders(): Sender[] {
  const github = githubExample("issues", "opened") as { repository: { full_name: string }; issue: Record<string, unknown> };
  const githubSecret = `gh-${randomBytes(12).toString("hex")}`;
  const gitlabToken = `gl-${randomBytes(12).toString("hex")}`;
  const forgejoSecret = `fj-${randomBytes(12).toString("hex")}`;
  const jiraSecret = `jira-${randomBytes(12).toString("hex")}`;
  const slackSecret = `slack-${randomBytes(12).toString("hex")}`;
  const teamsKey = randomBytes(32).toString("base64");
  const genericSecret = `generic-${randomBytes(12).toString("hex")}`;
  const standardSecret = generateWebhookSecret();
  const srht = generateKeyPairSync("ed25519");
  const srhtPublic = Buffer.from(srht.publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64");

  return [
    {
      type: "GITHUB",
      config: { repository: github.repository.full_name, webhookSecret: githubSecret },
      deliver: ({ text, extra }) => {
        const body = JSON.stringify({ ...extra, ...github, issue: { ...github.issue, title: text } });
        return json(body, { "x-github-event": "issues", "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${hex(githubSecret, body)}` });
      },
    },
    {
      type: "GITLAB",
      config: { projectId: "gitlabhq/gitlab-test", webhookToken: gitlabToken },
      deliver: ({ text, extra }) => {
        const body = JSON.stringify({
          ...extra,
          object_kind: "merge_request",
          event_type: "merge_request",
          user: { id: 1, name: "Administrator", username: "root" },
          project: { id: 1, name: "Gitlab Test", path_with_namespace: "gitlabhq/gitlab-test", web_url: "http://example.com/gitlabhq/gitlab-test" },
          object_attributes: { id: 99, iid: 1, title: text, state: "opened", action: "open", url: "http://example.com/mr/1", source_branch: "a", target_branch: "main" },
          labels: [],
          changes: {},
        });
        return json(body, { "x-gitlab-event": "Merge Request Hook", "x-gitlab-token": gitlabToken, "x-gitlab-event-uuid": randomUUID() });
      },
    },
    {
      type: "FORGEJO",
      config: { baseUrl: "https://codeberg.org", repository: "acme/widgets", webhookSecret: forgejoSecret },
      deliver: ({ text, extra }) => {
        const body = JSON.stringify({
          ...extra,
          action: "opened",
          number: 7,
          pull_request: { id: 101, number: 7, title: text, html_url: "https://codeberg.org/acme/widgets/pulls/7", state: "open" },
          repository: { id: 5, full_name: "acme/widgets", html_url: "https://codeberg.org/acme/widgets" },
          sender: { id: 2, login: "alice" },
        });
        return json(body, { "x-forgejo-event": "pull_request", "x-forgejo-delivery": randomUUID(), "x-forgejo-signature": hex(forgejoSecret, body) });
      },
    },
    {
      type: "JIRA",
      config: { baseUrl: "https://acme.atlassian.net", webhookSecret: jiraSecret, projectKey: "OPS" },
      deliver: ({ text, hostileType, extra }) => {
        const body = JSON.stringify({
          ...extra,
          timestamp: 1763900000000,
          webhookEvent: hostileType ?? "jira:issue_updated",
          issue_event_type_name: "issue_generic",
          user: { accountId: "5b10a2844c20165700ede21g", displayName: "Mia Krystof" },
          issue: { id: "10002", self: "https://acme.atlassian.net/rest/api/2/issue/10002", key: "OPS-42", fields: { summary: text, project: { key: "OPS", name: "Operations" } } },
        });
        return json(body, { "x-hub-signature": `sha256=${hex(jiraSecret, body)}`, "x-atlassian-webhook-identifier": randomUUID() });
      },
    },
    {
      type: "SLACK",
      config: { signingSecret: slackSecret },
      deliver: ({ text, hostileType, extra }) => {
        const event = { type: hostileType ?? "message", channel: "C123ABC456", user: "U123ABC456", text, ts: "1763899200.000200", channel_type: "channel" };
        const body = JSON.stringify({ ...extra, token: "x", team_id: "T123ABC456", api_app_id: "A1", event, type: "event_callback", event_id: `Ev${randomBytes(6).toString("hex")}`, event_time: 1 });
        const timestamp = String(Math.floor(Date.now() / 1000));
        return json(body, { "x-slack-request-timestamp": timestamp, "x-slack-signature": `v0=${hex(slackSecret, `v0:${timestamp}:${body}`)}` });
      },
    },
    {
      type: "SLACK",
      config: { signingSecret: slackSecret },
      // A slash command: a form post.
      deliver: ({ text }) => {
        const body = new URLSearchParams({ command: "/deploy", text, team_id: "T1", channel_id: "C1", user_id: "U1", trigger_id: `1.${randomBytes(6).toString("hex")}`, response_url: "https://hooks.slack.com/commands/1/2" }).toString();
        const timestamp = String(Math.floor(Date.now() / 1000));
        return { body, headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": `v0=${hex(slackSecret, `v0:${timestamp}:${body}`)}` } };
      },
    },
    {
      type: "MS_TEAMS",
      config: { hmacSecret: teamsKey },
      deliver: ({ text, extra }) => {
        const body = JSON.stringify({ ...extra, type: "message", id: randomUUID(), timestamp: "2026-11-23T21:10:08.873Z", serviceUrl: "https://smba.trafficmanager.net/x/", channelId: "msteams", from: { id: "29:1", name: "Tim" }, conversation: { id: "19:1@thread.skype" }, text });
        return json(body, { authorization: `HMAC ${createHmac("sha256", Buffer.from(teamsKey, "base64")).update(body).digest("base64")}` });
      },
    },
    {
      type: "DATADOG",
      config: { webhookSecret: genericSecret },
      deliver: ({ text, hostileType, extra }) => {
        const body = JSON.stringify({ ...extra, id: randomUUID(), title: text, event_type: hostileType ?? "query_alert_monitor", body: "x", date: "1763899200000", alert_id: "1", alert_transition: "Triggered", alert_status: "Alert", link: "https://app.datadoghq.com/e", priority: "normal", hostname: "web-1", tags: "env:prod" });
        return json(body, { authorization: `Bearer ${genericSecret}` });
      },
    },
    {
      type: "NEW_RELIC",
      config: { webhookSecret: genericSecret },
      deliver: ({ text, extra }) => {
        const body = JSON.stringify({ ...extra, id: randomUUID(), issueUrl: "https://radar-api.service.newrelic.com/i", title: text, priority: "CRITICAL", impactedEntities: ["svc"], totalIncidents: 1, state: "ACTIVATED", trigger: "STATE_CHANGE", isCorrelated: false, createdAt: 1763899200000, updatedAt: 1763899260000, sources: ["newrelic"], alertPolicyNames: ["P"], alertConditionNames: ["C"], workflowName: "W" });
        return json(body, { "x-signature-256": `sha256=${hex(genericSecret, body)}` });
      },
    },
    {
      type: "STATUSPAGE",
      config: { pageId: "j2mfxwj97wnj", webhookSecret: genericSecret },
      deliver: ({ text, extra }) => {
        const body = JSON.stringify({
          ...extra,
          meta: { unsubscribe: "http://x/?unsubscribe=1", documentation: "https://doers.statuspage.io/" },
          page: { id: "j2mfxwj97wnj", status_indicator: "major", status_description: "Partial System Outage" },
          incident: { id: randomBytes(6).toString("hex"), name: text, status: "identified", impact: "major", shortlink: "http://stspg.dev/Q0E", created_at: "2026-11-23T10:00:00.000Z", updated_at: "2026-11-23T10:05:00.000Z", incident_updates: [{ id: randomBytes(6).toString("hex"), status: "identified", body: text, created_at: "2026-11-23T10:05:00.000Z" }] },
        });
        return { ...json(body, {}), query: `?secret=${genericSecret}` };
      },
    },
    {
      type: "SOURCEHUT",
      config: { baseUrl: "https://git.example.org", repository: "~alice/widgets", publicKey: srhtPublic },
      deliver: ({ text, extra }) => {
        const webhook = { uuid: randomUUID(), event: "GIT_POST_RECEIVE", date: "2026-11-23T10:00:00Z", repository: { name: "widgets", owner: { canonicalName: "~alice" } }, pusher: { canonicalName: text } };
        const body = JSON.stringify({ ...extra, data: { webhook } });
        const nonce = randomBytes(8).toString("hex");
        return json(body, { "x-payload-signature": sign(null, Buffer.concat([Buffer.from(body), Buffer.from(nonce)]), srht.privateKey).toString("base64"), "x-payload-nonce": nonce });
      },
    },
    {
      type: "WEBHOOK",
      config: { signingSecret: standardSecret },
      deliver: ({ text, hostileType, extra }) => {
        const body = JSON.stringify({ ...extra, type: hostileType ?? "invoice.paid", data: { note: text } });
        const id = `msg_${randomBytes(8).toString("hex")}`;
        const at = new Date();
        return json(body, { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(standardSecret).sign(id, at, body) });
      },
    },
  ];
}
