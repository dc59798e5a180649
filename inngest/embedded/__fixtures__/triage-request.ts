import { domainEvents, inngest } from "../../client";

/**
 * A stand-in for the production functions to come (one file each under inngest/functions/):
 * typed by the event catalog, one concurrency lane per dataspace, steps a reviewer can follow.
 */
export const triageRequest = inngest.createFunction(
  {
    id: "triage-request",
    triggers: [domainEvents["request.added"]],
    concurrency: { limit: 1, key: "event.data.dataspaceId" },
  },
  async ({ event, step }) => {
    const { payload, dataspaceId } = event.data;
    const urgent = await step.run("classify", () => payload.priority === "Urgent" || payload.title.toLowerCase().includes("outage"));
    if (!urgent) return { dataspaceId, escalated: false };
    const ack = await step.waitForEvent("await-ack", { event: "request.updated", timeout: "1h", if: "async.data.payload.uuid == event.data.payload.uuid" });
    return { dataspaceId, escalated: true, acknowledged: ack !== null };
  },
);
