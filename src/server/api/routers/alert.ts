import { acknowledgeAlert, resolveAlert } from "@/server/records/alerts/alert-status";
import {
  alertIdInput,
  createRequestFromAlertInput,
  linkAlertInput,
  listAlertsInput,
  raiseAlertInput,
  resolveAlertInput,
} from "@/server/records/alerts/alert.schema";
import { createIncidentFromAlert } from "@/server/records/alerts/create-incident-from-alert";
import { createRequestFromAlert } from "@/server/records/alerts/create-request-from-alert";
import { createIssueFromAlert, createIssueFromAlertInput } from "@/server/issue-sync/from-records";
import { getAlert } from "@/server/records/alerts/get-alert";
import { linkAlert } from "@/server/records/alerts/link-alert";
import { listAlerts } from "@/server/records/alerts/list-alerts";
import { raiseAlert } from "@/server/records/alerts/raise-alert";
import { dataspaceProcedure, router } from "../trpc";

export const alertRouter = router({
  list: dataspaceProcedure.input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.tenant, input)),
  get: dataspaceProcedure.input(alertIdInput).query(({ ctx, input }) => getAlert(ctx.tenant, input.id)),
  raise: dataspaceProcedure.input(raiseAlertInput).mutation(({ ctx, input }) => raiseAlert(ctx.tenant, input)),
  acknowledge: dataspaceProcedure.input(alertIdInput).mutation(({ ctx, input }) => acknowledgeAlert(ctx.tenant, input)),
  resolve: dataspaceProcedure.input(resolveAlertInput).mutation(({ ctx, input }) => resolveAlert(ctx.tenant, input)),
  link: dataspaceProcedure.input(linkAlertInput).mutation(({ ctx, input }) => linkAlert(ctx.tenant, input)),
  createIncident: dataspaceProcedure.input(createRequestFromAlertInput).mutation(({ ctx, input }) => createIncidentFromAlert(ctx.tenant, input)),
  createRequest: dataspaceProcedure.input(createRequestFromAlertInput).mutation(({ ctx, input }) => createRequestFromAlert(ctx.tenant, input)),
  // "Create GitHub issue from alert": through the alert's request (made if it has none).
  createIssue: dataspaceProcedure.input(createIssueFromAlertInput).mutation(({ ctx, input }) => createIssueFromAlert(ctx.tenant, input)),
});
