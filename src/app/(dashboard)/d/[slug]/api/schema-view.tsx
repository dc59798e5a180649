import { Fragment } from "react";

/**
 * Renders the JSON Schemas of the OpenAPI document as field tables: names, types, whether
 * required, descriptions; named components link to their entry under "Schemas".
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};

export const refName = (ref: string) => ref.split("/").at(-1) ?? ref;

/** Text with `code` spans, as the document's descriptions write them. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function TypeLabel({ schema }: { schema: JsonSchema }) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#schema-${name}`} className="font-mono text-indigo-700 hover:underline">
        {name}
      </a>
    );
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return <Joined parts={alternatives.map((s, i) => <TypeLabel key={i} schema={s} />)} word="or" />;
  if (schema.const !== undefined) return <code className="font-mono">{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <code className="font-mono">{schema.enum.map((v) => JSON.stringify(v)).join(" | ")}</code>;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const label = types.map((type) => {
    if (type === "array" && schema.items) return <span key={type}>array of <TypeLabel schema={schema.items} /></span>;
    if (type === "object" && !schema.properties && schema.additionalProperties) return <span key={type}>map</span>;
    return <span key={type}>{type}{type !== "null" && schema.format ? ` (${schema.format})` : ""}</span>;
  });
  return label.length ? <Joined parts={label} word="or" /> : <span>any JSON</span>;
}

function Joined({ parts, word }: { parts: React.ReactNode[]; word: string }) {
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="text-slate-400"> {word} </span>}
          {part}
        </Fragment>
      ))}
    </>
  );
}

function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined) out.push(`${schema.minimum}–${schema.maximum}`);
  if (schema.maxLength !== undefined) out.push(`at most ${schema.maxLength} characters`);
  return out;
}

/** An object's fields as rows; nested anonymous objects are shown below their field, indented. */
export function FieldTable({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  const fields = Object.entries(schema.properties ?? {});
  if (!fields.length) {
    return (
      <p className="text-sm text-slate-600">
        <TypeLabel schema={schema} />
      </p>
    );
  }
  return (
    <table className="w-full text-left text-sm">
      <tbody className="divide-y divide-slate-100">
        {fields.map(([name, field]) => {
          const nested = field.items?.properties ? field.items : field.properties ? field : undefined;
          return (
            <tr key={name} className="align-top">
              <td className="w-1/4 py-2 pr-3 font-mono text-slate-900">
                {name}
                {schema.required?.includes(name) && <span className="ml-1 text-xs font-sans text-red-600">required</span>}
              </td>
              <td className="py-2 text-slate-600">
                <TypeLabel schema={field} />
                {constraints(field).length > 0 && <span className="text-slate-400"> · {constraints(field).join(" · ")}</span>}
                {field.description && (
                  <p className="mt-0.5 text-slate-500">
                    <Prose text={field.description} />
                  </p>
                )}
                {nested && depth < 3 && (
                  <div className="mt-2 border-l-2 border-slate-100 pl-3">
                    <FieldTable schema={nested} depth={depth + 1} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
