import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createContractGate, type ContractGate } from "./contract";
import { applyIncident, componentJson, fakeId, INCIDENT_STATUSES, incidentJson, notFound, paged, refused, type Answer } from "./fake-statuspage-objects";

export { fakeId } from "./fake-statuspage-objects";

/**
 * A stateful Statuspage for tests, on 127.0.0.1: pages (each with its API key), components,
 * incidents (realtime and scheduled, with their updates) and subscribers in memory, served at
 * `<url>` as the management API's `/v1`. Every request passes the contract gate (./contract.ts)
 * first: what the real API would refuse is recorded in `violations` — a test asserts there are
 * none — and answered the way Statuspage answers (400/422 with `{"message": …}`). Then the
 * state's own rules: the key must be the page's (401), the page and components must exist (404,
 * or 422 for an unknown component in an incident).
 *
 * `fault()` makes the next requests fail: 429 with Retry-After, 500, or no answer at all (hang);
 * with `match`, only the requests it picks. Tests change the state directly (`setComponentStatus`,
 * `setIncidentStatus`: drift made on Statuspage's side).
 *
 * Outside the API, for a test in another process (the e2e suite), under `/_fake/` and never
 * gated nor recorded: `POST /_fake/pages` `{"name", "components": ["…"]}` makes a page (answers its
 * id, key and components), `GET /_fake/pages/<id>` shows its state as the API would (components,
 * incidents with their updates, subscribers' notifications), `GET /_fake/health` answers 200.
 */

export type ComponentStatus = "operational" | "under_maintenance" | "degraded_performance" | "partial_outage" | "major_outage";

export type FakeComponent = { id: string; name: string; status: ComponentStatus | ""; description: string | null; group: boolean; position: number; createdAt: string; updatedAt: string };
export type FakeIncidentUpdate = { id: string; status: string; body: string; deliverNotifications: boolean; createdAt: string; affectedComponents: { code: string; old_status: string; new_status: string }[] };
export type FakeIncident = {
  id: string;
  name: string;
  status: string;
  impactOverride: string | null;
  componentIds: string[];
  scheduledFor: string | null;
  scheduledUntil: string | null;
  scheduledAutoInProgress: boolean;
  scheduledAutoCompleted: boolean;
  metadata: Record<string, unknown> | null;
  updates: FakeIncidentUpdate[];
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
};
export type FakePage = {
  id: string;
  name: string;
  apiKey: string;
  /** Keys whose user has no role on this page: 403. */
  forbiddenKeys: Set<string>;
  components: Map<string, FakeComponent>;
  incidents: Map<string, FakeIncident>;
  subscribers: string[];
  /** What subscribers were sent: one entry per (subscriber, incident update) delivered. */
  notifications: { subscriber: string; incidentId: string; status: string }[];
};

export type RecordedRequest = { at: number; method: string; path: string; body: unknown; status: number | null; operationId: string | null };
/** `match`: only requests it picks are failed (and counted); others pass. */
export type Fault = ({ status: 429; retryAfter?: string } | { status: 500 } | { hang: true }) & { times?: number; match?: (request: { method: string; path: string }) => boolean };

export type FakeStatuspage = {
  /** The API base to configure (STATUSPAGE_API_URL), e.g. http://127.0.0.1:41234/v1 */
  url: string;
  pages: Map<string, FakePage>;
  requests: RecordedRequest[];
  /** Requests the real API would refuse, each with why: a test's afterEach expects none. */
  violations: string[];
  addPage(input?: { id?: string; name?: string; apiKey?: string }): FakePage;
  addComponent(pageId: string, input: { id?: string; name: string; status?: ComponentStatus }): FakeComponent;
  addSubscriber(pageId: string, email: string): void;
  /** Drift made on Statuspage's side: a person changed the component in Statuspage. */
  setComponentStatus(pageId: string, componentId: string, status: ComponentStatus): void;
  /** Drift made on Statuspage's side: a person (or Statuspage's own auto transition) moved the incident. */
  setIncidentStatus(pageId: string, incidentId: string, status: string): void;
  component(pageId: string, componentId: string): FakeComponent;
  incidents(pageId: string): FakeIncident[];
  /** The next `times` requests (default 1) fail this way; null clears it. */
  fault(fault: Fault | null): void;
  close(): Promise<void>;
};

/** `port`: where to listen on 127.0.0.1 (default: any free port). */
export async function startFakeStatuspage(options: { port?: number } = {}): Promise<FakeStatuspage> {
  const gate: ContractGate = await createContractGate();
  const pages = new Map<string, FakePage>();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let fault: (Fault & { left: number }) | null = null;
  const hanging = new Set<http.ServerResponse>();
  const now = () => new Date().toISOString();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake.invalid");
      const text = Buffer.concat(chunks).toString("utf8");
      if (url.pathname.startsWith("/_fake/")) return control(req.method ?? "", url.pathname, text, res);
      const record: RecordedRequest = { at: Date.now(), method: req.method ?? "", path: url.pathname, body: null, status: null, operationId: null };
      requests.push(record);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        const payload = body === undefined ? "" : JSON.stringify(body);
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(payload);
      };
      let body: unknown;
      if (text !== "") {
        if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
          violations.push(`${record.method} ${record.path}: a body sent as ${req.headers["content-type"] ?? "no content type"}, not application/json`);
          return send(400, { message: "Content-Type must match the body" });
        }
        try {
          body = JSON.parse(text);
        } catch {
          violations.push(`${record.method} ${record.path}: the body is not JSON`);
          return send(400, { message: "Bad request" });
        }
      }
      record.body = body ?? null;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const verdict = gate.check({ method: record.method, path: url.pathname, query: url.search.replace(/^\?/, ""), headers, body });
      record.operationId = verdict.operationId;
      if (!verdict.ok) {
        violations.push(`${record.method} ${record.path}: ${verdict.errors.join("; ")}`);
        return send(verdict.operationId ? 422 : 404, { message: verdict.errors.join("; ") });
      }

      if (fault && fault.left > 0 && (!fault.match || fault.match({ method: record.method, path: record.path }))) {
        const current = fault;
        current.left -= 1;
        if (current.left === 0) fault = null;
        if ("hang" in current) {
          hanging.add(res);
          res.on("close", () => hanging.delete(res));
          return;
        }
        if (current.status === 429) return send(429, { message: "Rate limit exceeded" }, current.retryAfter === undefined ? {} : { "retry-after": current.retryAfter });
        return send(500, { message: "Internal server error" });
      }

      const page = pages.get(verdict.params.page_id);
      const key = /^OAuth (.+)$/.exec(headers.authorization ?? "")?.[1];
      // Statuspage cannot tell a page that does not exist from one the key cannot see.
      if (!key || ![...pages.values()].some((p) => p.apiKey === key)) return send(401, { message: "Could not authenticate" });
      if (!page) return send(404, { message: "The requested resource could not be found." });
      if (page.apiKey !== key) return send(404, { message: "The requested resource could not be found." });
      if (page.forbiddenKeys.has(key)) return send(403, { message: "You are not authorized to access this resource." });

      const answer = handle(verdict.operationId, page, verdict.params, url.searchParams, body as Record<string, Record<string, unknown>> | undefined);
      const problems = gate.checkResponse(verdict.operationId, answer.status, answer.body);
      for (const problem of problems) violations.push(`the fake's own answer to ${record.method} ${record.path}: ${problem}`);
      if (answer.status === 422 && answer.violation) violations.push(`${record.method} ${record.path}: ${(answer.body as { message: string }).message}`);
      send(answer.status, answer.body);
    });
  });

  /** The test-only side (see the top of this file). */
  function control(method: string, path: string, text: string, res: http.ServerResponse) {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (method === "GET" && path === "/_fake/health") return reply(200, { ok: true });
    if (method === "POST" && path === "/_fake/pages") {
      let input: { name?: string; components?: string[] } = {};
      try {
        input = text ? JSON.parse(text) : {};
      } catch {
        return reply(400, { message: "not JSON" });
      }
      const page = api.addPage({ name: input.name });
      const components = (input.components ?? []).map((name) => api.addComponent(page.id, { name }));
      return reply(201, { id: page.id, apiKey: page.apiKey, components: components.map((c) => componentJson(page, c)) });
    }
    const match = /^\/_fake\/pages\/([^/]+)$/.exec(path);
    const page = match ? pages.get(match[1]) : undefined;
    if (method === "GET" && page) {
      return reply(200, {
        id: page.id,
        name: page.name,
        components: [...page.components.values()].map((c) => componentJson(page, c)),
        incidents: [...page.incidents.values()].map((i) => incidentJson(page, i)),
        notifications: page.notifications,
      });
    }
    return reply(404, { message: "no such page or control" });
  }

  function handle(operationId: string, page: FakePage, params: Record<string, string>, query: URLSearchParams, body: Record<string, Record<string, unknown>> | undefined): Answer {
    switch (operationId) {
      case "getPagesPageId":
        return { status: 200, body: { id: page.id, name: page.name, subdomain: page.id, domain: null, url: `https://${page.id}.statuspage.io`, time_zone: "Etc/UTC", allow_page_subscribers: true, allow_incident_subscribers: true } };
      case "getPagesPageIdComponents":
        return { status: 200, body: paged([...page.components.values()], query).map((c) => componentJson(page, c)) };
      case "patchPagesPageIdComponentsComponentId": {
        const component = page.components.get(params.component_id);
        if (!component) return notFound();
        const input = body!.component;
        if (typeof input.status === "string") component.status = input.status as ComponentStatus;
        if (typeof input.name === "string") component.name = input.name;
        if (typeof input.description === "string") component.description = input.description;
        component.updatedAt = now();
        return { status: 200, body: componentJson(page, component) };
      }
      case "postPagesPageIdIncidents": {
        const at = now();
        const incident: FakeIncident = {
          id: fakeId(),
          name: "",
          status: "investigating",
          impactOverride: null,
          componentIds: [],
          scheduledFor: null,
          scheduledUntil: null,
          scheduledAutoInProgress: false,
          scheduledAutoCompleted: false,
          metadata: null,
          updates: [],
          createdAt: at,
          updatedAt: at,
          resolvedAt: null,
        };
        const problem = applyIncident(page, incident, body!.incident, true);
        if (problem) return refused(problem);
        page.incidents.set(incident.id, incident);
        return { status: 201, body: incidentJson(page, incident) };
      }
      case "getPagesPageIdIncidentsUnresolved":
        return { status: 200, body: paged([...page.incidents.values()].filter((i) => INCIDENT_STATUSES.has(i.status) && i.status !== "resolved"), query).map((i) => incidentJson(page, i)) };
      case "getPagesPageIdIncidentsIncidentId": {
        const incident = page.incidents.get(params.incident_id);
        return incident ? { status: 200, body: incidentJson(page, incident) } : notFound();
      }
      case "patchPagesPageIdIncidentsIncidentId": {
        const incident = page.incidents.get(params.incident_id);
        if (!incident) return notFound();
        const copy = structuredClone({ ...incident, updates: incident.updates });
        const problem = applyIncident(page, copy, body!.incident, false);
        if (problem) return refused(problem);
        page.incidents.set(incident.id, copy);
        return { status: 200, body: incidentJson(page, copy) };
      }
      default:
        return { status: 501, body: { message: `${operationId} is in the contract but the fake does not serve it` } };
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;

  const pageOf = (pageId: string) => {
    const page = pages.get(pageId);
    if (!page) throw new Error(`the fake has no page ${pageId}`);
    return page;
  };

  const api: FakeStatuspage = {
    url: `http://127.0.0.1:${port}/v1`,
    pages,
    requests,
    violations,
    addPage(input = {}) {
      const page: FakePage = {
        id: input.id ?? fakeId(),
        name: input.name ?? "Fake status page",
        apiKey: input.apiKey ?? randomBytes(32).toString("hex"),
        forbiddenKeys: new Set(),
        components: new Map(),
        incidents: new Map(),
        subscribers: [],
        notifications: [],
      };
      pages.set(page.id, page);
      return page;
    },
    addComponent(pageId, input) {
      const page = pageOf(pageId);
      const at = now();
      const component: FakeComponent = { id: input.id ?? fakeId(), name: input.name, status: input.status ?? "operational", description: null, group: false, position: page.components.size + 1, createdAt: at, updatedAt: at };
      page.components.set(component.id, component);
      return component;
    },
    addSubscriber(pageId, email) {
      pageOf(pageId).subscribers.push(email);
    },
    setComponentStatus(pageId, componentId, status) {
      const component = pageOf(pageId).components.get(componentId);
      if (!component) throw new Error(`the fake page ${pageId} has no component ${componentId}`);
      component.status = status;
      component.updatedAt = now();
    },
    setIncidentStatus(pageId, incidentId, status) {
      const incident = pageOf(pageId).incidents.get(incidentId);
      if (!incident) throw new Error(`the fake page ${pageId} has no incident ${incidentId}`);
      const at = now();
      incident.status = status;
      incident.updatedAt = at;
      if (status === "resolved" || status === "completed") incident.resolvedAt ??= at;
      else incident.resolvedAt = null;
      incident.updates.push({ id: fakeId(), status, body: "", deliverNotifications: false, createdAt: at, affectedComponents: [] });
    },
    incidents(pageId) {
      return [...pageOf(pageId).incidents.values()];
    },
    component(pageId, componentId) {
      const component = pageOf(pageId).components.get(componentId);
      if (!component) throw new Error(`the fake page ${pageId} has no component ${componentId}`);
      return component;
    },
    fault(next) {
      fault = next ? { ...next, left: next.times ?? 1 } : null;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return api;
}
