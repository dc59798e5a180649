import { readFileSync } from "node:fs";
import path from "node:path";
import {
  GraphQLError,
  GraphQLScalarType,
  Kind,
  buildSchema,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { createContractGate, type ContractGate } from "../../shared/fake/contract-gate";

/**
 * The contract gates of the New Relic fake, one per kind of API it stands for:
 *
 * - the ingest APIs (Metric API, Event API): every request is matched and validated against
 *   new-relic-ingest.openapi.json, a subset written from New Relic's documentation (pages and date
 *   in its `info`), by the shared gate (../../shared/fake/contract-gate.ts). What a schema cannot
 *   say — time windows, limits across `common` and a data point — is in ingest-checks.ts.
 * - NerdGraph: every operation is parsed and validated against nerdgraph-change-tracking.graphqls
 *   (its sources in its header) with `graphql`'s own `validate`, and its variables coerced to the
 *   operation's variable types, the two custom scalars included (an EpochMilliseconds is an
 *   integer, an EntityGuid a string).
 *
 * A request that fails is a violation, however the fake answers it.
 */
export const INGEST_CONTRACT_FILE = path.join(import.meta.dirname, "new-relic-ingest.openapi.json");
export const NERDGRAPH_SCHEMA_FILE = path.join(import.meta.dirname, "nerdgraph-change-tracking.graphqls");

export function loadIngestDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(INGEST_CONTRACT_FILE, "utf8")) as Record<string, unknown>;
}

export async function createIngestGate(): Promise<ContractGate> {
  return createContractGate({ document: loadIngestDocument(), apiRoot: "/", label: "New Relic ingest" });
}

export function nerdgraphSchemaText(): string {
  return readFileSync(NERDGRAPH_SCHEMA_FILE, "utf8");
}

const refuse = (what: string, value: unknown) => {
  throw new GraphQLError(`${what} cannot represent ${JSON.stringify(value) ?? String(value)}`);
};

/** Milliseconds since the epoch: an integer, in a variable or a literal (a string is refused). */
function parseEpochMilliseconds(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : refuse("EpochMilliseconds", value);
}

function parseEntityGuid(value: unknown): string {
  return typeof value === "string" && value !== "" ? value : refuse("EntityGuid", value);
}

function literal(node: ValueNode): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.STRING) return node.value;
  return refuse("a literal of this kind", node.kind);
}

let shared: GraphQLSchema | null = null;

/** The NerdGraph subset, its custom scalars made to check what they are given; built once per process. */
export function nerdgraphSchema(): GraphQLSchema {
  if (shared) return shared;
  const schema = buildSchema(nerdgraphSchemaText());
  const scalars: Record<string, (value: unknown) => unknown> = { EpochMilliseconds: parseEpochMilliseconds, EntityGuid: parseEntityGuid };
  for (const [name, parseValue] of Object.entries(scalars)) {
    const scalar = schema.getType(name);
    if (!(scalar instanceof GraphQLScalarType)) throw new Error(`the NerdGraph subset has no scalar ${name}`);
    scalar.parseValue = parseValue;
    scalar.parseLiteral = (node) => parseValue(literal(node));
    scalar.serialize = (value) => value;
  }
  shared = schema;
  return schema;
}

export type NerdgraphRequest = { query?: unknown; variables?: unknown; operationName?: unknown };
export type NerdgraphError = { message: string; locations?: { line: number; column: number }[] };

export type NerdgraphVerdict =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown>; kind: "query" | "mutation" | "subscription"; fields: string[] }
  | { ok: false; errors: NerdgraphError[] };

const entry = (error: GraphQLError | string): NerdgraphError =>
  typeof error === "string" ? { message: error } : { message: error.message, ...(error.locations ? { locations: [...error.locations] } : {}) };

/** Judges one NerdGraph request: parsed, valid against the subset, one operation picked, variables coerced. */
export function checkNerdgraphOperation(request: NerdgraphRequest, schema = nerdgraphSchema()): NerdgraphVerdict {
  const fail = (errors: NerdgraphError[]): NerdgraphVerdict => ({ ok: false, errors });
  if (typeof request.query !== "string" || request.query.trim() === "") return fail([entry("the request has no query")]);
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return fail([entry(error instanceof GraphQLError ? error : String(error))]);
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return fail(invalid.map(entry));
  const operationName = typeof request.operationName === "string" && request.operationName !== "" ? request.operationName : null;
  const operation = getOperationAST(document, operationName);
  if (!operation) return fail([entry(operationName ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.")]);
  const given = request.variables ?? {};
  if (typeof given !== "object" || Array.isArray(given)) return fail([entry("variables must be a JSON object")]);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given as Record<string, unknown>);
  if (coerced.errors) return fail(coerced.errors.map(entry));
  const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  return { ok: true, document, operation, variables: coerced.coerced, kind: operation.operation, fields };
}
