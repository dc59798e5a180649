import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { FieldTable, Prose, refName, TypeLabel, type JsonSchema } from "./schema-view";

/** One operation of the OpenAPI document: what to send, what comes back, which scope it takes. */
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type Media = Record<string, { schema?: JsonSchema }>;
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  "x-required-scope"?: string;
  parameters?: Parameter[];
  requestBody?: { content: Media };
  responses: Record<string, { $ref?: string; description?: string; content?: Media }>;
};

const METHOD_TONES: Record<string, Tone> = { get: "sky", post: "emerald", patch: "amber", put: "amber", delete: "red" };

export function OperationCard({ method, path, operation, responses }: { method: string; path: string; operation: Operation; responses: Record<string, { description?: string }> }) {
  const [description, scopeLine] = (operation.description ?? "").split(/\n\n(?=Scope:)/);
  const body = operation.requestBody?.content["application/json"]?.schema;
  return (
    <Card>
      <div id={operation.operationId} className="space-y-4 px-5 py-4">
        <div className="flex flex-wrap items-center gap-3">
          <Badge tone={METHOD_TONES[method] ?? "slate"} className="font-mono uppercase">
            {method}
          </Badge>
          <code className="font-mono text-sm font-semibold text-slate-900">/api/v1{path}</code>
          {operation["x-required-scope"] && <Badge tone="indigo">scope {operation["x-required-scope"]}</Badge>}
        </div>
        <div>
          <h3 className="text-base font-semibold text-slate-900">{operation.summary}</h3>
          {description && (
            <p className="mt-1 text-sm text-slate-600">
              <Prose text={description} />
            </p>
          )}
          {scopeLine && (
            <p className="mt-1 text-xs text-slate-500">
              <Prose text={scopeLine} />
            </p>
          )}
        </div>
        {operation.parameters?.length ? (
          <Section title="Parameters">
            <table className="w-full text-left text-sm">
              <tbody className="divide-y divide-slate-100">
                {operation.parameters.map((p) => (
                  <tr key={`${p.in}:${p.name}`} className="align-top">
                    <td className="w-1/4 py-2 pr-3 font-mono text-slate-900">
                      {p.name}
                      {p.required && <span className="ml-1 font-sans text-xs text-red-600">required</span>}
                    </td>
                    <td className="w-20 py-2 pr-3 text-xs text-slate-500">{p.in}</td>
                    <td className="py-2 text-slate-600">
                      {p.schema && <TypeLabel schema={p.schema} />}
                      {p.description && (
                        <p className="mt-0.5 text-slate-500">
                          <Prose text={p.description} />
                        </p>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        ) : null}
        {body && (
          <Section title="Request body (application/json)">
            {body.$ref ? (
              <p className="text-sm">
                <TypeLabel schema={body} />
              </p>
            ) : (
              <FieldTable schema={body} />
            )}
          </Section>
        )}
        <Section title="Responses">
          <ul className="space-y-1.5 text-sm">
            {Object.entries(operation.responses).map(([status, response]) => {
              const shared = response.$ref ? responses[refName(response.$ref)] : undefined;
              const content = response.content?.["application/json"]?.schema;
              return (
                <li key={status} className="flex flex-wrap gap-2">
                  <span className={`w-10 font-mono font-semibold ${status.startsWith("2") || status === "304" ? "text-emerald-700" : "text-red-700"}`}>{status}</span>
                  <span className="text-slate-600">{(shared ?? response).description}</span>
                  {content && (
                    <span className="text-slate-500">
                      — {content.properties?.results ? <>a page of <TypeLabel schema={content.properties.results} /></> : <TypeLabel schema={content} />}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      </div>
    </Card>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h4>
      {children}
    </div>
  );
}
