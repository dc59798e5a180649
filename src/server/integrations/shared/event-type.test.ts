import { describe, expect, it } from "vitest";
import { EVENT_TYPE_PATTERN, eventSlug, eventType } from "./event-type";

describe("event types", () => {
  it.each([
    ["Merge Request", "merge_request"],
    ["repo:post-update", "repo_post_update"],
    ["GIT_POST_RECEIVE", "git_post_receive"],
    ["Billing events!", "billing_events"],
    ["a..b", "a.b"],
    ["_.x._", "x"],
    ["日本", ""],
  ])("slugs %j as %j", (input, expected) => {
    expect(eventSlug(input)).toBe(expected);
  });

  it("joins non-empty parts into a well-formed type", () => {
    expect(eventType("github", "pull_request", "opened")).toBe("github.pull_request.opened");
    expect(eventType("github", "push", undefined)).toBe("github.push");
    expect(eventType("jira", "Issue Updated")).toMatch(EVENT_TYPE_PATTERN);
    // A sender's name with nothing left once slugged still makes a member of the family.
    expect(eventType("jira", "\ud800")).toBe("jira.unknown");
    expect(eventType("slack", "日本", undefined)).toBe("slack.unknown");
  });
});
