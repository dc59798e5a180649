import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NotificationContent } from "@/server/notifications/channel";
import { adaptiveCardErrors } from "../fake/card-schema";
import { checkWorkflowsEnvelope } from "../fake/workflows-envelope";
import { adaptiveCardOf, MAX_ENVELOPE_BYTES, TEAMS_MESSAGE_LIMIT_BYTES, workflowsMessageOf } from "./card";

const alert: NotificationContent = {
  eventType: "alert.raised",
  title: "Alert raised: CPU above 90 % on api",
  text: "p95 load 97 % for 5 minutes.",
  facts: [
    { name: "Severity", value: "critical" },
    { name: "Service", value: "api" },
  ],
  url: "https://switchboard.test/acme/alerts/0b6f",
  tone: "critical",
  subject: { kind: "alert", id: "0b6f", state: "open" },
};
const bytesOf = (content: NotificationContent) => Buffer.byteLength(JSON.stringify(workflowsMessageOf(adaptiveCardOf(content))));

describe("the Teams card of a notification", () => {
  it("has the title coloured by tone, the text, the facts and the link", () => {
    expect(workflowsMessageOf(adaptiveCardOf(alert))).toEqual({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          contentUrl: null,
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.5",
            body: [
              { type: "TextBlock", text: "Alert raised: CPU above 90 % on api", weight: "bolder", size: "medium", wrap: true, color: "attention" },
              { type: "TextBlock", text: "p95 load 97 % for 5 minutes.", wrap: true },
              { type: "FactSet", facts: [{ title: "Severity", value: "critical" }, { title: "Service", value: "api" }] },
            ],
            actions: [{ type: "Action.OpenUrl", title: "Open in Switchboard", url: "https://switchboard.test/acme/alerts/0b6f" }],
          },
        },
      ],
    });
    const colours = (["critical", "warning", "good", "info"] as const).map((tone) => (adaptiveCardOf({ ...alert, tone }).body[0] as { color?: string }).color);
    expect(colours).toEqual(["attention", "warning", "good", "default"]);
  });

  it("says what a digest folded, and leaves out what it has not (no text, no facts, no link)", () => {
    const digest = adaptiveCardOf({
      ...alert,
      eventType: "digest",
      title: "37 alerts on api",
      text: "",
      facts: [],
      url: null,
      digest: { count: 37, eventTypes: ["alert.raised", "alert.resolved"], since: "2026-12-07T13:00:05.120Z", until: "2026-12-07T13:01:00Z" },
    });
    expect(digest.body.map((block) => ("text" in block ? block.text : block.type))).toEqual([
      "37 alerts on api",
      "37 events folded by the rule's throttle between 2026-12-07 13:00:05 UTC and 2026-12-07 13:01:00 UTC.",
      "Event types: alert.raised, alert.resolved",
    ]);
    expect(digest.actions).toBeUndefined();
    expect(adaptiveCardErrors(digest)).toEqual([]);
  });

  it("cuts long text with …, drops NUL and control characters, and links only to http(s)", () => {
    const card = adaptiveCardOf({ ...alert, title: `a\u0000b${"x".repeat(500)}`, text: "\ud800 lone", url: "javascript:alert(1)" });
    const title = (card.body[0] as { text: string }).text;
    expect(title).toHaveLength(200);
    expect(title.startsWith("abx")).toBe(true);
    expect(title.endsWith("…")).toBe(true);
    expect((card.body[1] as { text: string }).text).toBe("\ufffd lone");
    expect(card.actions).toBeUndefined();
    expect(adaptiveCardOf({ ...alert, title: "" }).body[0]).toMatchObject({ text: "alert.raised" });
  });

  it("stays under the size limit in the worst case: every field at its bound in 4-byte characters", () => {
    const huge = "😀".repeat(5_000);
    const worst: NotificationContent = {
      ...alert,
      title: huge,
      text: huge,
      facts: Array.from({ length: 50 }, () => ({ name: huge, value: huge })),
      url: `https://switchboard.test/${"é".repeat(5_000)}`,
      digest: { count: 1e9, eventTypes: Array.from({ length: 100 }, () => huge), since: huge, until: huge },
    };
    expect(bytesOf(worst)).toBeLessThan(MAX_ENVELOPE_BYTES);
    expect(MAX_ENVELOPE_BYTES).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
    expect(checkWorkflowsEnvelope(workflowsMessageOf(adaptiveCardOf(worst)))).toMatchObject({ ok: true });
  });

  it("is a valid envelope with a valid card under the limit for any input (NUL bytes and lone surrogates included)", () => {
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: fc.constantFrom("\u0000", "\ud800", "\udfff", "😀", '"', "\\", "\n", "a", "€") , maxLength: 4_000 }));
    const content = fc.record({
      eventType: text,
      title: text,
      text,
      facts: fc.array(fc.record({ name: text, value: text }), { maxLength: 14 }),
      url: fc.oneof(fc.constant(null), fc.webUrl(), text),
      tone: fc.constantFrom("critical", "warning", "good", "info"),
      digest: fc.option(fc.record({ count: fc.integer({ min: 0, max: 1e6 }), eventTypes: fc.array(text, { maxLength: 15 }), since: fc.oneof(text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), until: text }), { nil: undefined }),
      subject: fc.constant(null),
    });
    fc.assert(
      fc.property(content, (input) => {
        const envelope = workflowsMessageOf(adaptiveCardOf(input as NotificationContent));
        expect(checkWorkflowsEnvelope(JSON.parse(JSON.stringify(envelope)))).toMatchObject({ ok: true });
        expect(Buffer.byteLength(JSON.stringify(envelope))).toBeLessThan(MAX_ENVELOPE_BYTES);
      }),
      { numRuns: 200 },
    );
  });
});
