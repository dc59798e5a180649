import DataLoader from "dataloader";
import { GraphQLInt, GraphQLList, GraphQLNonNull, type GraphQLFieldConfigMap, type GraphQLOutputType } from "graphql";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { newestAlertsOfServices } from "@/server/records/alerts/list-alerts";
import { serializeAlert } from "@/server/records/alerts/serialize-alert";
import { newestDeploymentsOfServices } from "@/server/records/deployments/list-deployments";
import { serializeDeployment } from "@/server/records/deployments/serialize-deployment";
import { actingFor, requireScope } from "@/server/rest/invoke";
import { ApiProblem } from "@/server/rest/problem";
import type { ApiRoute } from "@/server/rest/route";
import type { GraphqlContext } from "./context";
import { graphqlErrorOf } from "./errors";

/**
 * Nested lists the REST objects do not embed — `services { alerts(first: 5) { … } }` — each
 * loaded for all its parents at once (DataLoader per operation, one domain call per level, which
 * reads the newest `first` children of every parent in one statement). A nested list needs the
 * scope of its own REST list route (`Service.alerts` needs `alerts:read`) and shows its objects as
 * that route does.
 */
type Relation = {
  on: string;
  field: string;
  /** The component (object type) of the children. */
  of: string;
  /** The REST list route whose scope and role the children are read with. */
  listRoute: string;
  description: string;
  load: (tenant: TenantContext, parentIds: readonly string[], first: number) => Promise<Map<string, unknown[]>>;
};

const mapValues = <T, U>(map: Map<string, T[]>, each: (value: T) => U) => new Map([...map].map(([key, values]) => [key, values.map(each)]));

const RELATIONS: Relation[] = [
  {
    on: "Service",
    field: "alerts",
    of: "Alert",
    listRoute: "listAlerts",
    description: "The service's newest alerts, newest first",
    load: async (tenant, ids, first) => mapValues(await newestAlertsOfServices(tenant, ids, first), (alert) => serializeAlert(alert, tenant.dataspace)),
  },
  {
    on: "Service",
    field: "deployments",
    of: "Deployment",
    listRoute: "listDeployments",
    description: "The service's newest deployments, newest first",
    load: async (tenant, ids, first) => mapValues(await newestDeploymentsOfServices(tenant, ids, first), (deployment) => serializeDeployment(deployment, tenant.dataspace)),
  },
];

const MAX_FIRST = 100;
const loaders = new WeakMap<GraphqlContext, Map<string, DataLoader<string, unknown[]>>>();

function loaderFor(ctx: GraphqlContext, relation: Relation, route: ApiRoute, first: number): DataLoader<string, unknown[]> {
  let perOperation = loaders.get(ctx);
  if (!perOperation) loaders.set(ctx, (perOperation = new Map()));
  const key = `${relation.on}.${relation.field}:${first}`;
  let loader = perOperation.get(key);
  if (!loader) {
    loader = new DataLoader(async (parentIds) => {
      const children = await relation.load(actingFor(ctx.principal, route.scope.resource), parentIds, first);
      return parentIds.map((id) => children.get(id) ?? []);
    });
    perOperation.set(key, loader);
  }
  return loader;
}

/** The nested list fields of the object type `typeName`, if it has any. */
export function relationFields(typeName: string, output: (component: string) => GraphQLOutputType, routes: Map<string, ApiRoute>): GraphQLFieldConfigMap<{ uuid: string }, GraphqlContext> | undefined {
  const relations = RELATIONS.filter((relation) => relation.on === typeName);
  if (relations.length === 0) return undefined;
  const fields: GraphQLFieldConfigMap<{ uuid: string }, GraphqlContext> = {};
  for (const relation of relations) {
    const route = routes.get(relation.listRoute);
    if (!route) throw new Error(`GraphQL: ${relation.on}.${relation.field} reads with ${relation.listRoute}, which is not a route`);
    fields[relation.field] = {
      type: new GraphQLNonNull(new GraphQLList(output(relation.of))), // output() is non-null already
      description: `${relation.description}. Scope: \`${route.scope.resource}:${route.scope.level}\`.`,
      args: { first: { type: new GraphQLNonNull(GraphQLInt), defaultValue: 10, description: `How many, 1–${MAX_FIRST}` } },
      resolve: async (parent, args: { first: number }, ctx) => {
        try {
          if (args.first < 1 || args.first > MAX_FIRST) {
            throw new ApiProblem("validation-error", `first: from 1 to ${MAX_FIRST}`, { errors: [{ field: "first", message: `From 1 to ${MAX_FIRST}` }] });
          }
          requireScope(ctx.principal, route);
          return await loaderFor(ctx, relation, route, args.first).load(parent.uuid);
        } catch (error) {
          throw graphqlErrorOf(error);
        }
      },
    };
  }
  return fields;
}
