import type http from "node:http";
import type { StoredEvent, StoredMetric } from "./ingest-checks";

/** What the fake's parts share: one request being answered, and the world it acts on. */

export type RecordedRequest = {
  at: number;
  method: string;
  path: string;
  /** Header names lower-case, as Node gives them. */
  headers: Record<string, string>;
  encoding: "gzip" | "deflate" | null;
  /** The body's length as sent (compressed, when it was). */
  bytes: number;
  /** The body decoded and parsed; null when there was none or it was not JSON. */
  body: unknown;
  status: number | null;
  /** The ingest operation (postMetricData, postCustomEvents), or the GraphQL operation ("mutation changeTrackingCreateDeployment"); null when none matched. */
  operation: string | null;
};

export type FaultTarget = { method: string; path: string; operation: string | null };
/** `match`: only the requests it picks fail (and count); `times`: how many (default 1). */
export type Fault = ({ status: 429; retryAfter?: string } | { status: 500 | 503 } | { hang: true }) & { times?: number; match?: (request: FaultTarget) => boolean };

export type DeploymentType = "BASIC" | "BLUE_GREEN" | "CANARY" | "OTHER" | "ROLLING" | "SHADOW";
/** A change-tracking deployment as NerdGraph stored it: the input (absent fields null), its timestamp (now when not given) and the deploymentId it made. */
export type StoredDeployment = {
  deploymentId: string;
  entityGuid: string;
  version: string;
  timestamp: number;
  changelog: string | null;
  commit: string | null;
  deepLink: string | null;
  deploymentType: DeploymentType | null;
  description: string | null;
  groupId: string | null;
  user: string | null;
  dataHandlingRules: { validationFlags?: string[] | null } | null;
};

export type FakeState = {
  licenseKeys: Set<string>;
  userKeys: Set<string>;
  accountIds: Set<number>;
  entityGuids: Set<string>;
  metrics: StoredMetric[];
  events: StoredEvent[];
  deployments: StoredDeployment[];
  violations: string[];
  now: () => number;
};

export type Exchange = {
  req: http.IncomingMessage;
  url: URL;
  /** The body as received. */
  raw: Buffer;
  record: RecordedRequest;
  /** Records why the real API would refuse this request. */
  violation(why: string): void;
  send(status: number, body?: unknown, headers?: Record<string, string>): void;
  /** Answers with the armed fault when it picks this request (record.operation set first): true when it did, or left it hanging. */
  faulted(): boolean;
};
