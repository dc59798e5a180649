import { z } from "zod";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput, listDeploymentsInput, setDeploymentStatusInput } from "@/server/records/deployments/deployment.schema";
import { getDeployment } from "@/server/records/deployments/get-deployment";
import { deploymentFacets, listDeployments } from "@/server/records/deployments/list-deployments";
import { setDeploymentStatus } from "@/server/records/deployments/set-deployment-status";
import { dataspaceProcedure, router } from "../trpc";

const deploymentId = z.object({ id: z.string().uuid("Unknown deployment") });

export const deploymentRouter = router({
  list: dataspaceProcedure.input(listDeploymentsInput.omit({ serviceName: true })).query(({ ctx, input }) => listDeployments(ctx.tenant, input)),
  get: dataspaceProcedure.input(deploymentId).query(({ ctx, input }) => getDeployment(ctx.tenant, input.id)),
  /** The services and environments the list's filters and the form offer. */
  facets: dataspaceProcedure.query(({ ctx }) => deploymentFacets(ctx.tenant)),
  create: dataspaceProcedure.input(createDeploymentInput).mutation(({ ctx, input }) => createDeployment(ctx.tenant, input)),
  setStatus: dataspaceProcedure.input(setDeploymentStatusInput).mutation(({ ctx, input }) => setDeploymentStatus(ctx.tenant, input)),
});
