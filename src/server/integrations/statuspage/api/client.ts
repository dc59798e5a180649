import { z } from "zod";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";
import { StatuspageApiError } from "./errors";
import { guardedFetch, statuspageApiBase, TransportError } from "./guarded-fetch";

/**
 * A typed client for the part of Statuspage's management API that the sync uses
 * (https://developer.statuspage.io/): pages, components, incidents (realtime and scheduled). Plain
 * `fetch` — by default over the guarded transport — with `Authorization: OAuth <key>` and JSON
 * bodies wrapped the way the API takes them (`{"incident": {…}}`, `{"component": {…}}`).
 *
 * One method is one logical call and never retries by itself: the runtime retries (a step per
 * call), honouring the error's verdict (./errors.ts).
 */

export const COMPONENT_STATUSES = ["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage"] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Realtime incidents move investigating → identified → monitoring → resolved; scheduled ones scheduled → in_progress → verifying → completed. */
export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved", "scheduled", "in_progress", "verifying", "completed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const pageSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  subdomain: z.string().nullish(),
  domain: z.string().nullish(),
  url: z.string().nullish(),
});
export type StatuspagePage = z.infer<typeof pageSchema>;

const componentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  // "" is in the documented enum (a group has no status of its own).
  status: z.enum([...COMPONENT_STATUSES, ""]).nullish(),
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
  description: z.string().nullish(),
  position: z.number().nullish(),
});
export type StatuspageComponent = z.infer<typeof componentSchema>;

const incidentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string().nullish(),
  shortlink: z.string().nullish(),
  scheduled_for: z.string().nullish(),
  scheduled_until: z.string().nullish(),
  resolved_at: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  components: z.array(componentSchema).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type StatuspageIncident = z.infer<typeof incidentSchema>;

/** What an incident is created or updated with; for a maintenance, the scheduled_* fields. */
export type IncidentInput = {
  name: string;
  status?: IncidentStatus;
  /** The update's message (the first update, on create). */
  body?: string;
  component_ids?: string[];
  /** Each affected component's status while the incident holds it. */
  components?: Record<string, ComponentStatus>;
  /** Notify the page's subscribers of this change. */
  deliver_notifications?: boolean;
  impact_override?: "none" | "maintenance" | "minor" | "major" | "critical";
  scheduled_for?: string;
  scheduled_until?: string;
  scheduled_remind_prior?: boolean;
  scheduled_auto_in_progress?: boolean;
  scheduled_auto_completed?: boolean;
  auto_transition_to_maintenance_state?: boolean;
  auto_transition_to_operational_state?: boolean;
  auto_transition_deliver_notifications_at_start?: boolean;
  auto_transition_deliver_notifications_at_end?: boolean;
  /** Top-level values must be objects (the API's rule): e.g. {"switchboard": {"incident": "<uuid>"}}. */
  metadata?: Record<string, Record<string, unknown>>;
};

export type StatuspageClientOptions = {
  apiKey: string;
  /** Default: STATUSPAGE_API_URL, else https://api.statuspage.io/v1. */
  baseUrl?: string;
  /** Default: the guarded transport. */
  fetch?: typeof fetch;
  now?: () => Date;
};

/** A Retry-After longer than this is taken as this: the runtime comes back then and asks again. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;
const PER_PAGE = 100;
const MAX_PAGES = 50;

export type StatuspageClient = ReturnType<typeof createStatuspageClient>;

export function createStatuspageClient(options: StatuspageClientOptions) {
  const base = (options.baseUrl ?? statuspageApiBase()).replace(/\/+$/, "");
  const doFetch = options.fetch ?? guardedFetch;
  const now = options.now ?? (() => new Date());

  async function call<T>(method: "GET" | "POST" | "PATCH", path: string, what: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `OAuth ${options.apiKey}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
      });
    } catch (error) {
      if (error instanceof TransportError && (error.kind === "forbidden_address" || error.kind === "invalid_url")) {
        throw new StatuspageApiError("blocked", `Statuspage could not be called (${what}): ${error.message}`);
      }
      throw new StatuspageApiError("network", `Statuspage did not answer (${what}): ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw errorOf(response, text, what, now());
    let json: unknown;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      throw new StatuspageApiError("bad_answer", `Statuspage answered ${what} with ${response.status} but not JSON`, { status: response.status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StatuspageApiError("bad_answer", `Statuspage's answer to ${what} is not what its API documents (${issue.path.join(".") || "body"}: ${issue.message})`, {
        status: response.status,
      });
    }
    return parsed.data;
  }

  /** Every page of a paginated list (`page`, `per_page`), up to MAX_PAGES × PER_PAGE items. */
  async function all<T>(path: string, what: string, schema: z.ZodType<T>): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const batch = await call("GET", `${path}?page=${page}&per_page=${PER_PAGE}`, what, z.array(schema));
      items.push(...batch);
      if (batch.length < PER_PAGE) break;
    }
    return items;
  }

  const pagePath = (pageId: string) => `/pages/${encodeURIComponent(pageId)}`;

  return {
    getPage: (pageId: string): Promise<StatuspagePage> => call("GET", pagePath(pageId), `page ${pageId}`, pageSchema),

    listComponents: (pageId: string): Promise<StatuspageComponent[]> => all(`${pagePath(pageId)}/components`, `the components of page ${pageId}`, componentSchema),

    updateComponentStatus: (pageId: string, componentId: string, status: ComponentStatus): Promise<StatuspageComponent> =>
      call("PATCH", `${pagePath(pageId)}/components/${encodeURIComponent(componentId)}`, `component ${componentId} of page ${pageId}`, componentSchema, {
        component: { status },
      }),

    createIncident: (pageId: string, incident: IncidentInput): Promise<StatuspageIncident> =>
      call("POST", `${pagePath(pageId)}/incidents`, `a new incident on page ${pageId}`, incidentSchema, { incident }),

    updateIncident: (pageId: string, incidentId: string, incident: Partial<IncidentInput>): Promise<StatuspageIncident> =>
      call("PATCH", `${pagePath(pageId)}/incidents/${encodeURIComponent(incidentId)}`, `incident ${incidentId} of page ${pageId}`, incidentSchema, { incident }),

    getIncident: (pageId: string, incidentId: string): Promise<StatuspageIncident> =>
      call("GET", `${pagePath(pageId)}/incidents/${encodeURIComponent(incidentId)}`, `incident ${incidentId} of page ${pageId}`, incidentSchema),
    listUnresolvedIncidents: (pageId: string): Promise<StatuspageIncident[]> =>
      all(`${pagePath(pageId)}/incidents/unresolved`, `the unresolved incidents of page ${pageId}`, incidentSchema),
  };
}

/** The provider's own words from an error body: `{"message": …}` (documented) or `{"error": …}`. */
export function providerMessageOf(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const plain = text.trim();
    return plain && plain.length <= 300 && !plain.startsWith("<") ? plain : null;
  }
  if (typeof body !== "object" || body === null) return null;
  const record = body as Record<string, unknown>;
  for (const key of ["message", "error", "errors"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) return value.trim().slice(0, 500);
    if (Array.isArray(value) && value.every((item) => typeof item === "string") && value.length > 0) return value.join("; ").slice(0, 500);
  }
  return null;
}

function errorOf(response: Response, text: string, what: string, now: Date): StatuspageApiError {
  const status = response.status;
  const providerMessage = providerMessageOf(text);
  const said = providerMessage ? `: ${providerMessage}` : "";
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"), now);
  const retryAfterMs = retryAfter === null ? null : Math.min(retryAfter, MAX_RETRY_AFTER_MS);
  const details = { status, providerMessage, retryAfterMs };
  if (status === 429 || status === 420) {
    return new StatuspageApiError("rate_limited", `Statuspage is rate-limiting this API key (${status}${said}); retrying ${what} later`, details);
  }
  if (status >= 500) return new StatuspageApiError("unavailable", `Statuspage failed on ${what} (${status}${said}); retrying later`, details);
  if (status === 401) {
    return new StatuspageApiError("unauthorized", `Statuspage refused the API key (401${said}). Check apiKey: it must be a current key from Statuspage's API info.`, details);
  }
  if (status === 403) {
    return new StatuspageApiError("forbidden", `Statuspage refused access to ${what} (403${said}). The API key's user needs a role on this page that allows it.`, details);
  }
  if (status === 404) {
    return new StatuspageApiError("not_found", `Statuspage does not know ${what} (404${said}): check the page id and the component mapping.`, details);
  }
  if (status >= 300 && status < 400) {
    return new StatuspageApiError("redirected", `Statuspage redirected ${what} to ${response.headers.get("location") ?? "(no location)"} (${status}); not followed`, details);
  }
  return new StatuspageApiError("rejected", `Statuspage refused ${what} (${status}${said})`, details);
}
