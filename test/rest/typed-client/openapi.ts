// Generated from /api/v1/openapi.json by openapi-typescript (test/rest/openapi.test.ts). Do not edit.

export interface paths {
    "/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List requests
         * @description Requests the token may see (private ones only for their requester, assignee and admins), filtered and ordered.
         *
         *     Scope: `requests:read` (or `read`).
         */
        get: operations["listRequests"];
        put?: never;
        /**
         * Create a request
         * @description Publishes `request.added`. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `requests:write` (or `write`).
         */
        post: operations["createRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a request
         * @description With its comments. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.
         *
         *     Scope: `requests:read` (or `read`).
         */
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a request
         * @description Changes the fields sent; closing is `{"status": "closed"}` (requests are closed, not deleted). Publishes `request.updated` when something changed. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the request since.
         *
         *     Scope: `requests:write` (or `write`).
         */
        patch: operations["updateRequest"];
        trace?: never;
    };
    "/requests/{uuid}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a request's comments
         * @description Oldest first, as the conversation went.
         *
         *     Scope: `requests:read` (or `read`).
         */
        get: operations["listRequestComments"];
        put?: never;
        /**
         * Comment on a request
         * @description Publishes `request_comment.added`. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `requests:write` (or `write`).
         */
        post: operations["addRequestComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{uuid}/comments/{comment_uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a comment
         * @description Scope: `requests:read` (or `read`).
         */
        get: operations["getRequestComment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List incidents
         * @description Newest first (by declaration), filtered by status, severity or affected service.
         *
         *     Scope: `incidents:read` (or `read`).
         */
        get: operations["listIncidents"];
        put?: never;
        /**
         * Declare an incident
         * @description Publishes `incident.created`, and `service.status_changed` for each affected service the incident moves to its impact. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `incidents:write` (or `write`).
         */
        post: operations["createIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident
         * @description With its timeline (oldest first), affected services and linked alerts. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.
         *
         *     Scope: `incidents:read` (or `read`).
         */
        get: operations["getIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update an incident
         * @description Changes the title, severity or affected services (the status moves through updates). Publishes `incident.updated` with what changed, and `service.status_changed` for services that moved. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the incident since.
         *
         *     Scope: `incidents:write` (or `write`).
         */
        patch: operations["updateIncident"];
        trace?: never;
    };
    "/incidents/{uuid}/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post an update to an incident
         * @description Adds an entry to the timeline and sets the incident's status: `resolved` resolves it (publishes `incident.resolved`; its services return to operational unless another open incident or a maintenance in progress holds them), another status on a resolved incident reopens it; otherwise `incident.updated`. Answers with the incident. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `incidents:write` (or `write`).
         */
        post: operations["addIncidentUpdate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Newest first. Events carry full payloads, private requests included, so the log takes the `events:admin` scope (or `admin`) and a creator who is an admin.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        get: operations["listEvents"];
        put?: never;
        /**
         * Publish a custom event
         * @description Publishes an event of a custom type the dataspace registered (`POST /event-types`): `data` must match the type's JSON Schema, or the answer is 422 with the JSON pointer of each failing field (`/data/build/number`). The event fans out like built-in ones, to webhooks subscribed to `custom.*`, a part of it or the type. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `events:write` (or `write`).
         */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an event
         * @description Events carry full payloads, private requests included, so the log takes the `events:admin` scope (or `admin`) and a creator who is an admin.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List custom event types
         * @description By name.
         *
         *     Scope: `events:read` (or `read`).
         */
        get: operations["listEventTypes"];
        put?: never;
        /**
         * Register a custom event type
         * @description The schema is checked when registered. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        post: operations["createEventType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/event-types/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a custom event type
         * @description Scope: `events:read` (or `read`).
         */
        get: operations["getEventType"];
        put?: never;
        post?: never;
        /**
         * Delete a custom event type
         * @description It can no longer be published. Past events stay in the log; webhooks subscribed to it keep their subscription.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        delete: operations["deleteEventType"];
        options?: never;
        head?: never;
        /**
         * Update a custom event type
         * @description Events published from now on are checked against the new schema; past events keep their data. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the type since.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        patch: operations["updateEventType"];
        trace?: never;
    };
    "/integration-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List integration types
         * @description Every type with its config fields, which are secret, and a config to start from. All of them on one page.
         *
         *     Scope: `integrations:read` (or `read`).
         */
        get: operations["listIntegrationTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List integrations
         * @description Oldest first. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        get: operations["listIntegrations"];
        put?: never;
        /**
         * Create an integration
         * @description Its secrets go to the encrypted store and are never shown again; the answer has the inbound URL to give the other tool. Send an `Idempotency-Key` to retry safely. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        post: operations["createIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an integration
         * @description Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        get: operations["getIntegration"];
        put?: never;
        post?: never;
        /**
         * Delete an integration
         * @description With its secrets and received events; its inbound URL answers 404 from then on. The domain events published from it stay in the event log. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        delete: operations["deleteIntegration"];
        options?: never;
        head?: never;
        /**
         * Update an integration
         * @description Name, active flag and config. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the integration since. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        patch: operations["updateIntegration"];
        trace?: never;
    };
    "/integrations/{uuid}/rotate-inbound-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an integration's inbound URL
         * @description A new `inbound_url`; the old one answers 404 from now on, so update the sender. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        post: operations["rotateIntegrationInboundUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}/telemetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get what a Datadog or New Relic integration sends
         * @description The metrics, alerts and deployments it forwards, and how far its metrics forwarding has come (its lag). 404 for an integration of another type. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        get: operations["getIntegrationTelemetry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}/telemetry/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a Datadog or New Relic integration's keys
         * @description Tries each key its forwarding settings need against the service, with what is saved: Datadog's API key through its validate call; New Relic's license key by sending one gauge point (`<prefix>connection_test`, New Relic has no call that only checks a license key) and its User key by asking NerdGraph whose it is. `ok` is true when every check passed; each check says what the service answered. 404 for an integration of another type. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        post: operations["testIntegrationTelemetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}/inbound-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an integration's inbound events
         * @description Newest first, without their content (get one for its headers, body and log). Inbound events carry the other tool's data, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        get: operations["listInboundEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inbound-events/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an inbound event
         * @description With its headers (credentials masked), raw body and processing log. Inbound events carry the other tool's data, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        get: operations["getInboundEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inbound-events/{uuid}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay an inbound event
         * @description Processes it again, whatever became of it (a processed one publishes its domain event again; a failed one gets a fresh set of retries): it goes back to `received`. Refused (409) while it is being processed. Inbound events carry the other tool's data, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        post: operations["replayInboundEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description In the order they joined, with their role.
         *
         *     Scope: `members:read` (or `read`).
         */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a member
         * @description Scope: `members:read` (or `read`).
         */
        get: operations["getMember"];
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description They lose access at once; the API tokens they made stop working within seconds. Takes the `members:admin` scope (or `admin`) and a token made by an admin; owners are changed in the dashboard only.
         *
         *     Scope: `members:admin` (or `admin`).
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Send `If-Match` with the ETag you read to refuse the change (412) if the member changed since. Takes the `members:admin` scope (or `admin`) and a token made by an admin; owners are changed in the dashboard only.
         *
         *     Scope: `members:admin` (or `admin`).
         */
        patch: operations["changeMemberRole"];
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks
         * @description Oldest first. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook
         * @description The answer has the signing secret in clear, this once. Send an `Idempotency-Key` to retry safely (a replayed answer shows the same secret). Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook
         * @description With its health (circuit breaker state, consecutive failures). Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook
         * @description With its deliveries and their attempts; nothing more is sent to it. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Update a webhook
         * @description Changes the fields sent. `is_active: true` turns it on as the dashboard's Enable does: a paused or disabled webhook resumes and its held deliveries go out. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the webhook since. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/webhooks/{uuid}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook's signing secret
         * @description A new secret, in clear in this answer only; the old one keeps signing alongside it for `grace_hours` (send `{}` for the default 24). Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{uuid}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Queues a signed `webhook.test` delivery to this webhook only, even when it is off or paused; follow the answer's `api_url` to see how it went. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        post: operations["sendWebhookTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{uuid}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook's deliveries
         * @description Newest first, without their bodies and attempts (get one for those). Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-deliveries/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook delivery
         * @description With the body sent and every attempt: request headers (credentials masked), the receiver's status, headers and body, timing. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-deliveries/{uuid}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a webhook delivery
         * @description Sends a finished delivery (succeeded, failed or held) again: the same body and `webhook-id`, as a fresh series of attempts numbered on from the last. It answers `pending`; refused (409) while it is still being attempted. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{uuid}/replays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a webhook's failed deliveries
         * @description Sends every failed delivery of the webhook created since `since` again, as one replay whose progress `GET /webhook-replays/{uuid}` reads. 422 when there is nothing to replay. Send an `Idempotency-Key` to retry safely. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        post: operations["replayWebhookDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-replays/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a replay's progress
         * @description How many of the replayed deliveries have succeeded or failed so far. Webhooks hold signing secrets and their deliveries carry full payloads, private requests included, so this takes the `webhooks:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `webhooks:admin` (or `admin`).
         */
        get: operations["getWebhookReplay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List services
         * @description By group (A to Z, services without a group last), then by name.
         *
         *     Scope: `services:read` (or `read`).
         */
        get: operations["listServices"];
        put?: never;
        /**
         * Create a service
         * @description Publishes `service.created`. A name the dataspace already has (ignoring case) is a 409. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `services:write` (or `write`).
         */
        post: operations["createService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/services/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a service
         * @description Send `If-None-Match` with the ETag you have to get 304 when it has not changed.
         *
         *     Scope: `services:read` (or `read`).
         */
        get: operations["getService"];
        put?: never;
        post?: never;
        /**
         * Delete a service
         * @description Publishes `service.deleted`. Alerts and deployments that named it stay, without a service; it leaves the incidents and maintenance windows it was part of. Takes `services:admin` and a token made by an admin or owner.
         *
         *     Scope: `services:admin` (or `admin`).
         */
        delete: operations["deleteService"];
        options?: never;
        head?: never;
        /**
         * Update a service
         * @description Changes the fields sent. Publishes `service.updated` when the name, description, group or owner changed, and `service.status_changed` when `status` did. A name the dataspace already has is a 409. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the service since.
         *
         *     Scope: `services:write` (or `write`).
         */
        patch: operations["updateService"];
        trace?: never;
    };
    "/maintenances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List maintenance windows
         * @description Every window of the dataspace, filtered and ordered by scheduled start.
         *
         *     Scope: `maintenances:read` (or `read`).
         */
        get: operations["listMaintenances"];
        put?: never;
        /**
         * Schedule a maintenance window
         * @description Publishes `maintenance.scheduled`. The runtime starts the window at `scheduled_start` (its services go under maintenance) and completes it at `scheduled_end`. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `maintenances:write` (or `write`).
         */
        post: operations["scheduleMaintenance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/maintenances/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a maintenance window
         * @description With its services and timeline. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.
         *
         *     Scope: `maintenances:read` (or `read`).
         */
        get: operations["getMaintenance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a maintenance window
         * @description While scheduled: title, description, times and services. In progress: title, description and `scheduled_end` (409 for the start or the services). Completed: nothing (409). Publishes `maintenance.updated` with what changed (`rescheduled: true` when a time moved: the runtime follows the new times). Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the window since.
         *
         *     Scope: `maintenances:write` (or `write`).
         */
        patch: operations["updateMaintenance"];
        trace?: never;
    };
    "/maintenances/{uuid}/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post an update to a window's timeline
         * @description Records the message with the window's status at this moment (any status, completed included). Answers the window, the new update last in `updates`. Publishes `maintenance.updated` with the entry in `update`. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `maintenances:write` (or `write`).
         */
        post: operations["addMaintenanceUpdate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/maintenances/{uuid}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a window in progress now
         * @description Ahead of its scheduled end: its services go back to what their open incidents give them, or operational. 409 unless it is in progress (cancel a scheduled one instead). Publishes `maintenance.completed` (`cancelled: false`).
         *
         *     Scope: `maintenances:write` (or `write`).
         */
        post: operations["completeMaintenance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/maintenances/{uuid}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a window that has not started
         * @description The window is kept, with its timeline, as `completed` with `started_date: null`; it will not start. 409 once it has started (complete it instead). Publishes `maintenance.completed` with `cancelled: true`.
         *
         *     Scope: `maintenances:write` (or `write`).
         */
        post: operations["cancelMaintenance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deployments
         * @description Newest first, filtered by service, environment and status.
         *
         *     Scope: `deployments:read` (or `read`).
         */
        get: operations["listDeployments"];
        put?: never;
        /**
         * Record a deployment
         * @description Records a deployment (source `api`), e.g. from a CI job: create it `in_progress` when the job starts and `PATCH` its status when it ends, or record it `success` once done. Publishes `deployment.created`. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `deployments:write` (or `write`).
         */
        post: operations["createDeployment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deployments/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a deployment
         * @description Send `If-None-Match` with the ETag you have to get 304 when it has not changed.
         *
         *     Scope: `deployments:read` (or `read`).
         */
        get: operations["getDeployment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a deployment's status
         * @description Moves the deployment forward: `in_progress` sets `started_date`, `success`, `failure` and `cancelled` set `finished_date`. A finished deployment's status cannot change, nor can one in progress go back to `queued` (409, saying so); the same status again changes nothing. Publishes `deployment.status_changed` with `previous_status`. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the deployment since.
         *
         *     Scope: `deployments:write` (or `write`).
         */
        patch: operations["updateDeployment"];
        trace?: never;
    };
    "/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List alerts
         * @description Newest first, filtered.
         *
         *     Scope: `alerts:read` (or `read`).
         */
        get: operations["listAlerts"];
        put?: never;
        /**
         * Raise an alert
         * @description A new alert (201, publishes `alert.triggered`), or — when an alert with the same fingerprint is open (triggered or acknowledged) — a repeat that counts on it (200, `count` says how many times; its `last_seen_date`, `payload` and a worse `severity` are updated; nothing is published). Concurrent raises of one fingerprint make one alert.
         *
         *     Scope: `alerts:write` (or `write`).
         */
        post: operations["raiseAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve the open alert of a fingerprint
         * @description What a monitor's recovery does: the open alert with this fingerprint is resolved (publishes `alert.resolved`). 404 when no alert with it is open.
         *
         *     Scope: `alerts:write` (or `write`).
         */
        post: operations["resolveAlertByFingerprint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an alert
         * @description With the payload of its last occurrence. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.
         *
         *     Scope: `alerts:read` (or `read`).
         */
        get: operations["getAlert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Link an alert to an incident or a request
         * @description Sets (a `uuid`) or clears (null) the alert's links. Send `If-Match` with the ETag you read to refuse the change (412) if the alert changed since.
         *
         *     Scope: `alerts:write` (or `write`).
         */
        patch: operations["linkAlert"];
        trace?: never;
    };
    "/alerts/{uuid}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an alert
         * @description Someone is on it: a triggered alert becomes acknowledged, by the token's maker (publishes `alert.acknowledged`). An acknowledged one stays as it is; a resolved one is a conflict (409).
         *
         *     Scope: `alerts:write` (or `write`).
         */
        post: operations["acknowledgeAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/{uuid}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve an alert
         * @description The alert is over (publishes `alert.resolved`); its fingerprint is free, so the next raise of it is a new alert. A resolved one stays as it is.
         *
         *     Scope: `alerts:write` (or `write`).
         */
        post: operations["resolveAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{uuid}/issue-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a request's issue links
         * @description Its issue per integration (key, URL, sync state and the platform's last error), the pull requests naming it, and the integrations it could still be linked through.
         *
         *     Scope: `requests:read` (or `read`).
         */
        get: operations["listRequestIssueLinks"];
        put?: never;
        /**
         * Create or link a request's issue
         * @description Without `reference`: the issue is created on the platform in the background — the link answers `pending` at once and turns `synced` (or `failed`, with the platform's words in `last_error`) when it is done; asking again answers the same link. With `reference`: the existing issue is looked up on the platform and linked `synced` (404 when the platform has no such issue, 409 when it is linked to another request). Either way 409 when the integration's sync is paused. Send an `Idempotency-Key` to retry safely.
         *
         *     Scope: `requests:write` (or `write`).
         */
        post: operations["createRequestIssueLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{uuid}/issue-links/{link_uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a request's issue link
         * @description Follow a `pending` link here until it is `synced` or `failed`.
         *
         *     Scope: `requests:read` (or `read`).
         */
        get: operations["getRequestIssueLink"];
        put?: never;
        post?: never;
        /**
         * Unlink a request's issue
         * @description The issue stays on the platform as it is; nothing syncs between them any more.
         *
         *     Scope: `requests:write` (or `write`).
         */
        delete: operations["deleteRequestIssueLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}/issue-sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an integration's issue sync
         * @description Its settings and target, whether it is paused and what the platform said, its links by state, and the progress of the last sync of existing requests. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        get: operations["getIntegrationIssueSync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}/issue-sync/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test an integration's issue sync connection
         * @description Calls the platform with the integration's credentials: who the token is, the target and what the token may do there, or what is wrong. A pass resumes a paused sync. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        post: operations["testIntegrationIssueSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrations/{uuid}/issue-sync/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync an integration's existing requests
         * @description Every request the integration syncs gets its issue created or brought up to date, in the background; follow `GET /integrations/{uuid}/issue-sync` for the progress. One at a time per integration: 409 while one runs, or while the sync is paused. Integrations hold credentials, so this takes the `integrations:admin` scope (or `admin`) and a token made by an admin.
         *
         *     Scope: `integrations:admin` (or `admin`).
         */
        post: operations["startIntegrationIssueSyncBackfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notification-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notification rules
         * @description Oldest first.
         *
         *     Scope: `notifications:read` (or `read`).
         */
        get: operations["listNotificationRules"];
        put?: never;
        /**
         * Create a notification rule
         * @description Slack and Teams rules name their integration; email rules need SMTP set up by the operator. Changing rules takes the `notifications:admin` scope (or `admin`) and a token made by an admin: rules send the dataspace's events outside.
         *
         *     Scope: `notifications:admin` (or `admin`).
         */
        post: operations["createNotificationRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notification-rules/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a notification rule
         * @description Scope: `notifications:read` (or `read`).
         */
        get: operations["getNotificationRule"];
        put?: never;
        post?: never;
        /**
         * Delete a notification rule
         * @description Its message log goes with it. Changing rules takes the `notifications:admin` scope (or `admin`) and a token made by an admin: rules send the dataspace's events outside.
         *
         *     Scope: `notifications:admin` (or `admin`).
         */
        delete: operations["deleteNotificationRule"];
        options?: never;
        head?: never;
        /**
         * Change a notification rule
         * @description Fields left out keep their values; `If-Match` with the rule's ETag refuses a change to a rule changed meanwhile. Changing rules takes the `notifications:admin` scope (or `admin`) and a token made by an admin: rules send the dataspace's events outside.
         *
         *     Scope: `notifications:admin` (or `admin`).
         */
        patch: operations["updateNotificationRule"];
        trace?: never;
    };
    "/notification-rules/{uuid}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification
         * @description A message saying it is a test goes out now through the rule's channel; follow it in the rule's messages (`is_test`). A failed test does not mark the rule failing. Changing rules takes the `notifications:admin` scope (or `admin`) and a token made by an admin: rules send the dataspace's events outside.
         *
         *     Scope: `notifications:admin` (or `admin`).
         */
        post: operations["testNotificationRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notification-rules/{uuid}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a rule's messages
         * @description Newest first: each message's status, attempts and what the platform answered.
         *
         *     Scope: `notifications:read` (or `read`).
         */
        get: operations["listNotificationMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the metrics
         * @description Every metric the dataspace has — the built-in ones, then its custom metrics (`custom.<name>`, from its metric mappings) — with its unit, kind and tags. Buckets are computed from the records every minute, so the last minute shows within about a minute.
         *
         *     Scope: `metrics:read` (or `read`).
         */
        get: operations["listMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a metric's series
         * @description A metric's buckets over a time range, one series per tag value unless `group=total`; buckets without observations are zero for counters and null otherwise.
         *
         *     Scope: `metrics:read` (or `read`).
         */
        get: operations["getMetric"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metric-mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the custom metric mappings
         * @description By name; a dataspace has at most 100.
         *
         *     Scope: `metrics:read` (or `read`).
         */
        get: operations["listMetricMappings"];
        put?: never;
        /**
         * Map events to a custom metric
         * @description Its expressions are checked on save (400 naming the field). The metric has points from the next minute's rollup on.
         *
         *     Scope: `metrics:admin` (or `admin`).
         */
        post: operations["createMetricMapping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metric-mappings/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a custom metric mapping
         * @description Scope: `metrics:read` (or `read`).
         */
        get: operations["getMetricMapping"];
        put?: never;
        post?: never;
        /**
         * Delete a custom metric mapping
         * @description With its metric's buckets.
         *
         *     Scope: `metrics:admin` (or `admin`).
         */
        delete: operations["deleteMetricMapping"];
        options?: never;
        head?: never;
        /**
         * Update a custom metric mapping
         * @description Minutes computed from now on follow the new mapping; past buckets stay as they were.
         *
         *     Scope: `metrics:admin` (or `admin`).
         */
        patch: operations["updateMetricMapping"];
        trace?: never;
    };
    "/pipeline-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the pipeline rules
         * @description Scope: `deployments:read` (or `read`).
         */
        get: operations["listPipelineRules"];
        put?: never;
        /**
         * Start a workflow or pipeline on matching events
         * @description Its patterns and expressions are checked on save (400 naming the field). Each matching event starts one run.
         *
         *     Scope: `deployments:admin` (or `admin`).
         */
        post: operations["createPipelineRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pipeline-rules/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a pipeline rule
         * @description Scope: `deployments:read` (or `read`).
         */
        get: operations["getPipelineRule"];
        put?: never;
        post?: never;
        /**
         * Delete a pipeline rule
         * @description With its runs' records; runs already started on the platform go on there.
         *
         *     Scope: `deployments:admin` (or `admin`).
         */
        delete: operations["deletePipelineRule"];
        options?: never;
        head?: never;
        /**
         * Update a pipeline rule
         * @description Scope: `deployments:admin` (or `admin`).
         */
        patch: operations["updatePipelineRule"];
        trace?: never;
    };
    "/pipeline-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List pipeline runs
         * @description Newest first, at most `limit` (25): of one rule (`rule`), or about one deployment or request (`subject`).
         *
         *     Scope: `deployments:read` (or `read`).
         */
        get: operations["listPipelineRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deployments/{uuid}/platform-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where a deployment is on GitHub and GitLab
         * @description For each integration that pushes deployments: the platform's deployment id, the last status it took and its last refusal, in its words.
         *
         *     Scope: `deployments:read` (or `read`).
         */
        get: operations["listDeploymentPlatformLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List runs
         * @description Newest first. Runs hold their trigger event's payload, so reading them takes the `events:admin` scope (or `admin`) and a creator who is an admin.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        get: operations["listRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a run
         * @description With its trigger event, each step's output or error, failed attempts and what it waits for.
         *
         *     Scope: `events:admin` (or `admin`).
         */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        RequestCreate: {
            /** @description Up to 300 characters */
            title: string;
            /**
             * @description Lifecycle state
             * @default open
             * @enum {string}
             */
            status?: "draft" | "open" | "in_progress" | "blocked" | "closed";
            /**
             * @description Priority (responses show its label, e.g. `Urgent`)
             * @default normal
             * @enum {string}
             */
            priority?: "low" | "normal" | "high" | "urgent";
            /**
             * @description Email of a member of the dataspace, or null for nobody
             * @default null
             */
            assignee?: string | null;
            /**
             * @description Free text, up to 100 000 characters
             * @default
             */
            notes?: string;
            /**
             * @description Custom fields: names to strings, numbers, booleans or null (at most 100)
             * @default {}
             */
            serialized_data?: {
                [key: string]: string | number | boolean | null;
            };
            /**
             * @description What the request is about, e.g. a product and version
             * @default null
             */
            product_context?: string | null;
            /**
             * @description Private requests are seen by their requester, their assignee and admins only
             * @default false
             */
            is_private?: boolean;
            /**
             * @description Addresses to keep informed (at most 50)
             * @default []
             */
            cc_emails?: string[];
        };
        /** @description The fields to change; the others keep their values */
        RequestUpdate: {
            /** @description Up to 300 characters */
            title?: string;
            /**
             * @description Lifecycle state
             * @enum {string}
             */
            status?: "draft" | "open" | "in_progress" | "blocked" | "closed";
            /**
             * @description Priority (responses show its label, e.g. `Urgent`)
             * @enum {string}
             */
            priority?: "low" | "normal" | "high" | "urgent";
            /** @description Email of a member of the dataspace, or null for nobody */
            assignee?: string | null;
            /** @description Free text, up to 100 000 characters */
            notes?: string;
            /** @description Custom fields: names to strings, numbers, booleans or null (at most 100) */
            serialized_data?: {
                [key: string]: string | number | boolean | null;
            };
            /** @description What the request is about, e.g. a product and version */
            product_context?: string | null;
            /** @description Private requests are seen by their requester, their assignee and admins only */
            is_private?: boolean;
            /** @description Addresses to keep informed (at most 50) */
            cc_emails?: string[];
        };
        RequestCommentCreate: {
            /** @description The comment, up to 20 000 characters */
            text: string;
        };
        IncidentCreate: {
            /** @description Up to 300 characters */
            title: string;
            /**
             * @description How bad it is (default `minor`)
             * @default minor
             * @enum {string}
             */
            severity?: "critical" | "major" | "minor";
            /**
             * @description The status it is declared with (default `investigating`); resolve it with an update afterwards
             * @default investigating
             * @enum {string}
             */
            status?: "investigating" | "identified" | "monitoring";
            /** @description What is happening: the timeline entry, up to 20 000 characters; the first entry of the timeline */
            message: string;
            /**
             * @description The services the incident affects, each once (at most 100)
             * @default []
             */
            affected_services?: {
                /**
                 * Format: uuid
                 * @description The service's `uuid`
                 */
                service: string;
                /**
                 * @description The status the incident gives the service while it is open
                 * @enum {string}
                 */
                impact: "degraded_performance" | "partial_outage" | "major_outage";
            }[];
            /**
             * @description The `uuid` of the request it came from, or null
             * @default null
             */
            request?: string | null;
            /**
             * Format: date-time
             * @description ISO 8601: when it began, if before now (default: now); not in the future
             */
            started_date?: string;
        };
        /** @description The fields to change; the others keep theirs. The status moves through updates (`POST /incidents/{uuid}/updates`). */
        IncidentUpdate: {
            /** @description Up to 300 characters */
            title?: string;
            /**
             * @description How bad it is
             * @enum {string}
             */
            severity?: "critical" | "major" | "minor";
            /** @description The whole new set: services left out are no longer affected; an impact can change */
            affected_services?: {
                /**
                 * Format: uuid
                 * @description The service's `uuid`
                 */
                service: string;
                /**
                 * @description The status the incident gives the service while it is open
                 * @enum {string}
                 */
                impact: "degraded_performance" | "partial_outage" | "major_outage";
            }[];
        };
        IncidentTimelineUpdateCreate: {
            /** @description What is happening: the timeline entry, up to 20 000 characters */
            message: string;
            /**
             * @description The status the update sets: `resolved` resolves the incident; another status on a resolved incident reopens it
             * @enum {string}
             */
            status: "investigating" | "identified" | "monitoring" | "resolved";
        };
        EventCreate: {
            /** @description A custom event type registered in the dataspace (`GET /event-types`), e.g. `custom.deploy.finished` */
            type: string;
            /** @description The event's payload: a JSON object matching the type's schema, at most 64 KB */
            data: {
                [key: string]: unknown;
            };
        };
        EventTypeCreate: {
            /** @description `custom.<name>`: lowercase letters, digits and `_`, with dots between parts, e.g. `custom.deploy.finished`. Fixed once registered */
            name: string;
            /**
             * @description What the event means, up to 500 characters
             * @default
             */
            description?: string;
            /** @description JSON Schema (draft 2020-12), at most 32 KB; `$ref` only inside the schema (`#/$defs/…`); formats are not checked */
            schema: {
                [key: string]: unknown;
            };
        };
        /** @description The fields to change; the name cannot change */
        EventTypeUpdate: {
            /** @description What the event means, up to 500 characters */
            description?: string;
            /** @description JSON Schema (draft 2020-12), at most 32 KB; `$ref` only inside the schema (`#/$defs/…`); formats are not checked */
            schema?: {
                [key: string]: unknown;
            };
        };
        IntegrationCreate: {
            /**
             * @description The other tool
             * @enum {string}
             */
            type: "github" | "gitlab" | "forgejo" | "sourcehut" | "jira" | "slack" | "ms_teams" | "datadog" | "new_relic" | "statuspage" | "webhook";
            /** @description Up to 100 characters */
            name: string;
            /** @description The type's config, secrets in clear (`GET /integration-types` lists its fields) */
            config: {
                [key: string]: unknown;
            };
            /**
             * @description Whether deliveries are accepted
             * @default true
             */
            is_active?: boolean;
        };
        /** @description The fields to change; the others keep their values */
        IntegrationUpdate: {
            /** @description Up to 100 characters */
            name?: string;
            /** @description The whole config, validated as on creation. A secret field sent as `***` or left out keeps its stored value, a new value replaces it, `null` removes an optional one */
            config?: {
                [key: string]: unknown;
            };
            /** @description Whether deliveries are accepted */
            is_active?: boolean;
        };
        MemberUpdate: {
            /**
             * @description The new role; `owner` is granted and taken in the dashboard only
             * @enum {string}
             */
            role: "owner" | "admin" | "member" | "viewer";
        };
        WebhookCreate: {
            /** @description Where deliveries are POSTed: an https URL (http only where the dataspace allows it) of a public address, up to 2048 characters */
            target_url: string;
            /**
             * @description Up to 500 characters
             * @default
             */
            description?: string;
            /** @description Event types to deliver: a type (`request.added`), a family (`request.*`) or `*` for all */
            event_types: string[];
            /**
             * @description A CEL expression over `event` and `data`; only events for which it is true are delivered, e.g. `data.priority == "Urgent"`
             * @default null
             */
            filter?: string | null;
            /**
             * @description The switch: off holds deliveries (without a time limit, up to 10 000 per webhook; past that they are recorded as failed with the reason, for a replay); turning it on also resumes a webhook the circuit breaker paused or disabled, and sends what was held
             * @default true
             */
            is_active?: boolean;
            /**
             * @description A JSON object merged into every body (at most 16 KB; not `hook` or `data`)
             * @default null
             */
            extra_payload?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Headers added to every request, names lower-cased; credential-like ones (authorization, tokens, keys) show as `***`
             * @default {}
             */
            extra_headers?: {
                [key: string]: string;
            };
            /**
             * @description The body's JSON template when `payload_template` is `custom`
             * @default null
             */
            custom_template?: string | null;
            /**
             * @description Retry on 4xx answers too (other than 408/429, which are always retried)
             * @default false
             */
            retry_client_errors?: boolean;
            /**
             * @description At most this many deliveries a second to this webhook; null for no limit
             * @default null
             */
            rate_limit_per_second?: number | null;
            /**
             * @description `dejacode`: DejaCode's `{hook, data}` body; `custom`: `custom_template`
             * @default dejacode
             * @enum {string}
             */
            payload_template?: "dejacode" | "custom";
        };
        /** @description The fields to change; the others keep their values */
        WebhookUpdate: {
            /** @description Where deliveries are POSTed: an https URL (http only where the dataspace allows it) of a public address, up to 2048 characters */
            target_url?: string;
            /** @description Up to 500 characters */
            description?: string;
            /** @description Event types to deliver: a type (`request.added`), a family (`request.*`) or `*` for all */
            event_types?: string[];
            /** @description A CEL expression over `event` and `data`; only events for which it is true are delivered, e.g. `data.priority == "Urgent"` */
            filter?: string | null;
            /** @description The switch: off holds deliveries (without a time limit, up to 10 000 per webhook; past that they are recorded as failed with the reason, for a replay); turning it on also resumes a webhook the circuit breaker paused or disabled, and sends what was held */
            is_active?: boolean;
            /** @description A JSON object merged into every body (at most 16 KB; not `hook` or `data`) */
            extra_payload?: {
                [key: string]: unknown;
            } | null;
            /** @description Headers added to every request, names lower-cased; credential-like ones (authorization, tokens, keys) show as `***`. The whole set: a value sent back as `***` keeps the stored one */
            extra_headers?: {
                [key: string]: string;
            };
            /** @description The body's JSON template when `payload_template` is `custom` */
            custom_template?: string | null;
            /** @description Retry on 4xx answers too (other than 408/429, which are always retried) */
            retry_client_errors?: boolean;
            /** @description At most this many deliveries a second to this webhook; null for no limit */
            rate_limit_per_second?: number | null;
            /**
             * @description `dejacode`: DejaCode's `{hook, data}` body; `custom`: `custom_template`
             * @enum {string}
             */
            payload_template?: "dejacode" | "custom";
        };
        WebhookSecretRotation: {
            /**
             * @description How long, in whole hours from 0 to 168, the old secret keeps signing alongside the new one (both signatures are sent), so receivers can switch without losing a delivery; 0 drops it at once
             * @default 24
             */
            grace_hours?: number;
        };
        WebhookReplayCreate: {
            /**
             * Format: date-time
             * @description ISO 8601: replay the failed deliveries created from then on
             */
            since: string;
        };
        ServiceCreate: {
            /** @description Unique in the dataspace (ignoring case), one line, up to 100 characters */
            name: string;
            /**
             * @description Free text, up to 2 000 characters
             * @default
             */
            description?: string;
            /**
             * @description Component group, e.g. `API`; null or empty for none (up to 100 characters)
             * @default null
             */
            group?: string | null;
            /**
             * @description Email of a member of the dataspace, or null for nobody
             * @default null
             */
            owner?: string | null;
            /**
             * @description Set by hand; publishes `service.status_changed` when it changes. Incidents and maintenance windows move it too, at their next change
             * @default operational
             * @enum {string}
             */
            status?: "operational" | "degraded_performance" | "partial_outage" | "major_outage" | "under_maintenance";
        };
        /** @description The fields to change; the others keep their values */
        ServiceUpdate: {
            /** @description Unique in the dataspace (ignoring case), one line, up to 100 characters */
            name?: string;
            /** @description Free text, up to 2 000 characters */
            description?: string;
            /** @description Component group, e.g. `API`; null or empty for none (up to 100 characters) */
            group?: string | null;
            /** @description Email of a member of the dataspace, or null for nobody */
            owner?: string | null;
            /**
             * @description Set by hand; publishes `service.status_changed` when it changes. Incidents and maintenance windows move it too, at their next change
             * @enum {string}
             */
            status?: "operational" | "degraded_performance" | "partial_outage" | "major_outage" | "under_maintenance";
        };
        MaintenanceCreate: {
            /** @description Up to 300 characters */
            title: string;
            /**
             * @description What is done and what users will notice, up to 10 000 characters
             * @default
             */
            description?: string;
            /**
             * Format: date-time
             * @description When the runtime starts the window (ISO 8601 with a time zone); at most 24 hours in the past (it then starts at once) and at most 365 days ahead
             */
            scheduled_start: string;
            /**
             * Format: date-time
             * @description When the runtime completes it: after the start, in the future, at most 365 days ahead
             */
            scheduled_end: string;
            /** @description The `uuid`s of the services it puts under maintenance while it runs (at most 100) */
            services?: string[];
        };
        /** @description The fields to change; the others keep their values */
        MaintenanceUpdate: {
            /** @description Up to 300 characters */
            title?: string;
            /** @description What is done and what users will notice, up to 10 000 characters */
            description?: string;
            /**
             * Format: date-time
             * @description When the runtime starts the window (ISO 8601 with a time zone); at most 24 hours in the past (it then starts at once) and at most 365 days ahead. Only while scheduled
             */
            scheduled_start?: string;
            /**
             * Format: date-time
             * @description When the runtime completes it: after the start, in the future, at most 365 days ahead. While scheduled or in progress
             */
            scheduled_end?: string;
            /** @description The `uuid`s of the services it puts under maintenance while it runs (at most 100). Only while scheduled; the whole set */
            services?: string[];
        };
        MaintenanceUpdateCreate: {
            /** @description The update, up to 20 000 characters */
            message: string;
        };
        /** @description Send `{}` for the default note */
        MaintenanceEnd: {
            /** @description A note for the timeline (a default one otherwise) */
            message?: string;
        };
        DeploymentCreate: {
            /**
             * @description A service of the dataspace, by name or uuid (e.g. `Checkout API`); null or left out for none
             * @default null
             */
            service?: string | null;
            /** @description Where it is deployed, e.g. `production` (up to 255 characters) */
            environment: string;
            /** @description The branch or tag deployed, e.g. `main` */
            ref?: string | null;
            /** @description The commit deployed: 7 to 40 hexadecimal digits */
            sha?: string | null;
            /** @description The version deployed, e.g. `2.4.1` */
            version?: string | null;
            /**
             * @description Up to 2000 characters
             * @default
             */
            description?: string;
            /**
             * @description `queued` (default), `in_progress`, `success`, `failure` or `cancelled`: one already in progress gets its start time, one finished its finish time
             * @default queued
             * @enum {string}
             */
            status?: "queued" | "in_progress" | "success" | "failure" | "cancelled";
            /** @description Where the deployed environment (or its log) can be seen: an http(s) URL */
            url?: (string | "") | null;
            /** @description When the oldest change it ships was committed (ISO 8601 with its offset, e.g. the first commit's time since the last deployment): gives the DORA lead time for changes */
            committed_date?: string | null;
        };
        /** @description A status change (and, with it, the URL) */
        DeploymentUpdate: {
            /**
             * @description The new status. Forward only: `queued` → `in_progress` → `success`, `failure` or `cancelled`; a finished deployment's status cannot change (409)
             * @enum {string}
             */
            status: "queued" | "in_progress" | "success" | "failure" | "cancelled";
            /** @description The environment's URL, once known; null removes it; left out, it stays */
            url?: string | null;
        };
        AlertRaise: {
            /** @description What is wrong, up to 300 characters */
            title: string;
            /**
             * @description More about it, up to 20 000 characters
             * @default
             */
            description?: string;
            /**
             * @description How bad it is
             * @default warning
             * @enum {string}
             */
            severity?: "critical" | "error" | "warning" | "info";
            /** @description What makes a repeat the same alert (up to 255 characters): while an alert with this fingerprint is open, a raise counts on it. Default: a hash of the source (`api`) and the title */
            fingerprint?: string;
            /**
             * @description The `uuid` of the service it concerns, or null
             * @default null
             */
            service?: string | null;
            /**
             * @description Whatever the sender wants kept with it (a JSON object): the last occurrence's is kept
             * @default {}
             */
            payload?: {
                [key: string]: unknown;
            };
            /**
             * @description Up to 10 links to look into it — `{url, label?, kind?}`, kind one of source, trace, apm, graph, runbook, dashboard, other (default) — shown on its page; a repeat that brings links replaces them, one without keeps them
             * @default []
             */
            links?: {
                url: string;
                label?: string;
                /**
                 * @default other
                 * @enum {string}
                 */
                kind?: "source" | "trace" | "apm" | "graph" | "runbook" | "dashboard" | "other";
            }[];
        };
        AlertResolveByFingerprint: {
            /** @description The fingerprint whose open alert to resolve */
            fingerprint: string;
        };
        /** @description The links to change; a field left out keeps its link */
        AlertLinks: {
            /** @description The `uuid` of an incident of the dataspace to link, or null to unlink */
            incident?: string | null;
            /** @description The `uuid` of a request of the dataspace to link (one the token may see), or null to unlink */
            request?: string | null;
        };
        IssueLinkCreate: {
            /**
             * Format: uuid
             * @description The `uuid` of an integration with issue sync on (one of `available_integrations`)
             */
            integration: string;
            /** @description An existing issue to link: its number (`"12"`, `"#12"`), key (`"OPS-7"`) or URL. Without it, a new issue is created */
            reference?: string;
        };
        NotificationRuleCreate: {
            name: string;
            is_active?: boolean;
            events: string[];
            filter?: string | null;
            /** @enum {string} */
            channel: "slack" | "teams" | "email";
            integration?: string | null;
            destination?: components["schemas"]["NotificationDestination"];
            template?: components["schemas"]["NotificationTemplate"] | null;
            quiet_hours?: components["schemas"]["NotificationQuietHours"] | null;
            throttle_per_minute?: number | null;
        };
        /** @description Where messages go, by channel: Slack `{channel}`, email `{to, roles}`, Teams `{}` (the integration's Workflows URL) */
        NotificationDestination: {
            /** @description Slack with a bot token: the channel, `"#ops"` or an id like `"C0123456789"`; default: the integration's `channel` */
            channel?: string;
            /** @description Email: addresses to mail (up to 50) */
            to?: string[];
            /** @description Email: also mail the dataspace's members with these roles, e.g. `["ADMIN", "OWNER"]` */
            roles?: ("OWNER" | "ADMIN" | "MEMBER" | "VIEWER")[];
        };
        NotificationTemplate: {
            /** @description One line, with `{{ data.… }}` and `{{ event.… }}` placeholders, e.g. `[{{ data.severity }}] {{ data.title }}` */
            title: string;
            /** @description The body, with placeholders; nothing in a template is executed */
            text?: string;
        };
        /** @description Messages due in these hours wait until they end */
        NotificationQuietHours: {
            /** @description "22:00" */
            start: string;
            /** @description "07:00" */
            end: string;
            /** @description An IANA time zone: `Europe/Paris`, `UTC` */
            time_zone: string;
        };
        NotificationRuleUpdate: {
            name?: string;
            is_active?: boolean;
            events?: string[];
            filter?: string | null;
            /** @enum {string} */
            channel?: "slack" | "teams" | "email";
            integration?: string | null;
            destination?: components["schemas"]["NotificationDestination"];
            template?: components["schemas"]["NotificationTemplate"] | null;
            quiet_hours?: components["schemas"]["NotificationQuietHours"] | null;
            throttle_per_minute?: number | null;
        };
        MetricMappingCreate: {
            /** @description The metric's name without `custom.`: lower-case letters, digits and `_` in dot-separated parts, e.g. `ci.duration_seconds` */
            name: string;
            /** @default  */
            description?: string;
            /** @description Event types or patterns it maps (`github.workflow_run.completed`, `request.*`) */
            events: string[];
            /**
             * @description A condition (CEL, as a webhook's filter) the event must meet; empty for every event
             * @default
             */
            filter?: string;
            /**
             * @description counter: the values add up per minute; latency: their count, mean and p50/p95/p99; gauge: their mean
             * @enum {string}
             */
            kind: "counter" | "latency" | "gauge";
            /**
             * @description A CEL expression over `event` and `data` giving the observation's number; `1` counts events
             * @default 1
             */
            value?: string;
            /** @default  */
            unit?: string;
            /**
             * @description Tag name → CEL expression giving its value, e.g. {"repo": "data.payload.repository.full_name"}; at most 10. An event without it is tagged `none`
             * @default {}
             */
            tags?: {
                [key: string]: string;
            };
            /** @default true */
            is_active?: boolean;
        };
        /** @description The fields to change */
        MetricMappingUpdate: {
            /** @description The metric's name without `custom.`: lower-case letters, digits and `_` in dot-separated parts, e.g. `ci.duration_seconds` */
            name?: string;
            description?: string;
            /** @description Event types or patterns it maps (`github.workflow_run.completed`, `request.*`) */
            events?: string[];
            /** @description A condition (CEL, as a webhook's filter) the event must meet; empty for every event */
            filter?: string;
            /**
             * @description counter: the values add up per minute; latency: their count, mean and p50/p95/p99; gauge: their mean
             * @enum {string}
             */
            kind?: "counter" | "latency" | "gauge";
            /** @description A CEL expression over `event` and `data` giving the observation's number; `1` counts events */
            value?: string;
            unit?: string;
            /** @description Tag name → CEL expression giving its value, e.g. {"repo": "data.payload.repository.full_name"}; at most 10. An event without it is tagged `none` */
            tags?: {
                [key: string]: string;
            };
            is_active?: boolean;
        };
        PipelineRuleCreate: {
            name: string;
            /**
             * Format: uuid
             * @description The GitHub or GitLab integration (its uuid) whose token starts the runs
             */
            integration: string;
            events: string[];
            /** @default  */
            filter?: string;
            /** @default  */
            workflow?: string;
            ref: string;
            /** @default {} */
            inputs?: {
                [key: string]: string;
            };
            /** @default true */
            is_active?: boolean;
        };
        PipelineRuleUpdate: {
            name?: string;
            /**
             * Format: uuid
             * @description The GitHub or GitLab integration (its uuid) whose token starts the runs
             */
            integration?: string;
            events?: string[];
            filter?: string;
            workflow?: string;
            ref?: string;
            inputs?: {
                [key: string]: string;
            };
            is_active?: boolean;
        };
        /** @description A request, in the shape of DejaCode's request payloads */
        Request: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            title: string;
            request_template: string | null;
            request_template_name: string | null;
            /** @enum {string} */
            status: "draft" | "open" | "in_progress" | "blocked" | "closed";
            /** @description Priority label, e.g. Urgent */
            priority: string;
            /** @description Assignee's email */
            assignee: string | null;
            product_context: string | null;
            notes: string;
            serialized_data: {
                [key: string]: unknown;
            };
            is_private: boolean;
            /** @description Requester's email */
            requester: string;
            content_type: string | null;
            content_object: string | null;
            content_object_display_name: string | null;
            cc_emails: string[];
            last_modified_by: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
            comments: {
                /** Format: uuid */
                uuid: string;
                user: string;
                text: string;
                created_date: string;
            }[];
            /** @description Dataspace name */
            dataspace: string;
        };
        /** @description An RFC 9457 problem details object */
        Problem: {
            /** @description What kind of problem this is, e.g. `urn:switchboard:problem:validation-error` (docs/api.md lists them) */
            type: string;
            /** @description A short summary of the problem type */
            title: string;
            /** @description The HTTP status code */
            status: number;
            /** @description What went wrong this time, for people */
            detail: string;
            /** @description One entry per invalid field (validation errors) */
            errors?: {
                /** @description Dotted path of the field, e.g. `cc_emails.0` */
                field: string;
                message: string;
            }[];
        };
        /** @description A comment on a request */
        RequestComment: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            user: string;
            text: string;
            created_date: string;
            source?: {
                platform: string;
                author: string | null;
                url: string | null;
            };
            request: {
                /** Format: uuid */
                uuid: string;
                title: string;
                api_url: string;
                absolute_url: string;
                /** @enum {string} */
                status: "draft" | "open" | "in_progress" | "blocked" | "closed";
            };
            dataspace: string;
        };
        /** @description An incident, with its timeline and affected services */
        Incident: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            title: string;
            /** @enum {string} */
            severity: "critical" | "major" | "minor";
            /** @enum {string} */
            status: "investigating" | "identified" | "monitoring" | "resolved";
            /** @description ISO 8601: when the incident began */
            started_date: string;
            /** @description ISO 8601: when it was resolved; null while open */
            resolved_date: string | null;
            /** @description By service name */
            affected_services: {
                /** Format: uuid */
                uuid: string;
                name: string;
                api_url: string;
                /**
                 * @description The status the incident gives the service while it is open
                 * @enum {string}
                 */
                impact: "degraded_performance" | "partial_outage" | "major_outage";
            }[];
            /** @description Oldest first; the first entry is the declaration */
            timeline: {
                /** Format: uuid */
                uuid: string;
                message: string;
                /**
                 * @description The incident's status this update set
                 * @enum {string}
                 */
                status: "investigating" | "identified" | "monitoring" | "resolved";
                /** @description Author's email (null for a deleted account) */
                author: string | null;
                /** @description ISO 8601 */
                created_date: string;
            }[];
            /** @description The request the incident came from, if any */
            request: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
                absolute_url: string;
            } | null;
            /** @description Alerts linked to the incident, oldest first */
            alerts: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
                title: string;
                /** @enum {string} */
                severity: "critical" | "error" | "warning" | "info";
                /** @enum {string} */
                status: "triggered" | "acknowledged" | "resolved";
            }[];
            /** @description Email of who declared it (null when declared by the system or a deleted account) */
            created_by: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
            /** @description Dataspace name */
            dataspace: string;
        };
        /** @description A domain event, newest first in lists */
        Event: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description e.g. request.added; the catalog lists the built-in types and their data schemas */
            type: string;
            /** @description ISO 8601 */
            created_date: string;
            /** @description The event's payload, as webhooks deliver it in `data` */
            data: unknown;
            /** @description Where the event came from: the integration that received it (`github.*`, `inbound.*`, …), the member whose action published it, or the app itself */
            source: {
                /** @constant */
                kind: "integration";
                /** Format: uuid */
                uuid: string;
                name: string;
                /** @description e.g. GITHUB */
                type: string;
            } | {
                /** @constant */
                kind: "user";
                /** Format: uuid */
                uuid: string;
            } | {
                /** @constant */
                kind: "system";
            };
            /** @description What happened, in one line (a pull request's or ticket's title, an alert); empty when the payload has nothing to show */
            summary: string;
        };
        /** @description A custom event type registered in the dataspace */
        EventType: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description custom.<name>: the `type` to publish with POST /api/v1/events and to subscribe webhooks to */
            name: string;
            description: string;
            /** @description JSON Schema (draft 2020-12) every published event's `data` must match */
            schema: {
                [key: string]: unknown;
            };
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
        };
        /** @description An integration type and its config fields */
        IntegrationType: {
            /** @enum {string} */
            type: "github" | "gitlab" | "forgejo" | "sourcehut" | "jira" | "slack" | "ms_teams" | "datadog" | "new_relic" | "statuspage" | "webhook";
            /** @description The tool's name, e.g. `GitHub` */
            label: string;
            fields: {
                name: string;
                required: boolean;
                /** @description Stored encrypted and shown as `***` from then on */
                secret: boolean;
                help: string;
                example: string | null;
            }[];
            /** @description A config to start from: required secrets left empty for you to fill */
            example_config: {
                [key: string]: string;
            };
        };
        /** @description An integration, its secrets masked */
        Integration: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /**
             * @description The other tool
             * @enum {string}
             */
            type: "github" | "gitlab" | "forgejo" | "sourcehut" | "jira" | "slack" | "ms_teams" | "datadog" | "new_relic" | "statuspage" | "webhook";
            name: string;
            /** @description The type's config (see `GET /integration-types`); secret fields show as `***` */
            config: {
                [key: string]: unknown;
            };
            /** @description An inactive integration answers its senders 404 and stores nothing */
            is_active: boolean;
            /** @description Where the other tool posts its webhooks. Keep it private; `POST …/rotate-inbound-url` replaces it */
            inbound_url: string;
            /** @description Deliveries refused because their signature or token did not verify */
            auth_failures: number;
            /** @description ISO 8601 */
            last_auth_failure_date: string | null;
            /** @description ISO 8601: when a delivery was last accepted */
            last_event_date: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
        };
        IntegrationTelemetry: {
            /** @description The metrics forwarded every minute */
            metrics: string[];
            /** @description Whether alerts are sent as they change */
            alerts: boolean;
            /** @description Whether finished deployments are sent */
            deployments: boolean;
            /** @description null until the first run */
            forwarding: {
                /** @description The first minute not yet sent (ISO 8601): everything before it was accepted by the service */
                up_to: string;
                /** @description How old that minute is: one or two minutes when all is well (New Relic: five more, it gets minutes once final) */
                lag_seconds: number;
                last_sent_date: string | null;
                /** @description Points in the last window sent */
                last_points: number;
                sent_points: number;
                /** @description Minute buckets too old for the service when their turn came (after an outage), never sent */
                dropped_buckets: number;
                last_error: {
                    message: string;
                    date: string | null;
                } | null;
            } | null;
        };
        IntegrationTelemetryTest: {
            /** @description Every check passed */
            ok: boolean;
            checks: {
                /** @description What was tried, e.g. `API key (apiKey)` */
                check: string;
                ok: boolean;
                /** @description What the service answered, in its words */
                detail: string;
            }[];
            /** @description Why nothing was tried (inactive, no apiKey, invalid settings), or null */
            skipped: string | null;
        };
        /** @description An event an integration received, without its content */
        InboundEventSummary: {
            api_url: string;
            /** @description The integration's page, where its recent events are listed */
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /**
             * Format: uuid
             * @description The `uuid` of the integration that received it
             */
            integration: string;
            /**
             * @description `received` (waiting), `processing`, `processed` or `failed` (after its retries)
             * @enum {string}
             */
            status: "received" | "processing" | "processed" | "failed";
            /** @description The sender's event type, e.g. `pull_request.opened` */
            event_type: string;
            /** @description The sender's delivery id (e.g. `X-GitHub-Delivery`); a second delivery with the same id is dropped */
            delivery_id: string | null;
            /** @description Processing attempts so far */
            attempts: number;
            /** @description Why the last attempt failed */
            error: string | null;
            /** @description The event processing published, e.g. `github.pull_request.opened` */
            domain_event_type: string | null;
            /** @description ISO 8601 */
            received_date: string;
            /** @description ISO 8601 */
            processed_date: string | null;
        };
        /** @description An event an integration received, with its headers, body and processing log */
        InboundEvent: {
            api_url: string;
            /** @description The integration's page, where its recent events are listed */
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /**
             * Format: uuid
             * @description The `uuid` of the integration that received it
             */
            integration: string;
            /**
             * @description `received` (waiting), `processing`, `processed` or `failed` (after its retries)
             * @enum {string}
             */
            status: "received" | "processing" | "processed" | "failed";
            /** @description The sender's event type, e.g. `pull_request.opened` */
            event_type: string;
            /** @description The sender's delivery id (e.g. `X-GitHub-Delivery`); a second delivery with the same id is dropped */
            delivery_id: string | null;
            /** @description Processing attempts so far */
            attempts: number;
            /** @description Why the last attempt failed */
            error: string | null;
            /** @description The event processing published, e.g. `github.pull_request.opened` */
            domain_event_type: string | null;
            /** @description ISO 8601 */
            received_date: string;
            /** @description ISO 8601 */
            processed_date: string | null;
            /** @description The request headers, lower-cased; signatures, tokens and cookies show as `***` */
            headers: {
                [key: string]: string;
            };
            /** @description The body exactly as received and verified */
            body: string;
            /** @description What processing did, oldest first */
            log: {
                /** @description ISO 8601 */
                at: string;
                message: string;
            }[];
        };
        /** @description A member of the dataspace and their role */
        Member: {
            api_url: string;
            /** @description The dataspace's members page */
            absolute_url: string;
            /**
             * Format: uuid
             * @description The user's id
             */
            uuid: string;
            email: string;
            name: string | null;
            /**
             * @description `owner`, `admin`, `member` (reads and writes) or `viewer` (reads)
             * @enum {string}
             */
            role: "owner" | "admin" | "member" | "viewer";
            /** @description ISO 8601 */
            joined_date: string;
        };
        /** @description An outgoing webhook, its secret and credential headers masked */
        Webhook: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description Where deliveries are POSTed: an https URL (http only where the dataspace allows it) of a public address, up to 2048 characters */
            target_url: string;
            description: string;
            /** @description Event types to deliver: a type (`request.added`), a family (`request.*`) or `*` for all */
            event_types: string[];
            /** @description A CEL expression over `event` and `data`; only events for which it is true are delivered, e.g. `data.priority == "Urgent"` */
            filter: string | null;
            /** @description The switch: off holds deliveries (without a time limit, up to 10 000 per webhook; past that they are recorded as failed with the reason, for a replay); turning it on also resumes a webhook the circuit breaker paused or disabled, and sends what was held */
            is_active: boolean;
            /** @description A JSON object merged into every body (at most 16 KB; not `hook` or `data`) */
            extra_payload: {
                [key: string]: unknown;
            } | null;
            /** @description Headers added to every request, names lower-cased; credential-like ones (authorization, tokens, keys) show as `***` */
            extra_headers: {
                [key: string]: string;
            };
            /**
             * @description `dejacode`: DejaCode's `{hook, data}` body; `custom`: `custom_template`
             * @enum {string}
             */
            payload_template: "dejacode" | "custom";
            /** @description The body's JSON template when `payload_template` is `custom` */
            custom_template: string | null;
            /** @description Retry on 4xx answers too (other than 408/429, which are always retried) */
            retry_client_errors: boolean;
            /** @description At most this many deliveries a second to this webhook; null for no limit */
            rate_limit_per_second: number | null;
            /** @description The signing secret, masked (`***` and its last 4 characters) */
            secret: string;
            /** @description ISO 8601: after a rotation, the old secret also signs until then */
            previous_secret_expiry_date: string | null;
            /**
             * @description The circuit breaker: `paused` after repeated failures (for a while), `disabled` after failing for hours
             * @enum {string}
             */
            state: "active" | "paused" | "disabled";
            state_reason: string | null;
            /** @description ISO 8601 */
            state_changed_date: string | null;
            consecutive_failures: number;
            /** @description ISO 8601: the first failure of the current run of failures */
            failing_since: string | null;
            /** @description ISO 8601; set while paused */
            paused_until: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
        };
        /** @description A webhook just made or whose secret was just rotated, with the secret in clear */
        WebhookWithSecret: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description Where deliveries are POSTed: an https URL (http only where the dataspace allows it) of a public address, up to 2048 characters */
            target_url: string;
            description: string;
            /** @description Event types to deliver: a type (`request.added`), a family (`request.*`) or `*` for all */
            event_types: string[];
            /** @description A CEL expression over `event` and `data`; only events for which it is true are delivered, e.g. `data.priority == "Urgent"` */
            filter: string | null;
            /** @description The switch: off holds deliveries (without a time limit, up to 10 000 per webhook; past that they are recorded as failed with the reason, for a replay); turning it on also resumes a webhook the circuit breaker paused or disabled, and sends what was held */
            is_active: boolean;
            /** @description A JSON object merged into every body (at most 16 KB; not `hook` or `data`) */
            extra_payload: {
                [key: string]: unknown;
            } | null;
            /** @description Headers added to every request, names lower-cased; credential-like ones (authorization, tokens, keys) show as `***` */
            extra_headers: {
                [key: string]: string;
            };
            /**
             * @description `dejacode`: DejaCode's `{hook, data}` body; `custom`: `custom_template`
             * @enum {string}
             */
            payload_template: "dejacode" | "custom";
            /** @description The body's JSON template when `payload_template` is `custom` */
            custom_template: string | null;
            /** @description Retry on 4xx answers too (other than 408/429, which are always retried) */
            retry_client_errors: boolean;
            /** @description At most this many deliveries a second to this webhook; null for no limit */
            rate_limit_per_second: number | null;
            /** @description The signing secret (`whsec_…`), in clear this once: store it now, it is only ever shown masked again */
            secret: string;
            /** @description ISO 8601: after a rotation, the old secret also signs until then */
            previous_secret_expiry_date: string | null;
            /**
             * @description The circuit breaker: `paused` after repeated failures (for a while), `disabled` after failing for hours
             * @enum {string}
             */
            state: "active" | "paused" | "disabled";
            state_reason: string | null;
            /** @description ISO 8601 */
            state_changed_date: string | null;
            consecutive_failures: number;
            /** @description ISO 8601: the first failure of the current run of failures */
            failing_since: string | null;
            /** @description ISO 8601; set while paused */
            paused_until: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
        };
        /** @description A delivery of a webhook, without its body and attempts */
        WebhookDeliverySummary: {
            api_url: string;
            /** @description The delivery's page in the dashboard */
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /**
             * Format: uuid
             * @description The `uuid` of the webhook it is sent to
             */
            webhook: string;
            /** @description The `uuid` of the event it delivers (`GET /events/{uuid}`); null for a test */
            event: string | null;
            /** @description e.g. `request.added`, or `webhook.test` */
            event_type: string;
            /**
             * @description `pending` (queued or between attempts), `succeeded`, `failed` (after its retries) or `held` (the webhook is off, paused or disabled)
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "held";
            attempt_count: number;
            /** @description ISO 8601: when it was last attempted */
            last_attempt_date: string | null;
            /** @description ISO 8601: when the next retry is due */
            next_attempt_date: string | null;
            /** @description The receiver's HTTP status on the last attempt */
            last_status_code: number | null;
            /** @description Why the last attempt failed */
            last_error: string | null;
            /** @description ISO 8601: when it succeeded or finally failed */
            completed_date: string | null;
            /** @description The `uuid` of the replay that last sent it again, if any */
            replay: string | null;
            /** @description Sent by `POST /webhooks/{uuid}/test` */
            is_test: boolean;
            /** @description ISO 8601 */
            created_date: string;
        };
        /** @description A delivery of a webhook with its body and every attempt */
        WebhookDelivery: {
            api_url: string;
            /** @description The delivery's page in the dashboard */
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /**
             * Format: uuid
             * @description The `uuid` of the webhook it is sent to
             */
            webhook: string;
            /** @description The `uuid` of the event it delivers (`GET /events/{uuid}`); null for a test */
            event: string | null;
            /** @description e.g. `request.added`, or `webhook.test` */
            event_type: string;
            /**
             * @description `pending` (queued or between attempts), `succeeded`, `failed` (after its retries) or `held` (the webhook is off, paused or disabled)
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "held";
            attempt_count: number;
            /** @description ISO 8601: when it was last attempted */
            last_attempt_date: string | null;
            /** @description ISO 8601: when the next retry is due */
            next_attempt_date: string | null;
            /** @description The receiver's HTTP status on the last attempt */
            last_status_code: number | null;
            /** @description Why the last attempt failed */
            last_error: string | null;
            /** @description ISO 8601: when it succeeded or finally failed */
            completed_date: string | null;
            /** @description The `uuid` of the replay that last sent it again, if any */
            replay: string | null;
            /** @description Sent by `POST /webhooks/{uuid}/test` */
            is_test: boolean;
            /** @description ISO 8601 */
            created_date: string;
            /** @description The exact JSON sent (and signed) on every attempt */
            body: string;
            /** @description Every attempt, oldest first */
            attempts: components["schemas"]["WebhookAttempt"][];
        };
        /** @description One attempt to send a delivery */
        WebhookAttempt: {
            /** Format: uuid */
            uuid: string;
            number: number;
            /** @description ISO 8601 */
            started_date: string;
            duration_ms: number;
            /** @description Where it was sent */
            url: string;
            /** @description The headers sent; credentials among the webhook's extra headers show as `***`, the `webhook-*` signature headers as sent */
            request_headers: {
                [key: string]: string;
            };
            /** @description Null when no response came (timeout, refused connection) */
            response_status: number | null;
            response_headers: {
                [key: string]: string;
            } | null;
            /** @description The start of the response body */
            response_body: string | null;
            error: string | null;
            succeeded: boolean;
            /** @description ISO 8601: when this failure scheduled the next attempt */
            next_retry_date: string | null;
        };
        /** @description A bulk replay of a webhook's failed deliveries, with its progress */
        WebhookReplay: {
            api_url: string;
            /** @description The webhook's page, which shows the latest replay's progress */
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /**
             * Format: uuid
             * @description The `uuid` of the webhook replayed
             */
            webhook: string;
            /** @description ISO 8601: failed deliveries created from then on were replayed */
            since: string;
            /** @description Deliveries replayed */
            total: number;
            /** @description Of those, how many succeeded since */
            succeeded: number;
            /** @description Of those, how many failed again (after their retries) */
            failed: number;
            /** @description `succeeded` + `failed`: the replay is finished when it reaches `total` */
            done: number;
            /** @description Of those, how many are held until the webhook sends again (see `waiting`) */
            held: number;
            /** @description What the rest of the replay waits for; null when nothing holds it back */
            waiting: {
                /**
                 * @description `paused`: the circuit breaker paused the webhook until `until`; `disabled`: it was disabled after sustained failure; `switched_off`: `is_active` is false. Held deliveries go out once it sends again
                 * @enum {string}
                 */
                reason: "paused" | "disabled" | "switched_off";
                /** @description ISO 8601: when a pause ends; null otherwise */
                until: string | null;
            } | null;
            /** @description ISO 8601 */
            created_date: string;
        };
        /** @description A service (a status page's component) and its status */
        Service: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            name: string;
            description: string;
            /** @description Component group on a status page, e.g. API */
            group: string | null;
            /** @enum {string} */
            status: "operational" | "degraded_performance" | "partial_outage" | "major_outage" | "under_maintenance";
            /** @description Owner's email */
            owner: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
            /** @description Dataspace name */
            dataspace: string;
        };
        /** @description A maintenance window, with its services and its timeline of updates */
        Maintenance: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            title: string;
            description: string;
            /** @enum {string} */
            status: "scheduled" | "in_progress" | "completed";
            /** @description ISO 8601: when the runtime starts the window */
            scheduled_start: string;
            /** @description ISO 8601: when the runtime completes the window */
            scheduled_end: string;
            /** @description ISO 8601: when it really started; null while scheduled, and for a window cancelled before it started */
            started_date: string | null;
            /** @description ISO 8601: when it was completed (or cancelled) */
            completed_date: string | null;
            /** @description The services it affects: under maintenance while it is in progress */
            services: {
                /** Format: uuid */
                uuid: string;
                name: string;
                api_url: string;
            }[];
            /** @description The timeline, oldest first */
            updates: {
                /** Format: uuid */
                uuid: string;
                message: string;
                /**
                 * @description The window's status when the update was posted
                 * @enum {string}
                 */
                status: "scheduled" | "in_progress" | "completed";
                /** @description Author's email; null for the runtime's own entries (started, completed) */
                author: string | null;
                /** @description ISO 8601 */
                created_date: string;
            }[];
            /** @description Email of who scheduled it */
            created_by: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
            /** @description Dataspace name */
            dataspace: string;
        };
        /** @description A deployment of a service (or of the product) to an environment */
        Deployment: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description The service's name, or null */
            service: string | null;
            /** @description The service's uuid, or null */
            service_uuid: string | null;
            /** @description Where it was deployed, e.g. production */
            environment: string;
            /** @description The branch or tag deployed, e.g. main */
            ref: string | null;
            /** @description The commit deployed (7–40 hexadecimal digits) */
            sha: string | null;
            /** @description The version deployed, e.g. 2.4.1 */
            version: string | null;
            description: string;
            /** @enum {string} */
            status: "queued" | "in_progress" | "success" | "failure" | "cancelled";
            /** @description Where the deployed environment (or its log) can be seen */
            url: string | null;
            /**
             * @description api (the API or the dashboard), github (a GitHub deployment) or github_push (a push to a configured branch)
             * @enum {string}
             */
            source: "api" | "github" | "github_push";
            /** @description The integration it came from, for github and github_push */
            integration: string | null;
            /** @description Its id at the source (GitHub's deployment id), unique per integration */
            external_id: string | null;
            /** @description Who started it: a member's email, or the source's login (GitHub) */
            creator: string | null;
            /** @description ISO 8601; when it went in progress */
            started_date: string | null;
            /** @description ISO 8601; when it succeeded, failed or was cancelled */
            finished_date: string | null;
            /** @description ISO 8601; when the oldest change it ships was committed, where known: the start of its DORA lead time */
            committed_date: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
            /** @description Dataspace name */
            dataspace: string;
        };
        /** @description An alert: what a monitor (or a script) raised, how often, and what became of it */
        Alert: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            title: string;
            description: string;
            /** @enum {string} */
            severity: "critical" | "error" | "warning" | "info";
            /** @enum {string} */
            status: "triggered" | "acknowledged" | "resolved";
            /** @description `api`, or the integration type that raised it: `datadog`, `new_relic` */
            source: string;
            /** @description The integration whose webhook raised it (it may since have been deleted) */
            source_integration: string | null;
            /** @description What makes a repeat the same alert: while this alert is open, a raise with the same fingerprint counts on it */
            fingerprint: string;
            /** @description How many times it was raised while open (1 for a new alert) */
            count: number;
            /** @description The service it concerns */
            service: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
                absolute_url: string;
                name: string;
            } | null;
            /** @description The incident it is linked to */
            incident: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
                absolute_url: string;
                title: string;
                status: string;
            } | null;
            /** @description The request it is linked to; title and status are null when the request is private and the reader may not see it */
            request: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
                absolute_url: string;
                title: string | null;
                status: string | null;
            } | null;
            /** @description The raw payload of the last occurrence, as the sender sent it */
            payload: {
                [key: string]: unknown;
            };
            /** @description Where it can be looked into — the alert at its source, a trace, the APM page, a graph, a runbook — as the last occurrence that had any named them */
            links: {
                /**
                 * @description What it leads to: source (the alert where it was raised), trace, apm (the service's APM page), graph, runbook, dashboard or other
                 * @enum {string}
                 */
                kind: "source" | "trace" | "apm" | "graph" | "runbook" | "dashboard" | "other";
                label: string;
                url: string;
            }[];
            /** @description ISO 8601: when it was first raised */
            triggered_date: string;
            /** @description ISO 8601: when it was last raised */
            last_seen_date: string;
            acknowledged_date: string | null;
            /** @description Email of the member who acknowledged it; null when nobody did, or the monitor did */
            acknowledged_by: string | null;
            resolved_date: string | null;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601 */
            last_modified_date: string;
            /** @description Dataspace name */
            dataspace: string;
        };
        /** @description A request's issues on other platforms and the pull requests naming it */
        RequestIssueLinks: {
            api_url: string;
            request: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
            };
            /** @description One per integration at most, oldest first */
            links: components["schemas"]["IssueLink"][];
            /** @description Oldest first, up to 100 */
            pull_requests: components["schemas"]["PullRequestLink"][];
            /** @description Integrations that push issues and have none for this request yet: what `POST` can name */
            available_integrations: {
                api_url: string;
                /** Format: uuid */
                uuid: string;
                name: string;
                /** @description The platform, as `GET /integration-types` names it: `github`, `gitlab`, `jira`, `forgejo`, `sourcehut` */
                type: string;
                /** @description Its sync is paused after its credentials were refused: linking is refused until an admin fixes them */
                paused: boolean;
            }[];
        };
        /** @description A request's issue on a platform, kept in step both ways by its integration */
        IssueLink: {
            /** @description The link: `DELETE` it to unlink */
            api_url: string;
            /** Format: uuid */
            uuid: string;
            integration: components["schemas"]["IssueSyncIntegration"];
            /** @description The issue as people write it (`octo/app#12`, `OPS-7`); null while it is being created */
            key: string | null;
            /** @description The issue on the platform; null while it is being created */
            url: string | null;
            /**
             * @description `pending` until the platform has the issue (or a change waits to be sent), `synced` when it holds what the request holds, `failed` when the platform refused for good (`last_error` says why)
             * @enum {string}
             */
            state: "pending" | "synced" | "failed";
            /** @description The platform's words about the last failure; null after a success */
            last_error: string | null;
            /** @description ISO 8601: when the issue last matched the request */
            last_synced_date: string | null;
            /** @description ISO 8601 */
            created_date: string;
        };
        /** @description The integration a link goes through */
        IssueSyncIntegration: {
            api_url: string;
            /** Format: uuid */
            uuid: string;
            name: string;
            /** @description The platform, as `GET /integration-types` names it: `github`, `gitlab`, `jira`, `forgejo`, `sourcehut` */
            type: string;
        };
        /** @description A pull request whose title, body or branch names the request */
        PullRequestLink: {
            /** Format: uuid */
            uuid: string;
            integration: components["schemas"]["IssueSyncIntegration"];
            /** @description The pull (merge) request as people write it: `octo/app#31` */
            key: string;
            url: string;
            title: string;
            /** @description `open`, `closed` or `merged`, as last noted on the request */
            state: string;
            /** @description ISO 8601 */
            last_modified_date: string;
        };
        /** @description An integration's issue sync: settings, health, links and bulk sync */
        IssueSync: {
            api_url: string;
            integration: {
                /** Format: uuid */
                uuid: string;
                api_url: string;
                absolute_url: string;
            };
            /** @description The integration's platform has issue sync */
            supported: boolean;
            /** @description It syncs: `config.issueSync` is on and the integration active */
            enabled: boolean;
            /** @description Why it does not sync, when it does not */
            disabled_reason: string | null;
            /** @description `config.issueSync` with its defaults filled in (direction, requests, filter, labels, priorityLabels, createFromLabel, pullRequests); null when off */
            settings: {
                [key: string]: unknown;
            } | null;
            /** @description Where it syncs, e.g. `octo/app on GitHub` */
            target: string | null;
            /** @description Why it cannot run although on, e.g. no token configured */
            unavailable: string | null;
            /** @description Paused after the platform refused its credentials twice in a row: nothing is pushed until a connection test passes */
            paused: boolean;
            /** @description ISO 8601 */
            paused_date: string | null;
            /** @description The platform's words about the refusal, while it stands */
            attention: string | null;
            /** @description ISO 8601 */
            attention_date: string | null;
            /** @description The integration's issue links by state */
            links: {
                pending: number;
                synced: number;
                failed: number;
            };
            /** @description Pull requests it linked to requests */
            pull_requests: number;
            /** @description The last sync of existing requests; null if none ran */
            backfill: components["schemas"]["IssueSyncBackfill"] | null;
        };
        /** @description A sync of existing requests: how far it got */
        IssueSyncBackfill: {
            /** @description ISO 8601 */
            started_date: string;
            /** @description Requests to sync; null until the runtime has counted them */
            total: number | null;
            /** @description Synced so far */
            done: number;
            /** @description Refused by the platform for good (see each link's `last_error`) */
            failed: number;
            /** @description ISO 8601; null while it runs */
            finished_date: string | null;
        };
        /** @description What the platform said to the integration's credentials */
        IssueSyncConnectionTest: {
            ok: boolean;
            /** @description Who the token is on the platform */
            account: string | null;
            target: string | null;
            /** @description Whether the token may create and edit issues there */
            can_write: boolean | null;
            /** @description What would stop part of the sync (a missing scope, webhooks not set up) */
            problems: string[];
            /** @description When `ok` is false: what is wrong, in words to act on (bad token, missing scope, no such repository) */
            error: string | null;
            /** @description The failure may pass by itself (rate limit, platform down): try again later */
            retryable: boolean;
        };
        IssueSyncBackfillStarted: {
            /** @description ISO 8601 */
            started_date: string;
            /** @description Requests to sync; null until the runtime has counted them */
            total: number | null;
            /** @description Synced so far */
            done: number;
            /** @description Refused by the platform for good (see each link's `last_error`) */
            failed: number;
            /** @description ISO 8601; null while it runs */
            finished_date: string | null;
            /** @description Where to follow its progress */
            api_url: string;
        };
        /** @description Which events become messages, where, and how many a minute */
        NotificationRule: {
            api_url: string;
            /** Format: uuid */
            uuid: string;
            name: string;
            is_active: boolean;
            /** @description Event types and patterns (`alert.*`, `*`), as webhooks take them */
            events: string[];
            /** @description A filter expression over `event` and `data`, as webhooks take it */
            filter: string | null;
            /** @enum {string} */
            channel: "slack" | "teams" | "email";
            /** @description The Slack or Teams integration it sends through; null for email */
            integration: string | null;
            destination: components["schemas"]["NotificationDestinationOutput"];
            /** @description Its own title and text; null: the default message for each event type */
            template: components["schemas"]["NotificationTemplateOutput"] | null;
            quiet_hours: components["schemas"]["NotificationQuietHoursOutput"] | null;
            /** @description At most this many messages a minute; the rest fold into one digest for the minute */
            throttle_per_minute: number | null;
            /**
             * @description `failing` when its last message was refused for good (`last_error` says why); the next that goes through clears it
             * @enum {string}
             */
            state: "active" | "failing";
            last_error: string | null;
            last_error_date: string | null;
            created_date: string;
            last_modified_date: string;
        };
        /** @description One message of a rule and how its sending went */
        NotificationMessage: {
            /** Format: uuid */
            uuid: string;
            /** @description The event it is about; null for a test or a digest */
            event: string | null;
            /** @description The event's type; `test`; `digest` */
            event_type: string;
            title: string | null;
            /**
             * @description `folded`: over the throttle, counted in its minute's digest
             * @enum {string}
             */
            status: "pending" | "sent" | "failed" | "folded";
            is_test: boolean;
            is_digest: boolean;
            attempts: number;
            /** @description What the platform answered when it took the message */
            provider_answer: string | null;
            /** @description The platform's id for it (Slack's `ts`) */
            provider_message_id: string | null;
            /** @description The platform's words about the last failure */
            last_error: string | null;
            /** @description ISO 8601: when a pending message is due (a retry, the end of quiet hours) */
            next_attempt_date: string | null;
            completed_date: string | null;
            created_date: string;
        };
        MetricCatalog: {
            metrics: {
                name: string;
                description: string;
                unit: string;
                /**
                 * @description counter: a count per bucket; latency: mean and p50/p95/p99 per bucket; gauge: the mean of its samples
                 * @enum {string}
                 */
                kind: "counter" | "latency" | "gauge";
                /** @description What its series are split by */
                tags: string[];
            }[];
        };
        MetricSeries: {
            name: string;
            description: string;
            unit: string;
            /** @enum {string} */
            kind: "counter" | "latency" | "gauge";
            /** @enum {string} */
            resolution: "minute" | "hour" | "day";
            /** @description The first bucket's start */
            from: string;
            to: string;
            series: {
                tags: {
                    [key: string]: string;
                };
                points: {
                    /** @description The bucket's start (UTC) */
                    at: string;
                    /** @description Observations in the bucket (samples for a gauge) */
                    count: number;
                    /** @description A counter's count, a latency's or a gauge's mean; null for a bucket without observations */
                    value: number | null;
                    min: number | null;
                    max: number | null;
                    /** @description Latencies only, within 10 % */
                    p50?: number | null;
                    p95?: number | null;
                    p99?: number | null;
                }[];
            }[];
        };
        MetricMappingList: {
            items: components["schemas"]["MetricMapping"][];
        };
        MetricMapping: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            name: string;
            /** @description custom.<name>: the metric's name in `GET /metrics/{name}` and where it is forwarded */
            metric: string;
            description: string;
            events: string[];
            filter: string;
            /** @enum {string} */
            kind: "counter" | "latency" | "gauge";
            value: string;
            unit: string;
            tags: {
                [key: string]: string;
            };
            is_active: boolean;
            created_date: string;
            last_modified_date: string;
        };
        PipelineRuleList: {
            items: components["schemas"]["PipelineRule"][];
        };
        PipelineRule: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            name: string;
            integration: {
                /** Format: uuid */
                uuid: string;
                name: string;
                type: string;
            };
            events: string[];
            filter: string;
            /** @description GitHub: the workflow's file name or id; empty for GitLab */
            workflow: string;
            /** @description A CEL expression giving the branch or tag: "main" (quoted), or data.payload.pull_request.head.ref */
            ref: string;
            /** @description Input (GitHub) or variable (GitLab) name → CEL expression giving its text */
            inputs: {
                [key: string]: string;
            };
            is_active: boolean;
            created_date: string;
            last_modified_date: string;
        };
        PipelineRunList: {
            items: components["schemas"]["PipelineRun"][];
        };
        PipelineRun: {
            /** Format: uuid */
            uuid: string;
            rule: {
                /** Format: uuid */
                uuid: string;
                name: string;
            };
            /**
             * Format: uuid
             * @description The event that started it
             */
            event: string;
            /** @description The deployment or request the event was about */
            subject: {
                type: string;
                /** Format: uuid */
                uuid: string;
            } | null;
            ref: string;
            inputs: {
                [key: string]: string;
            };
            /**
             * @description failed: the platform refused to start it (see error)
             * @enum {string}
             */
            status: "pending" | "queued" | "in_progress" | "completed" | "failed";
            /** @description The platform's, once completed: success, failure, cancelled, … */
            conclusion: string | null;
            /** @description GitHub's run id or GitLab's pipeline id */
            external_id: string | null;
            url: string | null;
            error: string | null;
            created_date: string;
            last_modified_date: string;
        };
        DeploymentPlatformLinks: {
            items: {
                integration: {
                    /** Format: uuid */
                    uuid: string;
                    name: string;
                    type: string;
                };
                external_id: string;
                last_status: string | null;
                last_error: string | null;
                last_modified_date: string;
            }[];
        };
        /** @description A run of a durable function, newest first in lists */
        RunSummary: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description The durable function's id, e.g. switchboard-webhook-deliver */
            function: string;
            function_name: string;
            /**
             * @description SLEEPING and WAITING are a running run's pauses
             * @enum {string}
             */
            status: "QUEUED" | "RUNNING" | "SLEEPING" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELLED";
            /** @description The name of the event that started it */
            event: string;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601, or null */
            started_date: string | null;
            /** @description ISO 8601, or null */
            ended_date: string | null;
            /** @description null while it goes on */
            duration_ms: number | null;
            /** @description What came of it, in one line */
            outcome: {
                /** @enum {string} */
                tone: "success" | "warning" | "failure" | "neutral";
                text: string;
            };
        };
        /** @description A run with its trigger, steps, failed attempts and pending work */
        Run: {
            api_url: string;
            absolute_url: string;
            /** Format: uuid */
            uuid: string;
            /** @description The durable function's id, e.g. switchboard-webhook-deliver */
            function: string;
            function_name: string;
            /**
             * @description SLEEPING and WAITING are a running run's pauses
             * @enum {string}
             */
            status: "QUEUED" | "RUNNING" | "SLEEPING" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELLED";
            /** @description The name of the event that started it */
            event: string;
            /** @description ISO 8601 */
            created_date: string;
            /** @description ISO 8601, or null */
            started_date: string | null;
            /** @description ISO 8601, or null */
            ended_date: string | null;
            /** @description null while it goes on */
            duration_ms: number | null;
            /** @description What came of it, in one line */
            outcome: {
                /** @enum {string} */
                tone: "success" | "warning" | "failure" | "neutral";
                text: string;
            };
            /** @description The event that started it, whole */
            trigger: unknown;
            output: unknown;
            error: unknown;
            /** @description The run that invoked this one, if any */
            parent_run: string | null;
            steps: {
                step_id: string;
                name: string;
                op: string;
                ok: boolean;
                result: unknown;
                attempts: number;
                /** @description ISO 8601, or null */
                started_date: string | null;
                ended_date: string;
            }[];
            /** @description Failed attempts, oldest first */
            attempts: {
                step_name: string | null;
                attempt: number;
                error: unknown;
                /** @description ISO 8601, or null */
                retry_date: string | null;
                created_date: string;
            }[];
            /** @description What it waits for: a call, a sleep, an event or an invoked run */
            pending: {
                [key: string]: unknown;
            }[];
        };
        /** @description Where messages go, by channel: Slack `{channel}`, email `{to, roles}`, Teams `{}` (the integration's Workflows URL) */
        NotificationDestinationOutput: {
            /** @description Slack with a bot token: the channel, `"#ops"` or an id like `"C0123456789"`; default: the integration's `channel` */
            channel?: string;
            /** @description Email: addresses to mail (up to 50) */
            to?: string[];
            /** @description Email: also mail the dataspace's members with these roles, e.g. `["ADMIN", "OWNER"]` */
            roles?: ("OWNER" | "ADMIN" | "MEMBER" | "VIEWER")[];
        };
        NotificationTemplateOutput: {
            /** @description One line, with `{{ data.… }}` and `{{ event.… }}` placeholders, e.g. `[{{ data.severity }}] {{ data.title }}` */
            title: string;
            /** @description The body, with placeholders; nothing in a template is executed */
            text?: string;
        };
        /** @description Messages due in these hours wait until they end */
        NotificationQuietHoursOutput: {
            /** @description "22:00" */
            start: string;
            /** @description "07:00" */
            end: string;
            /** @description An IANA time zone: `Europe/Paris`, `UTC` */
            time_zone: string;
        };
    };
    responses: {
        /** @description Malformed request: the body is not JSON, a cursor or the Idempotency-Key is not valid */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No token, or a token that is unknown, revoked or expired */
        Unauthorized: {
            headers: {
                /** @description `Bearer` */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token lacks the scope this operation needs, or its creator's role does not allow it */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Invalid fields or unknown query parameters (listed in `errors`; text may hold no NUL and no lone surrogate), or an Idempotency-Key reused with another body */
        ValidationError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token's rate limit is spent for this minute */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After": number;
                /** @description Requests this token may make per minute */
                "RateLimit-Limit": number;
                /** @description Requests left in the current minute */
                "RateLimit-Remaining": number;
                /** @description Seconds until the budget refills */
                "RateLimit-Reset": number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A request with the same Idempotency-Key is still being processed, or the change conflicts with the current state */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is larger than the server accepts */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not sent as application/json */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such object in the token's dataspace (or not visible to the token) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description If-Match does not match the object's current ETag: someone changed it since you read it */
        PreconditionFailed: {
            headers: {
                /** @description The current ETag */
                ETag: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listRequests: {
        parameters: {
            query?: {
                /** @description Only these statuses (repeat the parameter or separate with commas) */
                status?: ("draft" | "open" | "in_progress" | "blocked" | "closed")[];
                /** @description Only these priorities */
                priority?: ("low" | "normal" | "high" | "urgent")[];
                /** @description Only requests assigned to this member (email), or `none` for unassigned ones */
                assignee?: "none" | string;
                /** @description Only requests made by this member (email) */
                requester?: string;
                /** @description Words in the title (case-insensitive) */
                q?: string;
                /** @description Sort key; `-` for descending. Default: newest first */
                ordering?: "-created_date" | "created_date" | "-last_modified_date" | "last_modified_date";
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Request"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listRequestComments: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["RequestComment"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    addRequestComment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestCommentCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestComment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getRequestComment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
                /** @description The comment's `uuid` */
                comment_uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestComment"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                /** @description Only these statuses; `open` stands for investigating, identified and monitoring (repeat the parameter or separate with commas) */
                status?: ("investigating" | "identified" | "monitoring" | "resolved" | "open")[];
                /** @description Only these severities */
                severity?: ("critical" | "major" | "minor")[];
                /** @description Only incidents affecting this service (its `uuid`) */
                service?: string;
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Incident"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    addIncidentUpdate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentTimelineUpdateCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Only events of this type or pattern, as webhooks subscribe: one type (`request.added`, `github.push`), a family or part of one (`github.*`, `github.pull_request.*`, `inbound.*`, `custom.*`), a catalog prefix (`request.*`) or `*`. A pattern no event type can match is a 422 naming `type`. */
                type?: string;
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Event"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listEventTypes: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["EventType"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createEventType: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventTypeCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getEventType: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateEventType: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventTypeUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIntegrationTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["IntegrationType"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIntegrations: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Integration"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIntegration: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getIntegration: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateIntegration: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    rotateIntegrationInboundUrl: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getIntegrationTelemetry: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationTelemetry"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    testIntegrationTelemetry: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationTelemetryTest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listInboundEvents: {
        parameters: {
            query?: {
                /** @description Only events in this state, e.g. `failed` */
                status?: "received" | "processing" | "processed" | "failed";
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["InboundEventSummary"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getInboundEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundEvent"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    replayInboundEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboundEventSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listMembers: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Member"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Webhook"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookSecretRotation"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    sendWebhookTest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliverySummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Only deliveries in this state, e.g. `failed` */
                status?: "pending" | "succeeded" | "failed" | "held";
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["WebhookDeliverySummary"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliverySummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    replayWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookReplayCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplay"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getWebhookReplay: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplay"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listServices: {
        parameters: {
            query?: {
                /** @description Only services of this group (exact name) */
                group?: string;
                /** @description Only these statuses (repeat the parameter or separate with commas) */
                status?: ("operational" | "degraded_performance" | "partial_outage" | "major_outage" | "under_maintenance")[];
                /** @description Words in the name (case-insensitive) */
                q?: string;
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Service"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createService: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateService: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listMaintenances: {
        parameters: {
            query?: {
                /** @description Only these statuses (repeat the parameter or separate with commas) */
                status?: ("scheduled" | "in_progress" | "completed")[];
                /** @description Only windows that hold this service (its `uuid`) */
                service?: string;
                /** @description By scheduled start; `-` for latest first (the default). `scheduled_start` with `status=scheduled` lists what comes next first */
                ordering?: "-scheduled_start" | "scheduled_start";
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Maintenance"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    scheduleMaintenance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaintenanceCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Maintenance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getMaintenance: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Maintenance"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateMaintenance: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaintenanceUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Maintenance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    addMaintenanceUpdate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaintenanceUpdateCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Maintenance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    completeMaintenance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaintenanceEnd"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Maintenance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    cancelMaintenance: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaintenanceEnd"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Maintenance"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listDeployments: {
        parameters: {
            query?: {
                /** @description Only this service's deployments (its name or uuid) */
                service?: string;
                /** @description Only deployments to this environment, e.g. `production` */
                environment?: string;
                /** @description Only these statuses (repeat the parameter or separate with commas) */
                status?: ("queued" | "in_progress" | "success" | "failure" | "cancelled")[];
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Deployment"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createDeployment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getDeployment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateDeployment: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeploymentUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                /** @description Only these statuses (repeat the parameter or separate with commas); open alerts are `triggered,acknowledged` */
                status?: ("triggered" | "acknowledged" | "resolved")[];
                /** @description Only these severities */
                severity?: ("critical" | "error" | "warning" | "info")[];
                /** @description Only alerts raised by these sources */
                source?: ("api" | "datadog" | "new_relic")[];
                /** @description Only alerts of this service (its `uuid`) */
                service?: string;
                /** @description Words in the title (case-insensitive) */
                q?: string;
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["Alert"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    raiseAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRaise"];
            };
        };
        responses: {
            /** @description A repeat: an alert with this fingerprint was open, and the raise counted on it */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    resolveAlertByFingerprint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertResolveByFingerprint"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    linkAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertLinks"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    acknowledgeAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    resolveAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Alert"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listRequestIssueLinks: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestIssueLinks"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createRequestIssueLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueLinkCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getRequestIssueLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
                /** @description The link's `uuid` */
                link_uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueLink"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteRequestIssueLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
                /** @description The link's `uuid` */
                link_uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getIntegrationIssueSync: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueSync"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    testIntegrationIssueSync: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueSyncConnectionTest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    startIntegrationIssueSyncBackfill: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the work goes on in the background */
            202: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueSyncBackfillStarted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listNotificationRules: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["NotificationRule"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createNotificationRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationRuleCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getNotificationRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationRule"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteNotificationRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateNotificationRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationRuleUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    testNotificationRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the work goes on in the background */
            202: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationMessage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listNotificationMessages: {
        parameters: {
            query?: {
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
                status?: "pending" | "sent" | "failed" | "folded";
            };
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["NotificationMessage"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listMetrics: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricCatalog"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getMetric: {
        parameters: {
            query: {
                /** @description ISO 8601; the first bucket is the one holding it */
                from: string;
                /** @description ISO 8601, exclusive; now when left out */
                to?: string;
                /** @description Bucket size; by default minutes up to 6 hours, hours up to 14 days, then days. At most 1 500 points */
                resolution?: "minute" | "hour" | "day";
                /** @description `series` (default): one series per tag value (per endpoint, …); `total`: added up */
                group?: "series" | "total";
                /** @description Only the series whose endpoint is this */
                endpoint?: string;
                /** @description Only the series whose integration is this */
                integration?: string;
                /** @description Only the series whose type is this */
                type?: string;
                /** @description Only the series whose severity is this */
                severity?: string;
                /** @description Only the series whose environment is this */
                environment?: string;
                /** @description Only the series whose status is this */
                status?: string;
                /** @description Any metric's tags, custom metrics' included, as `tag:value` pairs separated by commas: only the series that have them all */
                tags?: string;
            };
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description One of webhooks.deliveries.succeeded, webhooks.deliveries.failed, webhooks.deliveries.latency_ms, inbound.received, inbound.failed, events.published, alerts.triggered, deployments.finished, deployments.lead_time_s, incidents.declared, incidents.time_to_resolve_s, requests.open, or a custom metric: custom.<name> of a metric mapping */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricSeries"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listMetricMappings: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricMappingList"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createMetricMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MetricMappingCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricMapping"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getMetricMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricMapping"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteMetricMapping: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateMetricMapping: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MetricMappingUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricMapping"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listPipelineRules: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineRuleList"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createPipelineRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PipelineRuleCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description The new object's URL */
                    Location: string;
                    "Idempotency-Replayed"?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getPipelineRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineRule"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deletePipelineRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updatePipelineRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you read: the change is refused with 412 if the object changed since */
                "If-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PipelineRuleUpdate"];
            };
        };
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listPipelineRuns: {
        parameters: {
            query?: {
                rule?: string;
                subject?: string;
                limit?: number;
            };
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineRunList"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listDeploymentPlatformLinks: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentPlatformLinks"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listRuns: {
        parameters: {
            query?: {
                /** @description Only runs in this state */
                status?: "QUEUED" | "RUNNING" | "SLEEPING" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELLED";
                /** @description Only runs of this function id */
                function?: string;
                /** @description Objects per page, 1–100 */
                limit?: number;
                /** @description Where the page starts: copy it from a `next` link, never build it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of results */
            200: {
                headers: {
                    Link?: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: components["schemas"]["RunSummary"][];
                        /** @description Absolute URL of the next page (also in the `Link` header), null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you have: 304 without a body if it is still current */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The object's `uuid` */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The object */
            200: {
                headers: {
                    /** @description The object's version, for If-Match and If-None-Match */
                    ETag: string;
                    /** @description Requests this token may make per minute */
                    "RateLimit-Limit": number;
                    /** @description Requests left in the current minute */
                    "RateLimit-Remaining": number;
                    /** @description Seconds until the budget refills */
                    "RateLimit-Reset": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            /** @description Not modified: the ETag in If-None-Match is current */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
}
