import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { filterMatches, validateFilter, type FilterVariables } from "./filter";
import { commentAddedPayload, eventOf, requestPayload, requestUpdatedPayload } from "./test-fixtures";

const added = (overrides: Record<string, unknown> = {}): FilterVariables => ({
  event: eventOf("request.added"),
  data: requestPayload(overrides),
});
const updated = (changes: Record<string, { from: unknown; to: unknown }>, overrides = {}): FilterVariables => ({
  event: eventOf("request.updated"),
  data: requestUpdatedPayload(changes, overrides),
});

// Each documented example, with an event it lets through and one it holds back.
const examples: Record<string, [pass: FilterVariables, fail: FilterVariables]> = {
  'data.priority == "High"': [added({ priority: "High" }), added({ priority: "Low" })],
  'data.status in ["open", "in_progress"]': [added({ status: "in_progress" }), added({ status: "closed" })],
  'data.title.contains("outage")': [added({ title: "Partial outage in EU" }), added({ title: "Outage" })],
  'data.title.lowerAscii().contains("outage")': [added({ title: "Outage" }), added({ title: "Slow page" })],
  'event.type == "request.updated" && "status" in data.changes': [
    updated({ status: { from: "open", to: "closed" } }, { status: "closed" }),
    updated({ title: { from: "a", to: "b" } }),
  ],
  'data.assignee != null && data.assignee.endsWith("@example.com")': [
    added({ assignee: "ops@example.com" }),
    added({ assignee: null }),
  ],
};

function refusal(expression: string): string {
  try {
    validateFilter(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).message;
  }
  throw new Error(`expected ${expression} to be refused`);
}

describe("documented filter examples", () => {
  it("cover every example in the doc comment", () => {
    const source = readFileSync(new URL("./filter.ts", import.meta.url), "utf8");
    const section = source.slice(source.indexOf(" * Examples"), source.indexOf(" * Operators"));
    const documented = [...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(examples).sort()).toEqual([...new Set(documented)].sort());
  });

  it.each(Object.entries(examples))("%s is valid and selects the right events", (expression, [pass, fail]) => {
    expect(validateFilter(expression)).toBe(expression);
    expect(filterMatches(expression, pass)).toBe(true);
    expect(filterMatches(expression, fail)).toBe(false);
  });
});

describe("validateFilter", () => {
  it("trims, and treats blank as no filter", () => {
    expect(validateFilter('  data.status == "open"\n')).toBe('data.status == "open"');
    expect(validateFilter("   ")).toBe("");
  });

  it("reports syntax errors with the position", () => {
    expect(refusal('data.status == "open" &&')).toBe("filter: Unexpected token: EOF (at character 25)");
    expect(refusal('data.title == "unterminated')).toMatch(/^filter: Unterminated string/);
  });

  it("refuses variables other than event and data", () => {
    expect(refusal('request.title == "x"')).toMatch(/^filter: Unknown variable: request/);
  });

  it("refuses expressions that can never be a condition", () => {
    expect(refusal("1 + 2")).toBe("filter: must be a condition (true or false), but its result is of type int");
    expect(refusal('data.priority + 1 == "x"')).toMatch(/^filter: no such overload/);
  });

  it("refuses regular expressions and deep macro nesting, which could stall delivery", () => {
    expect(refusal('data.title.matches("(a+)+$")')).toMatch(/^filter: matches\(\) is not available/);
    const deep = "data.comments.exists(a, data.comments.exists(b, data.comments.exists(c, c.text == b.text)))";
    expect(refusal(deep)).toBe("filter: exists() may be nested at most 2 deep");
    const two = "data.comments.exists(a, data.comments.all(b, b.user == a.user))";
    expect(validateFilter(two)).toBe(two);
  });

  it("refuses more than 2 000 characters", () => {
    const long = `data.title == "${"x".repeat(2_000)}"`;
    expect(refusal(long)).toBe(`filter: at most 2000 characters (got ${long.length})`);
  });
});

describe("filterMatches", () => {
  it("lets everything through without a filter", () => {
    expect(filterMatches(null, added())).toBe(true);
    expect(filterMatches("  ", added())).toBe(true);
  });

  it("is false, not an error, when a field is missing", () => {
    // request.added has no `changes`.
    expect(filterMatches('"status" in data.changes', added())).toBe(false);
    expect(filterMatches('data.request.status == "open"', added())).toBe(false);
    expect(filterMatches('data.request.status == "open"', { event: eventOf("request_comment.added"), data: commentAddedPayload() })).toBe(true);
  });

  it("is false when the result is not true", () => {
    expect(filterMatches("data.title", added())).toBe(false);
    expect(filterMatches("data.comments", added())).toBe(false);
  });

  it("is false for an expression that does not compile", () => {
    expect(filterMatches("data.status ==", added())).toBe(false);
    expect(filterMatches('data.title.matches("x")', added())).toBe(false);
  });

  it("reads numbers, lists and nested objects of the payload", () => {
    expect(filterMatches("size(data.comments) == 1", added())).toBe(true);
    expect(filterMatches('data.comments.exists(c, c.user == "bob@example.com")', added())).toBe(true);
    expect(filterMatches('data.serialized_data["Product Team Contact"] == "contact email"', added())).toBe(true);
    expect(filterMatches('data.changes.status.to == "closed"', updated({ status: { from: "open", to: "closed" } }))).toBe(true);
    expect(filterMatches('timestamp(event.timestamp) > timestamp("2025-01-01T00:00:00Z")', added())).toBe(true);
  });
});
