import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput } from "@/server/records/deployments/deployment.schema";
import { raiseAlertInput } from "@/server/records/alerts/alert.schema";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { createService } from "@/server/records/services/create-service";
import { createServiceInput } from "@/server/records/services/service.schema";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedUser, tenantFor } from "../factories";
import { graphqlAs } from "./client";

/**
 * Nested lists (`services { alerts deployments }`): right per parent, loaded one query per level
 * whatever the number of parents (DataLoader + one windowed statement), counted at the driver.
 */
const NESTED = `query Nested($first: Int!) { services(first: $first) { nodes { name alerts(first: 2) { title } deployments(first: 1) { environment } } } }`;

let ctx: TenantContext;
let gql: ReturnType<typeof graphqlAs>;
const originalQuery = pg.Client.prototype.query;
let statements = 0;

afterEach(() => {
  pg.Client.prototype.query = originalQuery;
});

async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;
  try {
    return { result: await work(), statements };
  } finally {
    pg.Client.prototype.query = originalQuery;
  }
}

beforeAll(async () => {
  const owner = await seedUser();
  ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Nested" })).slug);
  gql = graphqlAs(await seedApiToken(ctx, ["admin"]));
  for (let s = 0; s < 8; s++) {
    const service = await createService(ctx, createServiceInput.parse({ name: `Service ${s}` }));
    for (let a = 0; a < 3; a++) await raiseAlert(ctx, raiseAlertInput.parse({ title: `Alert ${s}.${a}`, fingerprint: `fp-${s}-${a}`, serviceId: service.id }));
    for (const environment of [`staging-${s}`, `production-${s}`]) await createDeployment(ctx, createDeploymentInput.parse({ serviceId: service.id, environment }));
  }
  const other = await seedUser();
  const otherCtx = await tenantFor(other.id, (await seedDataspace({ owner: other, name: "Elsewhere" })).slug);
  await createService(otherCtx, createServiceInput.parse({ name: "Not ours" }));
});

describe("GraphQL nested lists", () => {
  it("give each parent its own newest children", async () => {
    const answer = await gql(NESTED, { first: 8 });
    expect(answer.body.errors).toBeUndefined();
    const services = answer.body.data.services.nodes as { name: string; alerts: { title: string }[]; deployments: { environment: string }[] }[];
    expect(services).toHaveLength(8);
    for (const service of services) {
      const s = service.name.replace("Service ", "");
      expect(service.alerts.map((alert) => alert.title)).toEqual([`Alert ${s}.2`, `Alert ${s}.1`]);
      expect(service.deployments.map((deployment) => deployment.environment)).toEqual([`production-${s}`]);
    }
    expect(answer.text).not.toContain("Not ours");
  });

  it("cost the same number of statements for 2 parents as for 8 (one per level, not one per row)", async () => {
    await gql(NESTED, { first: 2 }); // warm: token cache, prepared plans
    const two = await countStatements(() => gql(NESTED, { first: 2 }));
    const eight = await countStatements(() => gql(NESTED, { first: 8 }));
    expect(two.result.body.data.services.nodes).toHaveLength(2);
    expect(eight.result.body.data.services.nodes).toHaveLength(8);
    expect(eight.statements).toBe(two.statements);
    expect(eight.statements).toBeLessThan(30);
  });

  it("hold a nested list to its own scope and bounds", async () => {
    const servicesOnly = graphqlAs(await seedApiToken(ctx, ["services:read"]));
    const answer = await servicesOnly(`{ services(first: 1) { nodes { name alerts { title } } } }`);
    expect(answer.body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(answer.body.errors[0].message).toContain("alerts:read");
    const zero = await gql(`{ services(first: 1) { nodes { alerts(first: 0) { title } } } }`);
    expect(zero.body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "first", message: "From 1 to 100" }] });
  });
});
