import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";

/** The event API and request signing, as a production-like (non-dev) app sees them. */
describe("embedded executor: event API and signing", () => {
  let h: Harness;
  const signingKey = `signkey-test-${"ab12".repeat(16)}`;

  beforeAll(async () => {
    h = await startHarness(
      (inngest) => [inngest.createFunction({ id: "signed", triggers: [{ event: "test/signed" }] }, async ({ step }) => step.run("s", () => "ok"))],
      { signingKey, eventKey: "the-event-key" },
    );
  });
  afterAll(() => h?.stop());

  it("drives a signature-checking app with signed requests", async () => {
    await h.inngest.send({ name: "test/signed", data: {} });
    const run = await h.waitForRun("signed");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toBe("ok");
  });

  it("is what the app trusts: an unsigned call to the serve endpoint is refused", async () => {
    const res = await fetch(`${h.serveUrl}?fnId=sbtest-signed&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { name: "test/signed", data: {} }, steps: {}, ctx: { run_id: "x", attempt: 0 } }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
  });

  it("refuses events sent with another event key", async () => {
    const res = await fetch(`${h.executor.url}/e/wrong-key`, { method: "POST", body: JSON.stringify({ name: "test/signed", data: {} }) });
    expect(res.status).toBe(401);
    expect(await h.runsOf("signed")).toHaveLength(1);
  });

  it.each([
    ["not json", "{", "Body is not valid JSON"],
    ["no name", JSON.stringify({ data: {} }), '"name" must be a non-empty string'],
    ["data not an object", JSON.stringify([{ name: "a", data: {} }, { name: "b", data: [1] }]), 'event 1: "data" must be an object'],
  ])("answers 400 with the reason for a bad payload (%s), storing nothing", async (_label, body, message) => {
    const res = await fetch(`${h.executor.url}/e/the-event-key`, { method: "POST", body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: message, status: 400 });
    const { rows } = await h.db.query("SELECT count(*)::int AS n FROM runtime_event WHERE name IN ('a', 'b')");
    expect(rows[0].n).toBe(0);
  });
});
