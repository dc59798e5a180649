import type { InngestFunction } from "inngest";
import { deliverWebhooks } from "./deliver-webhooks";
import { processInboundEvent } from "./process-inbound-event";
import { resumeWebhookEndpoint } from "./resume-webhook-endpoint";

/**
 * Every function the app serves, one file each in this folder, each a thin adapter over domain
 * code in src/server/.
 */
export const functions: InngestFunction.Any[] = [deliverWebhooks, resumeWebhookEndpoint, processInboundEvent];
