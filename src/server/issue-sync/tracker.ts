/**
 * The one interface every platform's issue sync implements (GitHub, GitLab, Jira, Forgejo/Gitea,
 * SourceHut), each in its folder under src/server/integrations/<provider>/issue-sync/. The sync's
 * domain code (this folder) knows requests, links and when to call; a tracker knows one platform's
 * API and webhooks, nothing of requests.
 */

export type IssueState = "open" | "closed";

/** An issue as the sync compares it: what both sides have. Text is Markdown. */
export type ExternalIssue = {
  /** The platform's id, stable and unique per integration target: GitHub's number ("12"), Jira's key. */
  id: string;
  /** As people write it: "octo/app#12", "OPS-7". */
  key: string;
  url: string;
  title: string;
  body: string;
  state: IssueState;
  labels: string[];
  /** The platform's last-change time (ISO 8601): the tie-breaker of concurrent edits. */
  updatedAt: string;
};

export type IssueDraft = { title: string; body: string; labels: string[] };

export type IssuePatch = Partial<{ title: string; body: string; state: IssueState; labels: string[] }> & {
  /** Why it is closed, on platforms that keep one (GitHub's state_reason). */
  closeReason?: "completed" | "not_planned";
};

export type ExternalComment = { id: string; url: string | null };

/** What "Test connection" learned: who the token is and what it may do there. */
export type ConnectionReport = { account: string; target: string; canWrite: boolean; problems: string[] };

/**
 * One platform's API for one integration (its target and credentials fixed). Each method is one
 * logical call (a runtime step) and never retries by itself; failures are IssueSyncApiErrors.
 */
export interface IssueTracker {
  /** The target in words: "octo/app on GitHub". */
  readonly target: string;
  testConnection(): Promise<ConnectionReport>;
  createIssue(draft: IssueDraft): Promise<ExternalIssue>;
  /**
   * The issue whose body carries `marker`, among the recently created ones: how a create whose
   * answer was lost (a crash, a timeout) finds what it made instead of making it twice.
   */
  findIssueByMarker(marker: string): Promise<ExternalIssue | null>;
  getIssue(id: string): Promise<ExternalIssue>;
  updateIssue(id: string, patch: IssuePatch): Promise<ExternalIssue>;
  addComment(issueId: string, body: string): Promise<ExternalComment>;
}

/** A pull request (merge request) as the platform's webhook tells it. */
export type ExternalPullRequest = {
  id: string;
  key: string;
  url: string;
  title: string;
  body: string;
  branch: string;
  state: "open" | "closed" | "merged";
};

/**
 * What a platform webhook says happened, in the sync's terms (parsed by the tracker's platform,
 * applied by ./pull.ts). `actor` is the platform login that did it.
 */
export type PulledChange =
  | {
      kind: "issue";
      action: "opened" | "edited" | "closed" | "reopened" | "labeled" | "unlabeled" | "deleted";
      issue: ExternalIssue;
      actor: string;
    }
  | {
      kind: "comment";
      action: "created" | "edited" | "deleted";
      issueId: string;
      comment: { id: string; body: string; author: string; url: string | null };
      actor: string;
    }
  | {
      kind: "pull_request";
      action: "opened" | "edited" | "closed" | "reopened";
      pullRequest: ExternalPullRequest;
      actor: string;
    };

/** Hidden in what the sync writes on a platform: its own issues and comments are known by it. */
export const REQUEST_MARKER_PREFIX = "switchboard:request=";
export const COMMENT_MARKER_PREFIX = "switchboard:comment=";
export const requestMarker = (requestId: string) => `<!-- ${REQUEST_MARKER_PREFIX}${requestId} -->`;
export const commentMarker = (commentId: string) => `<!-- ${COMMENT_MARKER_PREFIX}${commentId} -->`;
const COMMENT_MARKER = /<!-- switchboard:comment=([0-9a-f-]{36}) -->/;
/** The Switchboard comment a platform comment is a copy of, when the sync posted it. */
export const markedCommentId = (body: string): string | null => COMMENT_MARKER.exec(body)?.[1] ?? null;

/**
 * A provider's issue-sync side (the `issueSync` member of its IntegrationProvider): how to reach
 * its platform with an integration's config and secrets, and what its webhooks say.
 */
export interface IssueSyncPlatform {
  /** Lower-case platform name: a synced comment's source ("github"). */
  platform: string;
  /** The tracker for a stored config and its decrypted secrets, or why there is none (no token). */
  tracker(config: Readonly<Record<string, unknown>>, secrets: Readonly<Record<string, string>>): IssueTracker | { unavailable: string };
  /**
   * The issue id a person's reference names ("12", "#12", the issue's URL; "OPS-7" on Jira), for
   * "Link existing issue"; null when it names none. The tracker then checks it exists.
   */
  issueIdOf(reference: string): string | null;
  /**
   * What a delivery of this platform says happened to an issue, a comment or a pull request; null
   * for anything else; several changes when one delivery tells several (SourceHut's "comment and
   * resolve"). `config` is the integration's stored config (a self-hosted instance's URL).
   */
  pull(input: { eventType: string; payload: unknown; config: Readonly<Record<string, unknown>> }): PulledChange | PulledChange[] | null;
}
