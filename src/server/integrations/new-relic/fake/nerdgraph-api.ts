import { createHash, randomUUID } from "node:crypto";
import { GraphQLError, execute } from "graphql";
import { checkNerdgraphOperation, nerdgraphSchema, type NerdgraphRequest } from "./contract";
import type { DeploymentType, Exchange, FakeState, StoredDeployment } from "./fake-new-relic-types";

/**
 * The fake's NerdGraph (`POST /graphql`): the contract gate (./contract.ts) judges the operation
 * first, and what NerdGraph would refuse is a violation whatever answers it; then the fault switch;
 * then the key — NerdGraph takes a user key (NRAK-…) in `API-Key`, and anything else, an ingest
 * key included, is answered 401 `{"errors":[{"extensions":{"error_code":"BAD_API_KEY"},"message":
 * "Bad API Key or no API Key provided"}]}` (the answer newrelic-client-go's error handling and its
 * users' reports show; the documentation shows none); then the operation, executed by graphql-js
 * against the schema subset: refusals are 200 with `errors`, as GraphQL answers.
 *
 * The resolvers' refusals follow the change tracking page (nerdgraph-change-tracking.graphqls
 * names it): an entity the fake does not know, a timestamp outside +/- 24 hours ("the payload
 * will be rejected" — also a violation). Their messages are the fake's own wording.
 */
const DAY = 86_400_000;
const BAD_KEY = { errors: [{ extensions: { error_code: "BAD_API_KEY" }, message: "Bad API Key or no API Key provided" }] };

/** The user a user key belongs to, made up from the key so each key has its own. */
export function fakeUserFor(key: string): { id: number; name: string; email: string } {
  const digest = createHash("sha256").update(key).digest();
  const handle = digest.toString("hex").slice(0, 8);
  return { id: 1_000_000 + (digest.readUInt32BE(0) % 9_000_000), name: `Fake user ${handle}`, email: `user-${handle}@fake-new-relic.test` };
}

type DeploymentInput = Partial<Omit<StoredDeployment, "deploymentId" | "dataHandlingRules">> & { entityGuid: string; version: string };

export async function handleNerdgraph(x: Exchange, state: FakeState): Promise<void> {
  const { req, record } = x;
  if (req.method !== "POST") {
    x.violation(`${req.method} /graphql: NerdGraph is called with POST`);
    if (x.faulted()) return;
    return x.send(405, { errors: [{ message: "Method Not Allowed" }] });
  }
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") x.violation(`a body sent as ${type || "no content type"}, not application/json`);
  let request: NerdgraphRequest | null = null;
  try {
    const parsed: unknown = JSON.parse(x.raw.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) request = parsed as NerdgraphRequest;
  } catch {
    // answered below
  }
  record.body = request;
  const verdict = request ? checkNerdgraphOperation(request) : null;
  if (!verdict) x.violation("the body is not a JSON object with a query");
  else if (!verdict.ok) x.violation(verdict.errors.map((e) => e.message).join("; "));
  else record.operation = `${verdict.kind} ${verdict.fields.join(" ")}`;

  if (x.faulted()) return;
  const key = req.headers["api-key"];
  if (typeof key !== "string" || key === "") x.violation("no API-Key header");
  if (typeof key !== "string" || !state.userKeys.has(key)) return x.send(401, BAD_KEY);
  if (!request || !verdict) return x.send(400, { errors: [{ message: "The request body must be a JSON object with a query" }] });
  if (!verdict.ok) return x.send(200, { errors: verdict.errors });

  const now = state.now();
  const rootValue = {
    actor: () => ({ user: fakeUserFor(key) }),
    changeTrackingCreateDeployment: (args: { deployment: DeploymentInput; dataHandlingRules?: StoredDeployment["dataHandlingRules"] }) => {
      const input = args.deployment;
      if (!state.entityGuids.has(input.entityGuid)) throw new GraphQLError(`Entity not found: no entity with guid ${input.entityGuid} is visible to this API key`);
      const timestamp = input.timestamp ?? now;
      if (Math.abs(timestamp - now) > DAY) {
        x.violation(`changeTrackingCreateDeployment: timestamp ${timestamp} is not within 24 hours of now, which NerdGraph rejects`);
        throw new GraphQLError("The timestamp must be within +/- 24 hours of the current time");
      }
      const stored: StoredDeployment = {
        deploymentId: randomUUID(),
        entityGuid: input.entityGuid,
        version: input.version,
        timestamp,
        changelog: input.changelog ?? null,
        commit: input.commit ?? null,
        deepLink: input.deepLink ?? null,
        deploymentType: (input.deploymentType as DeploymentType | undefined) ?? null,
        description: input.description ?? null,
        groupId: input.groupId ?? null,
        user: input.user ?? null,
        dataHandlingRules: args.dataHandlingRules ?? null,
      };
      state.deployments.push(stored);
      return stored;
    },
  };
  const result = await execute({ schema: nerdgraphSchema(), document: verdict.document, rootValue, variableValues: (request.variables ?? {}) as Record<string, unknown>, operationName: verdict.operation.name?.value });
  x.send(200, result);
}
