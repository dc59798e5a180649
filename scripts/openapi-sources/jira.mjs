// Jira Cloud's official REST API v3 description, the file Atlassian publishes at
// https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json (not on npm). It is read
// from a copy committed to a public repository at a pinned commit and checked against its
// SHA-256, so every run vendors the same bytes: `JIRA_OPENAPI_FILE=<a local copy>` reads that file
// instead of downloading (the checksum is checked all the same).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const REPOSITORY = "jarekbird/jira-api-mcp-wrapper";
const COMMIT = "9a9e84dacce9900b0bd4f1f095f5f1bdf3ce0168";
const FILE = "swagger-v3.v3.json";
const SHA256 = "1f0911c58a45c712ba748f6b2b71bad688a0d28283296e6d24c7b2cc0d304624";
const VERSION = "1001.0.0-SNAPSHOT-57a0ca5b4a0bb0ac5f3fee4764acb1c14e4d7e71";

/** ajv-formats' `uuid`, which the contract gates' formats (shared/fake/contract-gate.ts) lack. */
const UUID_PATTERN = "^(?:urn:uuid:)?[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";

/**
 * The two changes made to Atlassian's document before the shared script cleans it, both so that
 * strict ajv compiles it without changing what it accepts: `xml` (how a property is written as
 * XML, meaningless for JSON; a keyword ajv refuses) is dropped, and `format: "uuid"` (a format the
 * gates do not define; only in answers: Project, IssueTypeDetails) becomes the same check as a
 * `pattern`.
 */
function forAjv(value) {
  if (Array.isArray(value)) return value.map(forAjv);
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "xml" && typeof inner === "object") continue;
    if (key === "format" && inner === "uuid") out.pattern = UUID_PATTERN;
    else out[key] = forAjv(inner);
  }
  return out;
}

async function load() {
  const local = process.env.JIRA_OPENAPI_FILE;
  const bytes = local
    ? readFileSync(local)
    : Buffer.from(await (await fetch(`https://raw.githubusercontent.com/${REPOSITORY}/${COMMIT}/${FILE}`)).arrayBuffer());
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== SHA256) throw new Error(`${local ?? FILE} has SHA-256 ${sha}, not the pinned ${SHA256}`);
  const document = JSON.parse(bytes.toString("utf8"));
  if (document.info?.version !== VERSION) throw new Error(`expected Jira's description version ${VERSION}, got ${document.info?.version}`);
  return {
    document: forAjv(document),
    source: `https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json as committed at github:${REPOSITORY}@${COMMIT}`,
    file: `${FILE} (sha256 ${SHA256})`,
  };
}

export default {
  load,
  version: VERSION,
  output: "src/server/integrations/jira/fake/jira-issues.openapi.json",
  title: "Jira Cloud platform REST API v3: the issues subset the fake Jira serves",
  operations: [
    "getCurrentUser",
    "getProject",
    "getMyPermissions",
    "createIssue",
    "getIssue",
    "editIssue",
    "getTransitions",
    "doTransition",
    "searchAndReconsileIssuesUsingJqlPost",
    "addComment",
    "getComments",
    "getComment",
    "updateComment",
    "deleteComment",
  ],
};
