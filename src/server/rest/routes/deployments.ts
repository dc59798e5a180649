import { z } from "zod";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import {
  createDeploymentInput,
  DEPLOYMENT_STATUSES,
  deploymentPayloadSchema,
  deploymentUrl,
  listDeploymentsInput,
  setDeploymentStatusInput,
} from "@/server/records/deployments/deployment.schema";
import { serviceIdByReference } from "@/server/records/deployments/deployment-service";
import { getDeployment } from "@/server/records/deployments/get-deployment";
import { listDeployments } from "@/server/records/deployments/list-deployments";
import { serializeDeployment } from "@/server/records/deployments/serialize-deployment";
import { setDeploymentStatus } from "@/server/records/deployments/set-deployment-status";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Deployments: what was deployed where, from the API, GitHub's deployment webhooks or pushes to a
 * configured branch. The object is what `deployment.*` events carry. A service is named by its
 * name or its uuid; a deployment's status only moves forward, and a finished one stays finished.
 */
export const deploymentObject = deploymentPayloadSchema.meta({ id: "Deployment", description: "A deployment of a service (or of the product) to an environment" });

const fields = createDeploymentInput.shape; // the domain's fields, with their defaults

const about = {
  service: "A service of the dataspace, by name or uuid (e.g. `Checkout API`); null or left out for none",
  environment: "Where it is deployed, e.g. `production` (up to 255 characters)",
  ref: "The branch or tag deployed, e.g. `main`",
  sha: "The commit deployed: 7 to 40 hexadecimal digits",
  version: "The version deployed, e.g. `2.4.1`",
  description: "Up to 2000 characters",
  status: "`queued` (default), `in_progress`, `success`, `failure` or `cancelled`: one already in progress gets its start time, one finished its finish time",
  url: "Where the deployed environment (or its log) can be seen: an http(s) URL",
  committed_date: "When the oldest change it ships was committed (ISO 8601 with its offset, e.g. the first commit's time since the last deployment): gives the DORA lead time for changes",
};

export const deploymentCreateBody = z
  .strictObject({
    service: z.string().trim().min(1).max(200).nullable().default(null).meta({ description: about.service }),
    environment: fields.environment.meta({ description: about.environment }),
    ref: fields.ref.meta({ description: about.ref }),
    sha: fields.sha.meta({ description: about.sha }),
    version: fields.version.meta({ description: about.version }),
    description: fields.description.meta({ description: about.description }),
    status: fields.status.meta({ description: about.status }),
    url: fields.url.meta({ description: about.url }),
    committed_date: fields.committedAt.meta({ description: about.committed_date }),
  })
  .meta({ id: "DeploymentCreate" });

export const deploymentUpdateBody = z
  .strictObject({
    status: z.enum(DEPLOYMENT_STATUSES).meta({
      description: "The new status. Forward only: `queued` → `in_progress` → `success`, `failure` or `cancelled`; a finished deployment's status cannot change (409)",
    }),
    url: z.union([deploymentUrl, z.null()]).optional().meta({ description: "The environment's URL, once known; null removes it; left out, it stays" }),
  })
  .meta({ id: "DeploymentUpdate", description: "A status change (and, with it, the URL)" });

const fieldNames = { serviceId: "service", committedAt: "committed_date", id: "uuid" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = listDeploymentsInput.shape;

const listQuery = z.object({
  service: z.string().trim().min(1).max(200).optional().meta({ description: "Only this service's deployments (its name or uuid)" }),
  environment: list.environment.meta({ description: "Only deployments to this environment, e.g. `production`" }),
  status: list.status.meta({ description: "Only these statuses (repeat the parameter or separate with commas)" }),
  ...pageQuery,
});

export const deploymentRoutes = [
  defineRoute({
    method: "GET",
    path: "/deployments",
    operationId: "listDeployments",
    tag: "Deployments",
    summary: "List deployments",
    description: "Newest first, filtered by service, environment and status.",
    scope: { resource: "deployments", level: "read" },
    kind: "list",
    query: listQuery,
    response: deploymentObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const byUuid = query.service !== undefined && UUID.test(query.service);
      const page = await listDeployments(tenant, {
        serviceId: byUuid ? query.service : undefined,
        serviceName: byUuid ? undefined : query.service,
        environment: query.environment,
        status: query.status,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((deployment) => serializeDeployment(deployment, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/deployments",
    operationId: "createDeployment",
    tag: "Deployments",
    summary: "Record a deployment",
    description:
      "Records a deployment (source `api`), e.g. from a CI job: create it `in_progress` when the job starts and `PATCH` its status when it ends, or record it `success` once done. Publishes `deployment.created`. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "deployments", level: "write" },
    kind: "object",
    status: 201,
    body: deploymentCreateBody,
    response: deploymentObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const serviceId = await serviceIdByReference(tenant, body.service, "service");
      const { service: _service, committed_date, ...rest } = body;
      const input = createDeploymentInput.parse({ ...rest, serviceId: serviceId ?? null, committedAt: committed_date?.toISOString() ?? null });
      return serializeDeployment(await createDeployment(tenant, input), tenant.dataspace);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/deployments/{uuid}",
    operationId: "getDeployment",
    tag: "Deployments",
    summary: "Get a deployment",
    description: "Send `If-None-Match` with the ETag you have to get 304 when it has not changed.",
    scope: { resource: "deployments", level: "read" },
    kind: "object",
    params: uuidParams,
    response: deploymentObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeDeployment(await getDeployment(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/deployments/{uuid}",
    operationId: "updateDeployment",
    tag: "Deployments",
    summary: "Change a deployment's status",
    description:
      "Moves the deployment forward: `in_progress` sets `started_date`, `success`, `failure` and `cancelled` set `finished_date`. A finished deployment's status cannot change, nor can one in progress go back to `queued` (409, saying so); the same status again changes nothing. Publishes `deployment.status_changed` with `previous_status`. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the deployment since.",
    scope: { resource: "deployments", level: "write" },
    kind: "object",
    params: uuidParams,
    body: deploymentUpdateBody,
    response: deploymentObject,
    fieldNames,
    errors: [400, 404, 409, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const input = setDeploymentStatusInput.parse({ id: params.uuid, status: body.status, url: body.url });
      const updated = await setDeploymentStatus(tenant, input, { precondition: (current) => ifMatch(serializeDeployment(current, tenant.dataspace)) });
      return serializeDeployment(updated, tenant.dataspace);
    },
  }),
];
