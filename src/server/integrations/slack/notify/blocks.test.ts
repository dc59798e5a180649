import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NotificationContent } from "@/server/notifications/channel";
import { checkSlackCall } from "../fake/gate";
import { cut, escapeMrkdwn, LIMITS, slackMessageOf, type SlackButton } from "./blocks";

/**
 * The Block Kit message of a notification: what it shows, and that it stays within Slack's
 * limits whatever the event says — checked by the fake Slack's gate (schemas written from
 * Slack's references, not from this code) on arbitrary strings, NUL bytes and lone surrogates
 * included — and that no user text can mention a channel or hide a link.
 */

const base: NotificationContent = {
  eventType: "alert.triggered",
  title: "Alert triggered: disk full",
  text: "",
  facts: [],
  url: null,
  tone: "warning",
  subject: null,
};

/** Any string, with the characters that break things more likely than uniform sampling makes them. */
const short = fc.oneof(
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.string({ unit: fc.constantFrom("&", "<", ">", "!", "@", "*", "`", "\u0000", "\uD800", "\uDC00", "😀", "\n", " ", "a"), maxLength: 100 }),
);
// Long ones by repetition (drawing thousands of characters one by one is slow), around every limit.
const nasty = fc.oneof(short, short, fc.tuple(short, fc.integer({ min: 10, max: 600 })).map(([piece, times]) => piece.repeat(times)), fc.constant("&".repeat(45_000)));
const content = fc.record({
  eventType: nasty,
  title: nasty,
  text: nasty,
  facts: fc.array(fc.record({ name: nasty, value: nasty }), { maxLength: 14 }),
  url: fc.option(fc.oneof(fc.webUrl(), nasty, fc.constant(`https://switchboard.example/${"a".repeat(3_100)}`))),
  tone: fc.constantFrom("critical", "warning", "good", "info"),
  digest: fc.option(fc.record({ count: fc.nat(), eventTypes: fc.array(nasty, { maxLength: 30 }), since: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), nasty), until: nasty }), { nil: undefined }),
  subject: fc.option(fc.record({ kind: fc.constantFrom("alert", "incident", "request", "maintenance", "deployment"), id: nasty, state: fc.option(nasty) })),
}) as fc.Arbitrary<NotificationContent>;
const buttons: fc.Arbitrary<SlackButton[]> = fc.array(
  fc.record({ actionId: nasty, text: nasty, value: nasty, style: fc.option(fc.constantFrom("primary", "danger"), { nil: undefined }) }),
  { maxLength: 30 },
);

describe("slackMessageOf", () => {
  it("always passes the fake Slack's gate, whatever the content and buttons", () => {
    fc.assert(
      fc.property(content, buttons, (notification, extra) => {
        const message = slackMessageOf(notification, { buttons: extra });
        const verdict = checkSlackCall("chat.postMessage", { channel: "C0123456789", ...message });
        expect(verdict).toEqual({ ok: true });
        // Every string in it survives form encoding (lone surrogates would throw there).
        expect(() => new URLSearchParams({ text: message.text, blocks: JSON.stringify(message.blocks) }).toString()).not.toThrow();
        expect(encodeURIComponent(message.text + JSON.stringify(message.blocks))).toBeTypeOf("string");
      }),
      { numRuns: 250 },
    );
  });

  it("never lets user text open a mention or a link", () => {
    fc.assert(
      fc.property(content, (notification) => {
        const injected = { ...notification, title: `${notification.title}<!channel>`, text: `<https://evil.example|click> ${notification.text}`, facts: [{ name: "<@U123>", value: "<!here>" }] };
        const message = slackMessageOf(injected);
        const mrkdwn = [message.text, ...JSON.stringify(message.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g)!];
        for (const text of mrkdwn) expect(text).not.toMatch(/<[!@#]|<https?:/);
      }),
      { numRuns: 100 },
    );
  });

  it("shows a digest as the events folded by the throttle, with their types", () => {
    const digest = slackMessageOf({ ...base, eventType: "digest", title: "37 alerts on api", digest: { count: 37, eventTypes: ["alert.triggered", "alert.resolved"], since: "2026-12-07T12:00:00.000Z", until: "2026-12-07T12:01:00.000Z" } });
    expect(digest.blocks[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*37 events* folded by the rule's throttle between 2026-12-07 12:00:00 UTC and 2026-12-07 12:01:00 UTC: `alert.triggered`, `alert.resolved`." },
    });
    expect(digest.text).toBe("37 alerts on api\n37 events folded by the rule's throttle between 2026-12-07 12:00:00 UTC and 2026-12-07 12:01:00 UTC: `alert.triggered`, `alert.resolved`.");
  });

  it("puts the record's link and the given buttons in one actions block, each action_id once", () => {
    const message = slackMessageOf({ ...base, url: "https://switchboard.example/acme/alerts/1" }, {
      buttons: [
        { actionId: "alert_acknowledge", text: "Acknowledge", value: "alert:1", style: "primary" },
        { actionId: "alert_resolve", text: "Resolve", value: "alert:1" },
        { actionId: "alert_resolve", text: "Resolve again", value: "alert:1" },
      ],
    });
    const actions = message.blocks.find((b) => b.type === "actions");
    expect(actions).toEqual({
      type: "actions",
      elements: [
        { type: "button", text: { type: "plain_text", text: "Open in Switchboard", emoji: true }, action_id: "open_in_switchboard", url: "https://switchboard.example/acme/alerts/1" },
        { type: "button", text: { type: "plain_text", text: "Acknowledge", emoji: true }, action_id: "alert_acknowledge", value: "alert:1", style: "primary" },
        { type: "button", text: { type: "plain_text", text: "Resolve", emoji: true }, action_id: "alert_resolve", value: "alert:1" },
      ],
    });
    // No link, no buttons: no actions block; a javascript: URL is no link.
    expect(slackMessageOf({ ...base, url: "javascript:alert(1)" }).blocks.map((b) => b.type)).toEqual(["header", "context"]);
  });

  it("cuts long text with … and never inside an escape or a surrogate pair", () => {
    expect(cut("abcdef", 4)).toBe("abc…");
    expect(cut(escapeMrkdwn("ab&cd"), 5)).toBe("ab…");
    expect(cut("ab😀cd", 4)).toBe("ab…");
    const long = slackMessageOf({ ...base, title: "t".repeat(500), text: "<".repeat(5_000) });
    expect(long.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: `:warning: ${"t".repeat(LIMITS.headerText - 11)}…`, emoji: true } });
    const section = long.blocks[1] as { text: { text: string } };
    expect(section.text.text).toHaveLength(LIMITS.sectionText - 3);
    expect(section.text.text).toMatch(/^(&lt;)+…$/);
  });
});
