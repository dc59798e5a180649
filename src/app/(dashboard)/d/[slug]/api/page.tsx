import type { Metadata } from "next";
import Link from "next/link";
import { appUrl } from "@/env";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import { requireDataspace, requireUser } from "../../../_lib/session";
import { ApiReference, type ApiDocument } from "./reference";

export const metadata: Metadata = { title: "REST API" };

/**
 * The REST API reference, rendered on the server from the same OpenAPI document /api/v1 serves:
 * no client script and nothing fetched from elsewhere (the reference widgets on npm load fonts and
 * scripts from CDNs this deployment may not reach).
 */
export default async function ApiReferencePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/api`);
  const dataspace = await requireDataspace(slug);
  const tokensLink = (
    <Link className="font-medium text-indigo-700 hover:underline" href={`/d/${slug}/api-tokens`}>
      API tokens
    </Link>
  );
  return <ApiReference doc={buildOpenApiDocument(appUrl()) as unknown as ApiDocument} dataspaceName={dataspace.name} tokensLink={tokensLink} />;
}
