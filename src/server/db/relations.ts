import { db } from "./client";

/**
 * model → relation field → target model, read from the generated client's own data model, so
 * the scoping walker in ./scoped.ts follows the schema without a hand-kept copy of it.
 */
type RuntimeDataModel = { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> };

let relations: Map<string, Map<string, string>> | undefined;

function load(): Map<string, Map<string, string>> {
  const dataModel = (db as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dataModel) throw new Error("Prisma client exposes no runtime data model; the tenant scope cannot check relations");
  const map = new Map<string, Map<string, string>>();
  for (const [model, { fields }] of Object.entries(dataModel.models)) {
    map.set(model, new Map(fields.filter((f) => f.kind === "object").map((f) => [f.name, f.type])));
  }
  return map;
}

export function relationTarget(model: string, field: string): string | undefined {
  relations ??= load();
  return relations.get(model)?.get(field);
}
