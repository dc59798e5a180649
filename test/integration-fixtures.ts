import { randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { startAppRuntime, type AppRuntime } from "./app-runtime";
import { seedDataspace, seedUser, tenantFor } from "./factories";

/**
 * Helpers for the inbound webhook tests: integrations created through the domain (so their
 * token and secrets are real and encrypted), real GitHub payloads from
 * `@octokit/webhooks-examples` signed the way GitHub signs them, and the app as server.ts serves
 * machine traffic. Nothing here imports a test runner.
 */

let owner: { id: string } | undefined;

/** A fresh dataspace (owned by one user per test file) and its owner's context. */
export async function integrationTenant(name?: string): Promise<TenantContext> {
  owner ??= await seedUser();
  const dataspace = await seedDataspace({ owner, name });
  return tenantFor(owner.id, dataspace.slug);
}

/** Integrations are seeded by the shared factory (test/factories.ts). */
export { seedIntegration, type SeededIntegration } from "./factories";

/** A payload GitHub documents for `event` (and `action`), deep-copied so tests may change it. */
export function githubExample(event: string, action?: string): Record<string, unknown> {
  const definition = examples.find((d) => d.name === event);
  const example = definition?.examples.find((e) => action === undefined || (e as { action?: string }).action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ""} example`);
  return structuredClone(example) as Record<string, unknown>;
}

export type Delivery = { body: string; headers: Record<string, string>; deliveryId: string };

/** The request GitHub sends for `payload`: its headers, signed with `secret` (X-Hub-Signature-256). */
export async function githubDelivery(secret: string, event: string, payload: unknown, options: { deliveryId?: string; body?: string } = {}): Promise<Delivery> {
  const body = options.body ?? JSON.stringify(payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  return {
    body,
    deliveryId,
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/a1b2c3d",
      "x-github-event": event,
      "x-github-delivery": deliveryId,
      "x-github-hook-id": "123456789",
      "x-hub-signature-256": await sign(secret, body),
    },
  };
}

/**
 * A request to the receiver, as the Web-standard handler gets it. A string body goes as bytes,
 * so the request has exactly the headers given (fetch would add `text/plain` to a string).
 */
export function hookRequest(path: string, init: { body?: string | ReadableStream<Uint8Array>; headers?: Record<string, string>; method?: string } = {}): Request {
  const method = init.method ?? "POST";
  const body = method === "GET" || method === "HEAD" ? undefined : typeof init.body === "string" ? new TextEncoder().encode(init.body) : init.body;
  return new Request(`http://switchboard.test${path}`, { method, headers: init.headers, body, duplex: "half" } as RequestInit);
}

export function webhookEventsOf(integrationId: string) {
  return db.webhookEvent.findMany({ where: { integrationId }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }] });
}

/** The app's machine side with the runtime's retry backoff capped (test/app-runtime.ts). */
export type InboundApp = Pick<AppRuntime, "url" | "executor" | "stop" | "pauseRelay" | "resumeRelay">;

export function startInboundApp(options: { maxBackoffMs?: number; env?: Record<string, string> } = {}): Promise<InboundApp> {
  return startAppRuntime({ env: options.env, maxBackoffMs: options.maxBackoffMs ?? 50 });
}
