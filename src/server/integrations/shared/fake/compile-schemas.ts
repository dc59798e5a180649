import { Ajv } from "ajv";
import { addContractFormats } from "./contract-gate";

/**
 * For each fake's contract.test.ts: compiles every schema of a vendored OpenAPI 3 document up
 * front, with ajv in strict mode (unknown keywords and formats are errors). The contract gate runs
 * openapi-backend with `quick: true`, which compiles lazily and never checks the document, so
 * without this a schema ajv cannot compile would only show when a request happened to hit it.
 *
 * Compiles each component schema and, for each operation, each parameter, request body, response
 * body and response header schema; `$ref`s into the components resolve through a schema
 * registered as `id`. Throws on the first that does not compile (or a parameter without a schema:
 * a `$ref` left in), naming it; answers how many compiled.
 */
export function compileEverySchema(document: Record<string, unknown>, id: string): number {
  const ajv = addContractFormats(new Ajv({ strict: true, strictTypes: false, allErrors: true }));
  ajv.addKeyword({ keyword: "components" }); // the holder of the component schemas, so "#/components/schemas/X" resolves
  const schemas = (document.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};
  ajv.addSchema({ components: { schemas } }, id);
  const withRefs = (schema: unknown): object => JSON.parse(JSON.stringify(schema ?? {}).replaceAll('"$ref":"#/', `"$ref":"${id}#/`)) as object;
  let count = 0;
  const compile = (pointer: string, schema: object) => {
    try {
      ajv.compile(schema);
      count++;
    } catch (error) {
      throw new Error(`${pointer} does not compile: ${(error as Error).message}`);
    }
  };
  for (const name of Object.keys(schemas)) compile(`#/components/schemas/${name}`, { $ref: `${id}#/components/schemas/${name}` });
  for (const [route, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const at = `#/paths/${route}/${method}`;
      for (const [i, parameter] of (operation.parameters ?? []).entries()) {
        if (!parameter.schema) throw new Error(`${at}/parameters/${i} has no schema (a $ref left in?)`);
        compile(`${at}/parameters/${i}`, withRefs(parameter.schema));
      }
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) compile(`${at}/requestBody/${type}`, withRefs(media.schema));
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) compile(`${at}/responses/${status}/${type}`, withRefs(media.schema));
        for (const [name, header] of Object.entries(response.headers ?? {})) compile(`${at}/responses/${status}/headers/${name}`, withRefs(header.schema));
      }
    }
  }
  return count;
}

type Media = { content?: Record<string, { schema?: unknown }> };
type Operation = { parameters?: { schema?: unknown }[]; requestBody?: Media; responses?: Record<string, Media & { headers?: Record<string, { schema?: unknown }> }> };
