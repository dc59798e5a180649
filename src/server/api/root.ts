import { accountRouter, userAdminRouter } from "./routers/account";
import { alertRouter } from "./routers/alert";
import { apiTokenRouter } from "./routers/api-token";
import { dataspaceRouter, invitationRouter, memberRouter } from "./routers/dataspace";
import { eventRouter } from "./routers/event";
import { eventTypeRouter } from "./routers/event-type";
import { integrationRouter } from "./routers/integration";
import { requestRouter } from "./routers/request";
import { runsRouter } from "./routers/runs";
import { ssoRouter } from "./routers/sso";
import { webhookRouter } from "./routers/webhook";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  dataspace: dataspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  request: requestRouter,
  alert: alertRouter,
  event: eventRouter,
  eventType: eventTypeRouter,
  sso: ssoRouter,
  run: runsRouter,
  webhook: webhookRouter,
  integration: integrationRouter,
  apiToken: apiTokenRouter,
  account: accountRouter,
  userAdmin: userAdminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
