import { describe, expect, it } from "vitest";
import { contentOf } from "./content";

const event = (type: string, data: unknown) => ({ id: "01a25114-0000-7000-8000-000000000001", type, data, actorId: null, createdAt: new Date("2026-12-07T10:00:00Z") });
const rule = { id: "01a25114-0000-7000-8000-000000000002", channel: "SLACK" };

describe("default notification content", () => {
  it("says which request's issue sync failed, on which integration, in the platform's words, and whether the sync is paused", () => {
    const content = contentOf(
      event("issue_sync.failed", {
        request: { uuid: "01a25114-0000-7000-8000-000000000003", title: "Checkout is slow", absolute_url: "https://sb.test/d/ops/requests/01a25114-0000-7000-8000-000000000003" },
        integration: { uuid: "01a25114-0000-7000-8000-000000000004", name: "GitHub acme/web_app", type: "github" },
        issue_url: "https://github.test/acme/web_app/issues/7",
        last_error: "GitHub refused the token (401: Bad credentials)",
        sync_paused: true,
        failed_at: "2026-12-07T10:00:00.000Z",
      }),
      null,
      rule,
    );
    expect(content.title).toBe("Issue sync failed: “Checkout is slow” on GitHub acme/web_app");
    expect(content.text).toBe("GitHub refused the token (401: Bad credentials) Its sync is paused until an admin saves the integration.");
    expect(content.tone).toBe("critical");
    expect(content.url).toBe("https://sb.test/d/ops/requests/01a25114-0000-7000-8000-000000000003");
    // Names and URLs keep their underscores.
    expect(content.facts).toEqual([
      { name: "Integration", value: "GitHub acme/web_app" },
      { name: "Platform", value: "github" },
      { name: "Issue", value: "https://github.test/acme/web_app/issues/7" },
    ]);
  });

  it("shows an endpoint's URL as it is", () => {
    const content = contentOf(event("webhook_endpoint.disabled", { url: "https://hooks.test/my_hook", reason: "failed for 5 days", consecutive_failures: 40 }), null, rule);
    expect(content.facts).toContainEqual({ name: "URL", value: "https://hooks.test/my_hook" });
  });
});
