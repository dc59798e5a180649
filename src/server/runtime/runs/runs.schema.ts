import { z } from "zod";

/** Run states as the Runs page shows them: the stored status, with RUNNING split by what it waits on. */
export const RUN_STATUSES = ["QUEUED", "RUNNING", "SLEEPING", "WAITING", "COMPLETED", "FAILED", "CANCELLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const listRunsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
  status: z.enum(RUN_STATUSES, { error: "Unknown run status" }).optional(),
  functionId: z.string().trim().min(1).max(200).optional(),
});

export const runIdInput = z.object({ id: z.string().uuid("Unknown run") });
