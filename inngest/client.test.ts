import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { domainEvents } from "./client";
import { triageRequest } from "./embedded/__fixtures__/triage-request";

/** One function in-process with @inngest/test (no HTTP): its logic, and the typed client. */
const payload = {
  api_url: "http://localhost:3000/api/v1/requests/x",
  absolute_url: "http://localhost:3000/requests/x",
  uuid: randomUUID(),
  title: "Printer on fire",
  request_template: null,
  request_template_name: null,
  status: "open" as const,
  priority: "Normal",
  assignee: null,
  product_context: null,
  notes: "",
  serialized_data: {},
  is_private: false,
  requester: "a@example.test",
  content_type: null,
  content_object: null,
  content_object_display_name: null,
  cc_emails: [],
  last_modified_by: null,
  created_date: "2026-01-01T00:00:00Z",
  last_modified_date: "2026-01-01T00:00:00Z",
  comments: [],
  dataspace: "Ops",
};
const dataspaceId = randomUUID();
const added = (overrides: Partial<typeof payload>) => ({
  name: "request.added" as const,
  data: { dataspaceId, actorId: null, payload: { ...payload, ...overrides } },
});

describe("a function unit-tested with @inngest/test", () => {
  // A fresh engine per test: an engine keeps step results between executions.
  const engine = () => new InngestTestEngine({ function: triageRequest });

  it("lets a normal request through without waiting", async () => {
    const { result, ctx } = await engine().execute({ events: [added({})] });
    expect(result).toEqual({ dataspaceId, escalated: false });
    expect(ctx.step.waitForEvent).not.toHaveBeenCalled();
  });

  it("escalates an outage: classifies it urgent and waits for the matching acknowledgement", async () => {
    const events: [ReturnType<typeof added>] = [added({ title: "Total outage in EU" })];
    expect((await engine().executeStep("classify", { events })).result).toBe(true);
    const { ctx } = await engine().executeStep("await-ack", { events });
    expect(ctx.step.waitForEvent).toHaveBeenCalledWith(
      "await-ack",
      expect.objectContaining({ event: "request.updated", timeout: "1h", if: "async.data.payload.uuid == event.data.payload.uuid" }),
    );
  });

  it("treats an urgent priority like an outage", async () => {
    const { result } = await engine().executeStep("classify", { events: [added({ priority: "Urgent" })] });
    expect(result).toBe(true);
  });
});

describe("typed domain events", () => {
  it("validates a payload against the event catalog before it is sent", async () => {
    await expect(domainEvents["request.added"].create({ dataspaceId, actorId: null, payload }).validate()).resolves.toBeUndefined();
    const broken = { dataspaceId, actorId: null, payload: { ...payload, status: "someday" } };
    // @ts-expect-error — the catalog's status enum is part of the type, too
    await expect(domainEvents["request.added"].create(broken).validate()).rejects.toThrow();
  });
});
