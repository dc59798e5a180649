import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  getNamedType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from "graphql";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import type { ApiRoute } from "@/server/rest/route";
import { apiRoutes } from "@/server/rest/routes";
import type { GraphqlContext } from "./context";
import { GraphQLJSON, TypesFromJsonSchema, isGraphqlName, type JsonSchema } from "./json-schema-types";
import { callRoute, type RouteArgs } from "./call-route";
import { relationFields } from "./relations";
import { subscriptionType } from "./subscriptions";

/**
 * The GraphQL API's schema, made from the REST route table: every GET route is a Query field,
 * every other route a Mutation field, each resolved by the route's own handler (so the same domain
 * function, scope, schemas and tenancy). Lists are connections (`nodes`, `pageInfo`) paged with
 * `first` / `after`. The types come from the OpenAPI document's JSON Schemas
 * (json-schema-types.ts). A new REST route appears here by itself; schema.graphql, checked in,
 * shows the change in review (test/graphql/schema.test.ts fails until it is updated).
 */
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema; description?: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  summary?: string;
  description?: string;
};

/** The REST list parameters that are a connection's arguments. */
export const PAGE_ARGS = { limit: "first", cursor: "after" } as const;

/** Objects a client can follow as they change: the events that announce a change, and the route that reads the object. */
const OBJECT_SUBSCRIPTIONS = [
  { field: "requestChanged", operationId: "getRequest", eventTypes: ["request.*"] },
  { field: "incidentChanged", operationId: "getIncident", eventTypes: ["incident.*"] },
  { field: "alertChanged", operationId: "getAlert", eventTypes: ["alert.*"] },
];

const PageInfo = new GraphQLObjectType({
  name: "PageInfo",
  description: "Where a page of a connection ends; pass `endCursor` as `after` for the next page",
  fields: {
    hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    endCursor: { type: GraphQLString, description: "Opaque; copy it, never build it" },
  },
});

/** `listRequests` → `requests`, `getRequest` → `request`; other ids stay as they are. */
export function queryFieldName(route: ApiRoute): string {
  const stripped = route.operationId.replace(/^(list|get)(?=[A-Z])/, "");
  return stripped[0].toLowerCase() + stripped.slice(1);
}

function buildSchema(): GraphQLSchema {
  const document = buildOpenApiDocument("http://localhost") as unknown as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const routesById = new Map(apiRoutes.map((route) => [route.operationId, route]));
  const types: TypesFromJsonSchema = new TypesFromJsonSchema(
    document.components.schemas,
    (typeName) => relationFields(typeName, (component) => types.output({ $ref: `#/components/schemas/${component}` }, component), routesById) as never,
  );
  const connections = new Map<GraphQLOutputType, GraphQLObjectType>();
  const connectionOf = (node: GraphQLOutputType) => {
    let connection = connections.get(node);
    if (!connection) {
      const name = types.unique(`${String(node).replace(/!$/, "")}Connection`);
      connection = new GraphQLObjectType({
        name,
        description: "A page of results",
        fields: { nodes: { type: new GraphQLNonNull(new GraphQLList(node)) }, pageInfo: { type: new GraphQLNonNull(PageInfo) } },
      });
      connections.set(node, connection);
    }
    return connection;
  };

  const queries: Record<string, GraphQLFieldConfig<unknown, GraphqlContext>> = {
    dataspace: {
      type: new GraphQLNonNull(
        new GraphQLObjectType({
          name: "Dataspace",
          description: "The dataspace the token (or session) works in",
          fields: {
            slug: { type: new GraphQLNonNull(GraphQLString) },
            name: { type: new GraphQLNonNull(GraphQLString) },
            scopes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), description: "What the token may do" },
          },
        }),
      ),
      resolve: (_root, _args, ctx) => ({ slug: ctx.principal.tenant.dataspace.slug, name: ctx.principal.tenant.dataspace.name, scopes: ctx.principal.scopes }),
    },
  };
  const mutations: Record<string, GraphQLFieldConfig<unknown, GraphqlContext>> = {};

  // Answers first, so a shared enum is named after the object that holds it (AlertStatus), not
  // after the filter argument that also takes it.
  const answers = apiRoutes.map((route) => {
    const operation = document.paths[route.path][route.method.toLowerCase()];
    const name = route.method === "GET" ? queryFieldName(route) : route.operationId;
    return { route, operation, name, type: answerType(route, operation, name) };
  });
  for (const { type } of answers) materialize(type);

  for (const { route, operation, name, type } of answers) {
    const target = route.method === "GET" ? queries : mutations;
    if (target[name] || !isGraphqlName(name)) throw new Error(`GraphQL: ${route.operationId} would be the field ${name}, which is taken or not a name`);
    const args: GraphQLFieldConfigArgumentMap = {};
    const argNames: RouteArgs["names"] = { path: [], query: new Map() };
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== "path" && parameter.in !== "query") continue;
      const argName = route.kind === "list" && parameter.in === "query" && parameter.name in PAGE_ARGS ? PAGE_ARGS[parameter.name as keyof typeof PAGE_ARGS] : parameter.name;
      if (!isGraphqlName(argName)) throw new Error(`GraphQL: ${route.operationId}'s parameter ${parameter.name} is not a GraphQL name`);
      // An enum only a filter takes is named after the listed object: RequestPriority, not RequestsPriority.
      const hint = `${String(getNamedType(type)).replace(/Connection$/, "")}_${argName}`;
      const argType = argName === "first" ? GraphQLInt : types.input(parameter.schema, hint, parameter.in === "path" || Boolean(parameter.required));
      args[argName] = { type: argType, description: parameter.description ?? parameter.schema.description };
      if (parameter.in === "path") argNames.path.push(argName);
      else argNames.query.set(argName, parameter.name);
    }
    let inputType: GraphQLInputType | undefined;
    const bodySchema = operation.requestBody?.content["application/json"]?.schema;
    if (bodySchema) {
      inputType = types.input(bodySchema, `${route.operationId}Input`, true);
      args.input = { type: inputType };
    }
    target[name] = {
      type,
      args,
      description: [operation.summary, operation.description].filter(Boolean).join("\n\n") || undefined,
      resolve: (_root, values, ctx) => callRoute(route, ctx, { values, names: argNames, inputType }),
    };
  }

  function answerType(route: ApiRoute, operation: Operation, name: string): GraphQLOutputType {
    if (route.kind === "empty") return new GraphQLNonNull(GraphQLBoolean);
    const status = String(route.status ?? 200);
    const schema = operation.responses[status]?.content?.["application/json"]?.schema;
    if (!schema) throw new Error(`GraphQL: ${route.operationId} declares no ${status} answer`);
    if (route.kind === "object") return types.output(schema, `${route.operationId}Result`);
    const page = schema.$ref ? document.components.schemas[schema.$ref.split("/").pop()!] : schema;
    const item = page.properties?.results?.items;
    if (!item) throw new Error(`GraphQL: ${route.operationId}'s page has no results`);
    return new GraphQLNonNull(connectionOf(types.output(item, `${name}Item`)));
  }

  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: queries }),
    mutation: new GraphQLObjectType({ name: "Mutation", fields: mutations }),
    subscription: subscriptionType(
      types.output({ $ref: "#/components/schemas/Event" }, "Event"),
      routesById.get("listEvents")!,
      OBJECT_SUBSCRIPTIONS.map(({ field, operationId, eventTypes }) => {
        const answer = answers.find((a) => a.route.operationId === operationId);
        if (!answer) throw new Error(`GraphQL: ${field} follows ${operationId}, which is not a route`);
        return { field, route: answer.route, type: answer.type, eventTypes };
      }),
    ),
    types: [GraphQLJSON],
  });
}

/** Makes every object type below `type` build its fields now (they are thunks), in a stable order. */
function materialize(type: GraphQLOutputType, seen = new Set<GraphQLNamedType>()): void {
  const named = getNamedType(type);
  if (seen.has(named) || !(named instanceof GraphQLObjectType)) return;
  seen.add(named);
  for (const field of Object.values(named.getFields())) materialize(field.type, seen);
}

let built: GraphQLSchema | undefined;

export function graphqlSchema(): GraphQLSchema {
  return (built ??= buildSchema());
}

/** The SDL, as published at /api/graphql/schema.graphql and checked in as schema.graphql. */
export function graphqlSdl(): string {
  // Sorted, so a change shows as a small diff wherever the route sits in the table.
  return `${printSchema(lexicographicSortSchema(graphqlSchema()))}\n`;
}
