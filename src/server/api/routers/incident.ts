import { z } from "zod";
import { addIncidentUpdate, resolveIncident } from "@/server/records/incidents/add-incident-update";
import { createIncident } from "@/server/records/incidents/create-incident";
import { getIncidentDetail } from "@/server/records/incidents/get-incident";
import {
  addIncidentUpdateInput,
  createIncidentInput,
  listIncidentsInput,
  resolveIncidentInput,
  updateIncidentInput,
} from "@/server/records/incidents/incident.schema";
import { listIncidents } from "@/server/records/incidents/list-incidents";
import { updateIncident } from "@/server/records/incidents/update-incident";
import { createIssueFromIncident, createIssueFromIncidentInput } from "@/server/issue-sync/from-records";
import { dataspaceProcedure, router } from "../trpc";

const incidentId = z.object({ id: z.string().uuid("Unknown incident") });

export const incidentRouter = router({
  list: dataspaceProcedure.input(listIncidentsInput).query(({ ctx, input }) => listIncidents(ctx.tenant, input)),
  get: dataspaceProcedure.input(incidentId).query(({ ctx, input }) => getIncidentDetail(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createIncidentInput).mutation(({ ctx, input }) => createIncident(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateIncidentInput).mutation(({ ctx, input }) => updateIncident(ctx.tenant, input)),
  addUpdate: dataspaceProcedure.input(addIncidentUpdateInput).mutation(({ ctx, input }) => addIncidentUpdate(ctx.tenant, input)),
  resolve: dataspaceProcedure.input(resolveIncidentInput).mutation(({ ctx, input }) => resolveIncident(ctx.tenant, input)),
  // An issue for the incident, through its request (made if it has none).
  createIssue: dataspaceProcedure.input(createIssueFromIncidentInput).mutation(({ ctx, input }) => createIssueFromIncident(ctx.tenant, input)),
  /** The services the incident form offers (the dataspace's, by group and name). */
});
