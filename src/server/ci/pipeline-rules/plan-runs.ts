import type { Prisma } from "@/generated/prisma/client";
import { evaluateExpression, filterMatches, matchesEventPattern } from "@/server/webhooks/rules";

/**
 * Planning pipeline runs in the outbox relay's transaction, as webhook deliveries and notification
 * messages are: one run per (rule, event), idempotent, queued for the runtime to start
 * (start-runs.ts) — so an event is marked relayed exactly when its runs exist. The ref and inputs
 * are worked out here, from the event as published; a ref that comes out empty is a run FAILED
 * at once, saying so, rather than a run started on nothing.
 */
type Rule = { id: string; dataspaceId: string; integrationId: string; events: string[]; filter: string; ref: string; inputs: unknown };
export type RulesByDataspace = ReadonlyMap<string, Rule[]>;
export type PlannedEvent = { id: string; type: string; data: unknown; dataspaceId: string; createdAt: Date };

export async function activePipelineRules(tx: Prisma.TransactionClient, dataspaceIds: readonly string[]): Promise<RulesByDataspace> {
  const rules = await tx.pipelineRule.findMany({
    where: { dataspaceId: { in: [...new Set(dataspaceIds)] }, isActive: true },
    select: { id: true, dataspaceId: true, integrationId: true, events: true, filter: true, ref: true, inputs: true },
    orderBy: { createdAt: "asc" },
  });
  const byDataspace = new Map<string, Rule[]>();
  for (const rule of rules) byDataspace.set(rule.dataspaceId, [...(byDataspace.get(rule.dataspaceId) ?? []), rule]);
  return byDataspace;
}

export function wantedByPipelineRules(rules: RulesByDataspace, event: { type: string; dataspaceId: string }): boolean {
  return (rules.get(event.dataspaceId) ?? []).some((rule) => matchesEventPattern(rule.events, event.type));
}

/** What a run is about, for its page: the deployment or request the event names. */
function subjectOf(event: PlannedEvent): { subjectType: string | null; subjectId: string | null } {
  const data = event.data as { uuid?: unknown; request?: { uuid?: unknown } } | null;
  const uuid = (value: unknown) => (typeof value === "string" && /^[0-9a-f-]{36}$/i.test(value) ? value : null);
  if (event.type.startsWith("deployment.")) return { subjectType: "deployment", subjectId: uuid(data?.uuid) };
  if (event.type.startsWith("request.")) return { subjectType: "request", subjectId: uuid(data?.uuid) };
  if (event.type.startsWith("request_comment.")) return { subjectType: "request", subjectId: uuid(data?.request?.uuid) };
  return { subjectType: null, subjectId: null };
}

export async function planPipelineRuns(tx: Prisma.TransactionClient, events: readonly PlannedEvent[], rules: RulesByDataspace, now = new Date()): Promise<number> {
  const rows: Prisma.PipelineRunCreateManyInput[] = [];
  for (const event of events) {
    const variables = { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: event.data };
    for (const rule of rules.get(event.dataspaceId) ?? []) {
      if (!matchesEventPattern(rule.events, event.type) || !filterMatches(rule.filter, variables)) continue;
      const text = (expression: string) => {
        const value = evaluateExpression(expression, "string", variables);
        return value === undefined || value === null ? "" : String(value).slice(0, 1_000);
      };
      const ref = text(rule.ref);
      const inputs = Object.fromEntries(Object.entries(rule.inputs as Record<string, string>).map(([name, expression]) => [name, text(expression)]));
      const base = { dataspaceId: event.dataspaceId, ruleId: rule.id, integrationId: rule.integrationId, eventId: event.id, ...subjectOf(event), ref, inputs };
      rows.push(ref ? { ...base, status: "pending", queuedAt: now } : { ...base, status: "failed", error: "ref: the expression gave no branch or tag for this event" });
    }
  }
  if (rows.length === 0) return 0;
  const { count } = await tx.pipelineRun.createMany({ data: rows, skipDuplicates: true });
  return count;
}
