import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";

/** The Web-standard serve handler (inngest/handler.ts, the App Router route) under the executor. */
describe("embedded executor with the Web-standard serve handler", () => {
  let h: Harness;
  const signingKey = `signkey-prod-${"cd34".repeat(16)}`;

  beforeAll(async () => {
    h = await startHarness(
      (inngest) => [
        inngest.createFunction({ id: "web", triggers: [{ event: "test/web" }] }, async ({ event, step }) => {
          const a = await step.run("a", () => Number(event.data.n) + 1);
          await step.sleep("tick", "1s");
          return step.run("b", () => a * 10);
        }),
      ],
      { adapter: "web", signingKey },
    );
  });
  afterAll(() => h?.stop());

  it("syncs, signs and runs steps through it", async () => {
    await h.inngest.send({ name: "test/web", data: { n: 4 } });
    const run = await h.waitForRun("web");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toBe(50);
    expect((await h.stepsOf(run.id)).map((s) => s.name)).toEqual(["a", "tick", "b"]);
  });
});
