import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { createForgejoContractGate } from "./contract";
import { forgejoError, handleOperation, notFound, type Answer } from "./fake-forgejo-api";
import { serveControl } from "./fake-forgejo-control";
import type { Urls } from "./fake-forgejo-json";
import { ForgejoState, type Change, type FakeComment, type FakeIssue, type FakeLabel, type FakeRepo, type FakeUser } from "./fake-forgejo-state";
import { createWebhookSender, webhookPayload, type FakeHook, type WebhookDelivery } from "./fake-forgejo-webhooks";

/**
 * A stateful Forgejo for tests, on 127.0.0.1: the issues part of its API (the operations of
 * forgejo-issues.openapi.json) under `/api/v1`, as every instance serves it; `url` is the
 * instance's root, what an integration's baseUrl names. State, JSON shapes, answers and webhooks
 * live in fake-forgejo-{state,json,api,webhooks,control}.ts; this file is the server.
 * What every tracker fake does alike (HTTP plumbing, the fault switch, the webhook queue, the
 * control skeleton) is in ../../shared/fake/.
 *
 * Each API request, in order: the contract gate (./contract.ts) — what the real API would refuse
 * is recorded in `violations` and answered as Forgejo answers a request its binding refuses (422),
 * or 404 for an operation outside the subset; then the fault switch; then the token
 * (`Authorization: token X` or `Bearer X`; an unknown one is 401 "user does not exist", as
 * Forgejo says it); then Forgejo's rules (fake-forgejo-api.ts). The fake's answer is checked
 * against the documented response too, and a mismatch is a violation.
 *
 * Every change — through the API or by a test acting as a person in the web UI (`userOpensIssue`,
 * `userComments`, `mergePullRequest`…) — is sent to the repository's hooks as a signed webhook,
 * asynchronously; `settled()` waits for them (fake-forgejo-webhooks.ts). Outside the API, under
 * `/_fake/`, never gated nor recorded, a control surface for a test in another process
 * (fake-forgejo-control.ts).
 */

export type RecordedRequest = { at: number; method: string; path: string; query: string; body: unknown; status: number | null; operationId: string | null; login: string | null };
/**
 * `match`: only requests it picks are failed (and counted); `times`: how many (default 1). A 429
 * or 5xx is what a proxy in front of an instance answers (Forgejo itself has no rate limit);
 * `hang` never answers, and with `applied` the request takes effect first (its answer is lost).
 */
export type Fault = (
  | { status: 429; retryAfter?: string }
  | { status: 500 | 502 | 503; retryAfter?: string }
  | { hang: true; applied?: boolean }
) & { times?: number; match?: (request: { method: string; path: string; operationId: string | null }) => boolean };

type IssueRef = { repo: string; number: number; login: string };
export type FakeForgejo = {
  /** The instance's root, what baseUrl names: http://127.0.0.1:<port> (the API is under /api/v1). */
  url: string;
  requests: RecordedRequest[];
  /** Requests the real API would refuse, and answers of the fake that do not match the spec, each with why: a test expects none. */
  violations: string[];
  webhookDeliveries: WebhookDelivery[];
  /** A user with an access token of these scopes (default: write:issue, read:repository, read:user). */
  addUser(input: { login: string; token: string; scopes?: string[]; fullName?: string; email?: string }): FakeUser;
  /** A private repository `owner/name`; the owner and `collaborators` can write, `readOnly` users only read. */
  addRepo(input: { fullName: string; collaborators: string[]; readOnly?: string[]; hasIssues?: boolean; archived?: boolean }): FakeRepo;
  addLabel(input: { repo: string; name: string; color?: string }): FakeLabel;
  addHook(input: { repo: string; url: string; secret: string }): FakeHook;
  // A person in Forgejo's web UI (who must be able to see the repository); the issue helpers work on pull requests too.
  userOpensIssue(input: { repo: string; title: string; body?: string; labels?: string[]; login: string }): FakeIssue;
  userEditsIssue(input: IssueRef & { title?: string; body?: string }): FakeIssue;
  userClosesIssue(input: IssueRef): FakeIssue;
  userReopensIssue(input: IssueRef): FakeIssue;
  /** Label names of the repository (made when missing, as a person would first). */
  userLabelsIssue(input: IssueRef & { add?: string[]; remove?: string[] }): FakeIssue;
  userComments(input: IssueRef & { body: string }): FakeComment;
  userEditsComment(input: { repo: string; id: number; body: string; login: string }): FakeComment;
  userDeletesComment(input: { repo: string; id: number; login: string }): void;
  openPullRequest(input: { repo: string; title: string; body?: string; head: string; base?: string; user: string }): FakeIssue;
  mergePullRequest(input: IssueRef): FakeIssue;
  closePullRequest(input: IssueRef): FakeIssue;
  issue(repo: string, number: number): FakeIssue;
  /** The issue's label names. */
  labels(repo: string, number: number): string[];
  /** Issues and pull requests, by number. */
  issues(repo: string): FakeIssue[];
  comments(repo: string, number: number): FakeComment[];
  fault(fault: Fault | null): void;
  /** Resolves when every webhook queued so far (and any queued meanwhile) has been answered or has failed. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

export const DEFAULT_SCOPES = ["write:issue", "read:repository", "read:user"];
const NEUTRAL = "#ededed";

/** `latencyMs`: every API answer is delayed by it. */
export async function startFakeForgejo(options: { latencyMs?: number; port?: number } = {}): Promise<FakeForgejo> {
  const gate = await createForgejoContractGate();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const hooks: FakeHook[] = [];
  const webhooks = createWebhookSender();
  let urls: Urls = { web: "" };
  const state = new ForgejoState((change: Change) => {
    const targets = hooks.filter((h) => h.repo.toLowerCase() === change.issue.repo.toLowerCase());
    if (targets.length > 0) webhooks.send(targets, change, webhookPayload(state, change, urls));
  });
  const faults = createFaultSwitch<Fault>();
  const hanging = createHangingResponses();

  const server = createFakeServer((req, res, url, text) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, state, urls, { method: req.method ?? "", path: url.pathname, text }, res);
    void api(req, res, url, text);
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, text: string) {
    const record: RecordedRequest = { at: Date.now(), method: req.method ?? "", path: url.pathname, query: url.search.replace(/^\?/, ""), body: null, status: null, operationId: null, login: null };
    requests.push(record);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
    const user = token ? (state.userByToken(token) ?? null) : null;
    record.login = user?.login ?? null;
    if (options.latencyMs) await sleep(options.latencyMs);

    const send = (answer: Answer) => {
      record.status = answer.status;
      const json = answer.body !== undefined && typeof answer.body !== "string";
      res.writeHead(answer.status, { "content-type": json ? "application/json;charset=utf-8" : "text/plain;charset=utf-8", "x-content-type-options": "nosniff", ...answer.headers });
      res.end(answer.body === undefined ? undefined : json ? JSON.stringify(answer.body) : String(answer.body));
    };
    const refuse = (why: string, answer: Answer) => {
      violations.push(`${record.method} ${record.path}: ${why}`);
      send(answer);
    };
    const hang = () => hanging.hang(res);

    let body: unknown;
    if (text !== "") {
      if (!/^application\/json\b/i.test(headers["content-type"] ?? "")) return refuse(`a body sent as ${headers["content-type"] || "no content type"}, not application/json`, forgejoError(urls, 422, "[]: unsupported content type"));
      try {
        body = JSON.parse(text);
      } catch {
        return refuse("the body is not JSON", forgejoError(urls, 422, "[]: body is not JSON"));
      }
    }
    record.body = body ?? null;
    const verdict = gate.check({ method: record.method, path: url.pathname, query: record.query, headers, body });
    record.operationId = verdict.operationId;
    if (!verdict.ok) {
      if (!verdict.operationId) return refuse(verdict.errors.join("; "), notFound(urls));
      return refuse(verdict.errors.join("; "), forgejoError(urls, 422, verdict.errors.join("; ")));
    }

    const injected = faults.take({ method: record.method, path: url.pathname, operationId: verdict.operationId });
    if (injected && "hang" in injected && !injected.applied) return hang();
    if (injected && "status" in injected) {
      const retryAfter: Record<string, string> = injected.retryAfter === undefined ? {} : { "retry-after": injected.retryAfter };
      return send(injected.status === 429 ? { status: 429, body: "Too Many Requests\n", headers: retryAfter } : { ...forgejoError(urls, injected.status, ""), headers: retryAfter });
    }

    if (headers.authorization && !user) return send(forgejoError(urls, 401, "user does not exist [uid: 0, name: ]"));
    let answer: Answer;
    try {
      answer = handleOperation(verdict.operationId, record.method, { state, urls, user, params: verdict.params, query: url.searchParams, body: body as Record<string, unknown> | undefined, path: url.pathname });
    } catch (error) {
      violations.push(`${record.method} ${record.path}: the fake failed: ${(error as Error).stack}`);
      return send(forgejoError(urls, 500, ""));
    }
    if (answer.body !== undefined) {
      for (const problem of gate.checkResponse(verdict.operationId, answer.status, answer.body)) violations.push(`the fake's own answer to ${record.method} ${record.path}: ${problem}`);
    }
    if (answer.violation) violations.push(`${record.method} ${record.path}: ${JSON.stringify(answer.body)}`);
    if (injected) return hang(); // applied: the change is made (and its webhooks sent), the answer lost
    send(answer);
  }

  urls = { web: await listenOnLoopback(server, options.port) };

  const repoOf = (fullName: string) => {
    const repo = state.repo(fullName);
    if (!repo) throw new Error(`the fake has no repository ${fullName}`);
    return repo;
  };
  /** The issue or pull request, for a person who can see its repository. */
  const issueFor = ({ repo, number, login }: IssueRef) => {
    const found = repoOf(repo).issues.get(number);
    if (!found) throw new Error(`the fake has no issue ${repo}#${number}`);
    if (!state.canRead(repoOf(repo), login)) throw new Error(`${login} cannot see ${repo}`);
    return found;
  };
  const pullFor = (ref: IssueRef) => {
    const found = issueFor(ref);
    if (!found.pull) throw new Error(`${ref.repo}#${ref.number} is an issue, not a pull request`);
    return found;
  };
  const commentFor = ({ repo, id, login }: { repo: string; id: number; login: string }) => {
    const found = state.comments.get(id);
    if (!found || found.repo !== repoOf(repo).fullName) throw new Error(`the fake has no comment ${id} in ${repo}`);
    if (!state.canRead(repoOf(repo), login)) throw new Error(`${login} cannot see ${repo}`);
    return found;
  };
  const labelIds = (repo: FakeRepo, names: string[]) => names.map((name) => (state.labelNamed(repo, name) ?? state.addLabel(repo, { name, color: NEUTRAL })).id);

  const fake: FakeForgejo = {
    url: urls.web,
    requests,
    violations,
    webhookDeliveries: webhooks.deliveries,
    addUser(input) {
      if (state.userByToken(input.token)) throw new Error("another user of the fake has that token");
      const user = state.user(input.login);
      Object.assign(user, { token: input.token, scopes: input.scopes ?? DEFAULT_SCOPES, fullName: input.fullName ?? user.fullName, email: input.email ?? user.email });
      return user;
    },
    addRepo: (input) => state.addRepo(input.fullName, input.collaborators, input.readOnly ?? [], input),
    addLabel: (input) => state.addLabel(repoOf(input.repo), { name: input.name, color: input.color ?? NEUTRAL }),
    addHook(input) {
      const hook: FakeHook = { id: hooks.length + 1, repo: repoOf(input.repo).fullName, url: input.url, secret: input.secret };
      hooks.push(hook);
      return hook;
    },
    userOpensIssue(input) {
      const repo = repoOf(input.repo);
      if (!state.canRead(repo, input.login)) throw new Error(`${input.login} cannot see ${input.repo}`);
      return state.openIssue(repo, { title: input.title, body: input.body ?? "", labels: labelIds(repo, input.labels ?? []) }, input.login);
    },
    userEditsIssue(input) {
      const issue = issueFor(input);
      state.editIssue(issue, { title: input.title, body: input.body }, input.login);
      return issue;
    },
    userClosesIssue(input) {
      const issue = issueFor(input);
      state.setState(issue, "closed", input.login);
      return issue;
    },
    userReopensIssue(input) {
      const issue = issueFor(input);
      state.setState(issue, "open", input.login);
      return issue;
    },
    userLabelsIssue(input) {
      const issue = issueFor(input);
      const repo = repoOf(input.repo);
      const removed = new Set(labelIds(repo, input.remove ?? []));
      state.setLabels(issue, [...issue.labels.filter((id) => !removed.has(id)), ...labelIds(repo, input.add ?? [])], input.login);
      return issue;
    },
    userComments: (input) => state.addComment(issueFor(input), input.body, input.login),
    userEditsComment(input) {
      const comment = commentFor(input);
      state.editComment(comment, input.body, input.login);
      return comment;
    },
    userDeletesComment: (input) => state.deleteComment(commentFor(input), input.login),
    openPullRequest(input) {
      const repo = repoOf(input.repo);
      if (!state.canRead(repo, input.user)) throw new Error(`${input.user} cannot see ${input.repo}`);
      return state.openIssue(repo, { title: input.title, body: input.body ?? "" }, input.user, { head: input.head, base: input.base });
    },
    mergePullRequest(input) {
      const issue = pullFor(input);
      if (issue.state !== "open") throw new Error(`${input.repo}#${input.number} is not open`);
      state.setState(issue, "closed", input.login, true);
      return issue;
    },
    closePullRequest(input) {
      const issue = pullFor(input);
      state.setState(issue, "closed", input.login);
      return issue;
    },
    issue(repo, number) {
      const found = repoOf(repo).issues.get(number);
      if (!found) throw new Error(`the fake has no issue ${repo}#${number}`);
      return found;
    },
    labels: (repo, number) => state.labelsOf(fake.issue(repo, number)).map((l) => l.name),
    issues: (repo) => [...repoOf(repo).issues.values()].sort((a, b) => a.number - b.number),
    comments: (repo, number) => state.commentsOf(fake.issue(repo, number)),
    fault: faults.set,
    settled: () => webhooks.settled(),
    close: async () => {
      webhooks.close();
      await hanging.closeServer(server);
    },
  };
  return fake;
}
