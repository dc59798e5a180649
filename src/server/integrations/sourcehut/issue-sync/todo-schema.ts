import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLSchema } from "graphql";

/**
 * todo.sr.ht's published GraphQL schema, vendored by `scripts/sourcehut-sdl.mjs` (source and
 * commit in the file's header). What the issue sync sends is validated against it in
 * contract.test.ts, and the SourceHut fake validates and executes every operation with it. Tests
 * and the fake only: the tracker itself sends fixed strings and never loads the schema.
 */
export const TODO_SCHEMA_FILE = path.join(import.meta.dirname, "todo-sr-ht.schema.graphqls");

export function todoSchemaText(): string {
  return readFileSync(TODO_SCHEMA_FILE, "utf8");
}

let shared: GraphQLSchema | null = null;

/** The schema for validation, built once per process (never given resolvers: the fake builds its own). */
export function todoSchema(): GraphQLSchema {
  shared ??= buildSchema(todoSchemaText());
  return shared;
}
