import { notificationRouter } from "./routers/notification";
import { accountRouter, userAdminRouter } from "./routers/account";
import { alertRouter } from "./routers/alert";
import { apiTokenRouter } from "./routers/api-token";
import { dataspaceRouter, invitationRouter, memberRouter } from "./routers/dataspace";
import { deploymentRouter } from "./routers/deployment";
import { eventRouter } from "./routers/event";
import { eventTypeRouter } from "./routers/event-type";
import { incidentRouter } from "./routers/incident";
import { integrationRouter } from "./routers/integration";
import { maintenanceRouter } from "./routers/maintenance";
import { metricRouter } from "./routers/metric";
import { ciRouter } from "./routers/ci";
import { requestRouter } from "./routers/request";
import { runsRouter } from "./routers/runs";
import { serviceRouter } from "./routers/service";
import { ssoRouter } from "./routers/sso";
import { webhookRouter } from "./routers/webhook";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  dataspace: dataspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  request: requestRouter,
  service: serviceRouter,
  incident: incidentRouter,
  maintenance: maintenanceRouter,
  deployment: deploymentRouter,
  alert: alertRouter,
  event: eventRouter,
  eventType: eventTypeRouter,
  sso: ssoRouter,
  run: runsRouter,
  webhook: webhookRouter,
  integration: integrationRouter,
  notification: notificationRouter,
  metric: metricRouter,
  ci: ciRouter,
  apiToken: apiTokenRouter,
  account: accountRouter,
  userAdmin: userAdminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
