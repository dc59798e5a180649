import type { InngestFunction } from "inngest";

/**
 * Every function the app serves, one file each in this folder, each a thin adapter over domain
 * code in src/server/. Empty until the first production functions land (webhook deliveries,
 * inbound processing, syncs).
 */
export const functions: InngestFunction.Any[] = [];
