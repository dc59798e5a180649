import type { InngestFunction } from "inngest";
import { deliverWebhook } from "./deliver-webhook";
import { resumeWebhookEndpoint } from "./resume-webhook-endpoint";

/**
 * Every function the app serves, one file each in this folder, each a thin adapter over domain
 * code in src/server/.
 */
export const functions: InngestFunction.Any[] = [deliverWebhook, resumeWebhookEndpoint];
