import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { GraphQLError, NoSchemaIntrospectionCustomRule } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";

/**
 * What one operation may ask for (graphql-armor): depth, cost, aliases, directives and tokens,
 * checked before anything runs. Armor's refusals carry no code; they get `QUERY_TOO_COMPLEX` and
 * the limit in their message.
 */
export const GRAPHQL_LIMITS = { maxDepth: 10, maxCost: 5_000, maxAliases: 15, maxDirectives: 20, maxTokens: 2_000 } as const;

const coded = (_ctx: unknown, error: GraphQLError) => void Object.assign(error.extensions as Record<string, unknown>, { code: "QUERY_TOO_COMPLEX" });
const onReject = [coded];

export function limitPlugins(options: { introspection: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: GRAPHQL_LIMITS.maxDepth, exposeLimits: true, onReject },
      costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, exposeLimits: true, onReject },
      maxAliases: { n: GRAPHQL_LIMITS.maxAliases, exposeLimits: true, onReject },
      maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: true, onReject },
      maxTokens: { n: GRAPHQL_LIMITS.maxTokens, exposeLimits: true, onReject },
      // Suggestions ("did you mean …") stay: the schema is public anyway.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin,
  ];
  if (!options.introspection) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  plugins.push(requestErrorCodes);
  return plugins;
}

/**
 * graphql-js reports a document it cannot parse or validate, and variables it cannot coerce, as
 * errors without a code; each gets, where it is made, the one a client can branch on, as the
 * domain's errors have (a code already set, e.g. by armor, stays).
 */
const code = (error: GraphQLError, value: string) => void ((error.extensions as Record<string, unknown>).code ??= value);
const requestErrorCodes: Plugin = {
  onParse: () => ({ result }) => {
    if (result instanceof GraphQLError) code(result, "GRAPHQL_PARSE_FAILED");
  },
  onValidate: () => ({ result }) => result.forEach((error) => code(error, "GRAPHQL_VALIDATION_FAILED")),
  // An execution error without a path is about the request, not a field: its variables.
  onExecute: () => ({
    onExecuteDone: ({ result }) => {
      if (!isAsyncIterable(result)) result.errors?.filter((error) => !error.path).forEach((error) => code(error, "BAD_USER_INPUT"));
    },
  }),
};
