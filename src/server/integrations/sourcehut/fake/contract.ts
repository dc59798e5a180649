import { GraphQLError, Kind, getOperationAST, getVariableValues, parse, validate, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import { todoSchema } from "../issue-sync/todo-schema";

/**
 * The contract gate of the SourceHut fake: every GraphQL operation it receives is parsed and
 * validated against todo.sr.ht's vendored schema (../issue-sync/todo-sr-ht.schema.graphqls) with
 * `graphql`'s own `validate`, and its variables coerced to the operation's variable types. What
 * fails is answered as sr.ht's gqlgen answers it — 422 with the errors and a `code` extension,
 * `"data": null` — and recorded as a violation by the fake. So is an operation over sr.ht's
 * complexity limit (core-go's default `max-complexity`, 250; counted here as gqlgen does without
 * custom weights: one per field, fragments expanded).
 */
export const MAX_COMPLEXITY = 250;

export type GraphqlRequest = { query?: unknown; variables?: unknown; operationName?: unknown };
type ErrorEntry = { message: string; locations?: { line: number; column: number }[]; extensions: { code: string } };

export type GateVerdict =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; operationName: string | null; kind: "query" | "mutation" | "subscription"; fields: string[] }
  | { ok: false; status: 422; errors: ErrorEntry[]; operationName: string | null };

const entry = (error: GraphQLError | string, code: string): ErrorEntry => {
  if (typeof error === "string") return { message: error, extensions: { code } };
  return { message: error.message, ...(error.locations ? { locations: [...error.locations] } : {}), extensions: { code } };
};

/** Fields the operation would resolve, each fragment spread counted where it is spread. */
function complexityOf(selection: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string> = new Set()): number {
  let total = 0;
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD) total += 1 + (node.selectionSet ? complexityOf(node.selectionSet, fragments, seen) : 0);
    else if (node.kind === Kind.INLINE_FRAGMENT) total += complexityOf(node.selectionSet, fragments, seen);
    else {
      const fragment = fragments.get(node.name.value);
      if (fragment && !seen.has(fragment.name.value)) total += complexityOf(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
    }
  }
  return total;
}

export function checkOperation(request: GraphqlRequest, schema = todoSchema()): GateVerdict {
  const operationName = typeof request.operationName === "string" && request.operationName !== "" ? request.operationName : null;
  const refuse = (errors: ErrorEntry[]): GateVerdict => ({ ok: false, status: 422, errors, operationName });
  if (typeof request.query !== "string" || request.query.trim() === "") return refuse([entry("no operation provided", "GRAPHQL_VALIDATION_FAILED")]);
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return refuse([entry(error instanceof GraphQLError ? error : String(error), "GRAPHQL_PARSE_FAILED")]);
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return refuse(invalid.map((e) => entry(e, "GRAPHQL_VALIDATION_FAILED")));
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    const message = operationName ? `operation ${operationName} not found` : "operation name is required when the document holds several operations";
    return refuse([entry(message, "GRAPHQL_VALIDATION_FAILED")]);
  }
  if (request.variables !== undefined && request.variables !== null && (typeof request.variables !== "object" || Array.isArray(request.variables))) {
    return refuse([entry("variables must be an object", "GRAPHQL_VALIDATION_FAILED")]);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], (request.variables ?? {}) as Record<string, unknown>);
  if (coerced.errors) return refuse(coerced.errors.map((e) => entry(e, "GRAPHQL_VALIDATION_FAILED")));
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const complexity = complexityOf(operation.selectionSet, fragments);
  if (complexity > MAX_COMPLEXITY) {
    return refuse([entry(`operation has complexity ${complexity}, which exceeds the limit of ${MAX_COMPLEXITY}`, "COMPLEXITY_LIMIT_EXCEEDED")]);
  }
  const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  return { ok: true, document, operation, operationName: operation.name?.value ?? null, kind: operation.operation, fields };
}
