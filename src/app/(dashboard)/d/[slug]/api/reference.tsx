import type { ReactNode } from "react";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { OperationCard, type Operation } from "./operation-card";
import { FieldTable, Prose, type JsonSchema } from "./schema-view";

export type ApiDocument = {
  info: { version: string; description?: string };
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, { description?: string }> };
};

/** The reference itself: intro, the operations grouped by tag, then the schemas they name. */
export function ApiReference({ doc, dataspaceName, tokensLink }: { doc: ApiDocument; dataspaceName: string; tokensLink: ReactNode }) {
  const base = doc.servers[0]?.url ?? "/api/v1";
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
  return (
    <>
      <PageHeader
        title="REST API"
        description={`Automate ${dataspaceName} with the versioned REST API (v${doc.info.version}). The token you send decides the dataspace.`}
      />
      <div className="space-y-8">
        <Card>
          <CardHeader
            title="Getting started"
            description={<>Admins create tokens on the {tokensLink} page; a token is shown once.</>}
          />
          <div className="space-y-3 px-5 py-4 text-sm text-slate-600">
            {doc.info.description && (
              <p>
                <Prose text={doc.info.description} />
              </p>
            )}
            <pre className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs text-slate-100">
              {`curl -H "Authorization: Bearer sb_…" "${base}/requests?status=open&limit=10"`}
            </pre>
            <p>
              The machine-readable contract is{" "}
              <a className="font-medium text-indigo-700 hover:underline" href="/api/v1/openapi.json">
                /api/v1/openapi.json
              </a>{" "}
              (OpenAPI 3.1): generate a typed client from it, e.g. with openapi-typescript.
            </p>
          </div>
        </Card>

        {doc.tags.map((tag) => (
          <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-3">
            <div>
              <h2 id={`tag-${tag.name}`} className="text-lg font-semibold text-slate-900">
                {tag.name}
              </h2>
              {tag.description && <p className="text-sm text-slate-500">{tag.description}</p>}
            </div>
            {operations
              .filter(({ operation }) => operation.tags?.includes(tag.name))
              .map(({ path, method, operation }) => (
                <OperationCard key={`${method} ${path}`} method={method} path={path} operation={operation} responses={doc.components.responses} />
              ))}
          </section>
        ))}

        <section aria-labelledby="schemas" className="space-y-3">
          <h2 id="schemas" className="text-lg font-semibold text-slate-900">
            Schemas
          </h2>
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <Card key={name}>
              <div id={`schema-${name}`} className="scroll-mt-6 px-5 py-4">
                <h3 className="font-mono text-sm font-semibold text-slate-900">{name}</h3>
                {schema.description && <p className="mt-0.5 text-sm text-slate-500">{schema.description}</p>}
                <div className="mt-3">
                  <FieldTable schema={schema} />
                </div>
              </div>
            </Card>
          ))}
        </section>
      </div>
    </>
  );
}
