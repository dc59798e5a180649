import { describe, expect, it } from "vitest";
import { adaptiveCardErrors, loadAdaptiveCardSchema } from "./card-schema";

/** The vendored schema compiles into a validator that refuses: one that accepted everything would pass every test. */
const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: "AdaptiveCard", version: "1.5", body, ...extra });
const title = { type: "TextBlock", text: "Alert raised", weight: "bolder", size: "medium", color: "attention", wrap: true };

describe("the vendored Adaptive Card 1.5 schema", () => {
  it("is Microsoft's draft-06 file as published", () => {
    const schema = loadAdaptiveCardSchema();
    expect(schema.$schema).toBe("http://json-schema.org/draft-06/schema#");
    expect(schema.id).toBe("http://adaptivecards.io/schemas/adaptive-card.json");
    expect(Object.keys(schema.definitions as object)).toContain("Table"); // a 1.5 element
  });

  it("accepts a card Teams renders", () => {
    const facts = { type: "FactSet", facts: [{ title: "Severity", value: "critical" }] };
    expect(adaptiveCardErrors(card([title, facts], { actions: [{ type: "Action.OpenUrl", title: "Open", url: "https://switchboard.test/a" }] }))).toEqual([]);
  });

  it("refuses an unknown element type, a TextBlock without text, a wrong version type, an unknown property and a bad URL", () => {
    expect(adaptiveCardErrors(card([{ type: "Marquee", text: "hi" }]))[0]).toMatch(/^\/body\/0\/type "Marquee" is not an Adaptive Card 1\.5 type allowed here \(ActionSet, .*TextBlock\)$/);
    expect(adaptiveCardErrors(card([{ type: "TextBlock", wrap: true }]))).toEqual(["/body/0 must have required property 'text'"]);
    expect(adaptiveCardErrors({ ...card([title]), version: 1.5 })).toEqual(["/version must be string"]);
    expect(adaptiveCardErrors(card([title], { msteams: { width: "Full" } }))).toEqual(["card must NOT have additional properties (msteams)"]);
    expect(adaptiveCardErrors(card([{ ...title, color: "purple" }])).length).toBeGreaterThan(0);
    expect(adaptiveCardErrors(card([title], { actions: [{ type: "Action.OpenUrl", title: "Open", url: "not a url" }] }))).toEqual([
      '/actions/0/url must match format "uri-reference"',
    ]);
    expect(adaptiveCardErrors(card([{ type: "FactSet", facts: [{ title: "Severity" }] }]))).toEqual(["/body/0/facts/0 must have required property 'value'"]);
  });
});
