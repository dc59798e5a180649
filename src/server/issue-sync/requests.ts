import { z } from "zod";
import { runtimePort } from "@/server/runtime/port";

/**
 * What the sync asks of the runtime besides the domain events it reacts to: push one request now
 * ("Create issue in …", "Sync existing requests"), and walk an integration's requests (the bulk
 * sync). Sent through the runtime port, so each runs as its own durable function.
 */
export const PUSH_REQUESTED = "issue-sync/push.requested";
export const pushRequestedData = z.object({ dataspaceId: z.string().uuid(), requestId: z.string().uuid() });
export type PushRequested = z.infer<typeof pushRequestedData>;

export const BACKFILL_REQUESTED = "issue-sync/backfill.requested";
export const backfillRequestedData = z.object({ dataspaceId: z.string().uuid(), integrationId: z.string().uuid(), startedAt: z.string() });
export type BackfillRequested = z.infer<typeof backfillRequestedData>;

export async function requestPush(items: PushRequested[]): Promise<void> {
  if (items.length > 0) await runtimePort().send(items.map((data) => ({ name: PUSH_REQUESTED, data })));
}
