import type { Answer, OperationContext } from "./fake-jira-api";
import { adfToWiki } from "./adf-to-wiki";
import { errorCollection, issueJson } from "./fake-jira-json";
import type { FakeIssue } from "./fake-jira-state";

/**
 * POST /rest/api/3/search/jql — Jira's "enhanced" search — over the small part of JQL the fake
 * models: clauses joined by AND among `project = X` / `project in (X, Y)`, `key = X-1`,
 * `labels = x`, `statusCategory = Done` (or `!=`), `text ~ "words"` (summary, description and
 * comments, by substring), then `ORDER BY created|updated|key [ASC|DESC]`. A query outside that
 * is answered as Jira answers bad JQL (400) and recorded as a violation: the fake cannot say what
 * Jira would find. Results are paged by `nextPageToken`; an issue younger than `searchLagMs` is
 * not found yet, as Jira's search index trails its writes.
 */

type Clause = (issue: FakeIssue) => boolean;
const CLAUSE = /^\s*(project|key|labels|statusCategory|text)\s*(=|!=|~|in)\s*(\([^)]*\)|"(?:[^"\\]|\\.)*"|[\w.-]+)\s*$/i;
const ORDER = /\s+ORDER\s+BY\s+(.+)$/i;

const unquote = (value: string) => (value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value);

function parse(jql: string, ctx: OperationContext): { clauses: Clause[]; order: { field: string; desc: boolean }[] } | string {
  const { state } = ctx;
  const ordered = ORDER.exec(jql);
  const where = (ordered ? jql.slice(0, ordered.index) : jql).trim();
  const order = (ordered?.[1] ?? "created DESC").split(",").map((part) => {
    const [field, direction] = part.trim().split(/\s+/);
    return { field: field.toLowerCase(), desc: (direction ?? "ASC").toUpperCase() === "DESC" };
  });
  if (order.some((o) => !["created", "updated", "key"].includes(o.field))) return `the fake orders by created, updated or key only: "${ordered?.[1]}"`;
  const clauses: Clause[] = [];
  for (const part of where ? where.split(/\s+AND\s+/i) : []) {
    const m = CLAUSE.exec(part);
    if (!m) return `the fake does not model the clause "${part.trim()}"`;
    const [, field, operator, raw] = m;
    const values = raw.startsWith("(") ? raw.slice(1, -1).split(",").map((v) => unquote(v.trim())) : [unquote(raw)];
    const name = field.toLowerCase();
    const test: Clause | null =
      name === "project"
        ? (i) => values.some((v) => v.toUpperCase() === i.projectKey)
        : name === "key"
          ? (i) => values.some((v) => v.toUpperCase() === i.key)
          : name === "labels"
            ? (i) => values.some((v) => i.labels.includes(v))
            : name === "statuscategory"
              ? (i) => values.some((v) => v.toLowerCase().replace(/\s/g, "") === ({ new: "todo", indeterminate: "inprogress", done: "done" } as const)[state.statusOf(i).category])
              : name === "text" && operator === "~"
                ? (i) => searchable(ctx, i).includes(values[0].toLowerCase())
                : null;
    if (!test) return `the fake does not model "${part.trim()}"`;
    clauses.push(operator === "!=" ? (i) => !test(i) : test);
  }
  return { clauses, order };
}

function searchable(ctx: OperationContext, issue: FakeIssue): string {
  const comments = ctx.state.commentsOf(issue).map((c) => adfToWiki(c.body));
  return [issue.summary, issue.description ? adfToWiki(issue.description) : "", ...comments].join("\n").toLowerCase();
}

const number = (key: string) => Number(key.split("-").at(-1));

export function searchIssues(ctx: OperationContext): Answer {
  const { state, site, user } = ctx;
  const body = ctx.body ?? {};
  const jql = typeof body.jql === "string" ? body.jql : "";
  const parsed = parse(jql, ctx);
  if (typeof parsed === "string") return { status: 400, body: errorCollection([`Error in the JQL Query: ${parsed}.`]), violation: true };
  const now = Date.now();
  const found = [...state.issues.values()]
    .filter((i) => state.may(state.projectOf(i), user, "BROWSE_PROJECTS"))
    .filter((i) => now - Date.parse(i.created) >= ctx.searchLagMs)
    .filter((i) => parsed.clauses.every((test) => test(i)))
    .sort((a, b) => {
      for (const { field, desc } of parsed.order) {
        const diff = field === "key" ? a.projectKey.localeCompare(b.projectKey) || number(a.key) - number(b.key) : Date.parse(field === "created" ? a.created : a.updated) - Date.parse(field === "created" ? b.created : b.updated);
        if (diff !== 0) return desc ? -diff : diff;
      }
      return desc(parsed.order) ? Number(b.id) - Number(a.id) : Number(a.id) - Number(b.id);
    });
  const start = typeof body.nextPageToken === "string" ? Number(Buffer.from(body.nextPageToken, "base64url").toString()) || 0 : 0;
  const size = Math.min(Math.max(Number(body.maxResults ?? 50), 1), 5000);
  const fields = Array.isArray(body.fields) ? (body.fields as string[]) : ["id"];
  const page = found.slice(start, start + size);
  const isLast = start + size >= found.length;
  return {
    status: 200,
    body: {
      issues: page.map((i) => issueJson(site, state, i, { fields: fields.includes("id") && fields.length === 1 ? [] : fields })),
      isLast,
      ...(isLast ? {} : { nextPageToken: Buffer.from(String(start + size)).toString("base64url") }),
    },
  };
}

const desc = (order: { desc: boolean }[]) => order[0]?.desc ?? false;
