import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { matchesEventPattern, normalizeEventPatterns } from "./event-patterns";

function refusal(patterns: unknown): AppError {
  try {
    normalizeEventPatterns(patterns as string[]);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("normalizeEventPatterns", () => {
  it("trims, deduplicates and sorts", () => {
    expect(normalizeEventPatterns([" request.updated ", "request.added", "request.added", "*"])).toEqual([
      "*",
      "request.added",
      "request.updated",
    ]);
  });

  it("accepts prefixes that match catalog types", () => {
    expect(normalizeEventPatterns(["request_comment.*", "request.*"])).toEqual(["request.*", "request_comment.*"]);
  });

  it.each([
    [["foo.*"], 'events: no event type matches "foo.*"'],
    [["request.deleted"], 'events: unknown event type "request.deleted"'],
    [["Request.Added"], 'events: unknown event type "Request.Added"'],
    [["request*"], 'events: "request*" is not an event type, "<prefix>.*" or "*"'],
    [["request.*.added"], 'events: "request.*.added" is not an event type, "<prefix>.*" or "*"'],
    [["  "], "events: an entry is empty"],
    [[], "events: subscribe to at least one event type"],
    [[42], "events: every entry must be a string"],
    ["request.added", "events: expected a list of event types"],
  ])("refuses %j with a message saying why", (patterns, message) => {
    const error = refusal(patterns);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(message);
  });

  it("refuses more than 50 distinct entries, but not 50 copies of one", () => {
    const many = Array.from({ length: 51 }, (_, i) => `custom${i}.*`);
    expect(refusal(many).message).toBe("events: at most 50 entries (got 51)");
    expect(normalizeEventPatterns(Array.from({ length: 80 }, () => "request.added"))).toEqual(["request.added"]);
  });
});

describe("matchesEventPattern", () => {
  it("matches exact types", () => {
    expect(matchesEventPattern(["request.added"], "request.added")).toBe(true);
    expect(matchesEventPattern(["request.added"], "request.updated")).toBe(false);
  });

  it("matches a prefix only up to its dot", () => {
    const patterns = ["request.*"];
    expect(matchesEventPattern(patterns, "request.added")).toBe(true);
    expect(matchesEventPattern(patterns, "request.updated")).toBe(true);
    expect(matchesEventPattern(patterns, "request_comment.added")).toBe(false);
    expect(matchesEventPattern(patterns, "request.")).toBe(false);
    expect(matchesEventPattern(patterns, "request")).toBe(false);
    expect(matchesEventPattern(patterns, "requests.added")).toBe(false);
  });

  it("matches everything with *, including types the catalog does not have yet", () => {
    expect(matchesEventPattern(["*"], "incident.resolved")).toBe(true);
  });

  it("matches when any pattern matches, and never with none", () => {
    expect(matchesEventPattern(["alert.*", "request_comment.added"], "request_comment.added")).toBe(true);
    expect(matchesEventPattern([], "request.added")).toBe(false);
  });
});
