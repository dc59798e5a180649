import { describe, expect, it } from "vitest";
import { filtersToSearch, hasFilters, listInput, parseDeploymentFilters } from "./filters";
import { deploymentDuration, leadTime, shortSha } from "./format";

describe("the deployment list's filters in the URL", () => {
  it("keeps what it understands and drops the rest: a service that is no uuid, unknown statuses", () => {
    const params = new URLSearchParams("service=not-a-uuid&environment=%20production%20&status=success&status=deployed&status=failure");
    const filters = parseDeploymentFilters(params);
    expect(filters).toEqual({ service: null, environment: "production", status: ["success", "failure"] });
    expect(filtersToSearch(filters)).toBe("?environment=production&status=success&status=failure");
    expect(parseDeploymentFilters(new URLSearchParams(filtersToSearch(filters)))).toEqual(filters);
    expect(hasFilters(parseDeploymentFilters(new URLSearchParams("")))).toBe(false);
  });

  it("builds the list input the server prefetches and the browser asks for", () => {
    const service = "0190a0b0-0000-7000-8000-000000000001";
    expect(listInput("team", { service, environment: null, status: ["queued"] })).toEqual({ dataspace: "team", limit: 25, serviceId: service, status: ["queued"] });
    expect(listInput("team", { service: null, environment: null, status: [] })).toEqual({ dataspace: "team", limit: 25 });
  });
});

describe("deployment formatting", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, seconds));

  it("gives a duration from start to finish, or to now while it runs, and none without a start", () => {
    expect(deploymentDuration({ startedAt: at(0), finishedAt: at(42) })).toBe("42s");
    expect(deploymentDuration({ startedAt: at(0), finishedAt: at(270) })).toBe("4m 30s");
    expect(deploymentDuration({ startedAt: at(0), finishedAt: at(2 * 3600 + 5 * 60) })).toBe("2h 5m");
    expect(deploymentDuration({ startedAt: at(0), finishedAt: null }, at(75).getTime())).toBe("1m 15s");
    expect(deploymentDuration({ startedAt: null, finishedAt: at(10) })).toBeNull();
    expect(deploymentDuration({ startedAt: at(0), finishedAt: at(3 * 86_400 + 7 * 3600) })).toBe("3d 7h");
  });

  it("gives the lead time of a successful deployment that carries its commit time, and none otherwise", () => {
    expect(leadTime({ status: "success", committedAt: at(0), finishedAt: at(3 * 3600 + 20 * 60) })).toBe("3h 20m");
    // A commit clock a little ahead of the deployment's is no negative lead time.
    expect(leadTime({ status: "success", committedAt: at(30), finishedAt: at(10) })).toBe("0s");
    expect(leadTime({ status: "failure", committedAt: at(0), finishedAt: at(60) })).toBeNull();
    expect(leadTime({ status: "success", committedAt: null, finishedAt: at(60) })).toBeNull();
  });

  it("shortens a commit id to 7 digits", () => {
    expect(shortSha("f95f852bd8fca8fcc58a9a2d6c842781e32a215e")).toBe("f95f852");
    expect(shortSha(null)).toBeNull();
  });
});
