import { createHash } from "node:crypto";
import type { RequestPriority, RequestStatus } from "@/generated/prisma/enums";
import type { IssueSyncSettings } from "./settings";
import { requestMarker, type ExternalIssue, type IssueDraft, type IssueState } from "./tracker";

/** What of a request an issue shows. */
export type SyncedRequest = { id: string; title: string; notes: string; status: RequestStatus; priority: RequestPriority; url: string };

/**
 * What the platform holds, as last seen or sent (IssueLink.synced): push sends what the request
 * has that differs from it; pull applies what the platform changed from it.
 */
export type SyncedState = {
  title: string;
  body: string;
  state: IssueState;
  labels: string[];
  updatedAt: string;
  /**
   * Fingerprints of each field's values in the states the link held before this one, newest
   * first: a webhook whose field shows one of them is an echo of the sync's own earlier change
   * arriving late (or an intermediate state of one of its edits, which platforms such as GitHub and
   * Forgejo report field by field), not a person's edit. Platforms' times have whole seconds, so
   * "older than what the link holds" cannot tell them apart.
   */
  recent?: FieldFingerprints[];
};

type IssueFields = { title: string; body: string; state: IssueState; labels: string[] };
export const SYNCED_FIELDS = ["title", "notes", "state", "labels"] as const;
export type SyncedField = (typeof SYNCED_FIELDS)[number];
/** Each field's fingerprint, and the label set itself (an edit's webhooks may show it half done). */
type FieldFingerprints = Record<SyncedField, string> & { labelSet: string[] };

const RECENT_STATES = 8;
const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 12);
const labelSet = (labels: string[]) => [...new Set(labels.map((l) => l.toLowerCase()))].sort();

/** What identifies each field's value: the title, the description's notes, the state, the set of labels. */
export function fieldFingerprints(state: IssueFields): FieldFingerprints {
  const labels = labelSet(state.labels);
  return { title: hash(state.title), notes: hash(notesOf(state.body)), state: hash(state.state), labels: hash(labels), labelSet: labels };
}

/** Before the sync made an issue it had no labels: its own create's webhooks may show it so. */
const noIssue = (): FieldFingerprints => fieldFingerprints({ title: "", body: "", state: "open", labels: [] });

/** `next`, remembering `previous` (and what it remembered) among the recent states; a first state remembers "no issue yet". */
export function nextSyncedState(previous: SyncedState | null, next: SyncedState): SyncedState {
  const recent = previous ? [fieldFingerprints(previous), ...(previous.recent ?? [])] : [noIssue()];
  return { ...next, recent: recent.slice(0, RECENT_STATES) };
}

/** Whether `incoming` lies on the way from `earlier` to `current`: labels added or removed one by one. */
function between(earlier: string[], current: string[], incoming: string[]): boolean {
  const from = new Set(earlier);
  const to = new Set(current);
  return incoming.every((l) => from.has(l) || to.has(l)) && [...from].filter((l) => to.has(l)).every((l) => incoming.includes(l));
}

/**
 * The fields of the platform's issue that are late echoes of the sync's own changes: a value the
 * link held before (for labels, a set on the way from one it held to the current one — platforms
 * report an edit's labels one by one), not the current one, reported no later than the current
 * one. A person going back to an earlier value (reopening what the sync closed) does so later, and
 * is taken in; within the same second of the platform's clock the two cannot be told apart, and
 * the echo reading wins.
 */
export function echoedFields(synced: SyncedState, issue: IssueFields & { updatedAt: string }): Set<SyncedField> {
  const echoes = new Set<SyncedField>();
  if (issue.updatedAt && synced.updatedAt && Date.parse(issue.updatedAt) > Date.parse(synced.updatedAt)) return echoes;
  const current = fieldFingerprints(synced);
  const incoming = fieldFingerprints(issue);
  const earlier = synced.recent ?? [];
  for (const field of ["title", "notes", "state"] as const) {
    if (incoming[field] !== current[field] && earlier.some((state) => state[field] === incoming[field])) echoes.add(field);
  }
  if (incoming.labels !== current.labels && earlier.some((state) => between(state.labelSet, current.labelSet, incoming.labelSet))) echoes.add("labels");
  return echoes;
}

/** The issue with its echoed fields as the link holds them: what the platform is taken to hold. */
export function withoutEchoes<T extends IssueFields>(issue: T, synced: SyncedState, echoes: Set<SyncedField>): T {
  return {
    ...issue,
    ...(echoes.has("title") ? { title: synced.title } : {}),
    ...(echoes.has("notes") ? { body: synced.body } : {}),
    ...(echoes.has("state") ? { state: synced.state } : {}),
    ...(echoes.has("labels") ? { labels: synced.labels } : {}),
  };
}

const FOOTER_RULE = "\n\n---\n";
const FOOTER = /\n*---\n_Synced with \[a Switchboard request\]\([^)]*\)\._\n?(?:<!-- switchboard:request=[0-9a-f-]{36} -->)?\s*$/;

/** The issue's description: the request's notes, a link back and the hidden marker. */
export function issueBody(request: SyncedRequest): string {
  return `${request.notes.trim()}${FOOTER_RULE}_Synced with [a Switchboard request](${request.url})._\n${requestMarker(request.id)}`;
}

/** A description as the request's notes: without the footer the sync added (a person may have removed it). */
export function notesOf(body: string): string {
  return body.replace(FOOTER, "").replace(/\r\n/g, "\n").trim();
}

export const issueStateOf = (status: RequestStatus): IssueState => (status === "closed" ? "closed" : "open");

/** The labels the sync manages (its own and the priority labels); the rest are people's. */
function managedLabels(settings: IssueSyncSettings): Set<string> {
  return new Set([...settings.labels, ...Object.values(settings.priorityLabels)].map((label) => label.toLowerCase()));
}

/** The issue's labels: people's labels kept, the sync's own and the current priority's label. */
export function issueLabels(request: SyncedRequest, settings: IssueSyncSettings, current: string[]): string[] {
  const managed = managedLabels(settings);
  const priorityLabel = settings.priorityLabels[request.priority];
  const labels = [...current.filter((label) => !managed.has(label.toLowerCase())), ...settings.labels, ...(priorityLabel ? [priorityLabel] : [])];
  return [...new Map(labels.map((label) => [label.toLowerCase(), label])).values()];
}

/** The priority a platform's labels say (the first mapped label present), or null when none. */
export function priorityFromLabels(labels: string[], settings: IssueSyncSettings): RequestPriority | null {
  const present = new Set(labels.map((label) => label.toLowerCase()));
  for (const priority of ["urgent", "high", "normal", "low"] as const) {
    const label = settings.priorityLabels[priority];
    if (label && present.has(label.toLowerCase())) return priority;
  }
  return null;
}

export function issueDraft(request: SyncedRequest, settings: IssueSyncSettings): IssueDraft {
  return { title: request.title, body: issueBody(request), labels: issueLabels(request, settings, []) };
}

export function syncedStateOf(issue: ExternalIssue): SyncedState {
  return { title: issue.title, body: issue.body, state: issue.state, labels: issue.labels, updatedAt: issue.updatedAt };
}

export function readSyncedState(value: unknown): SyncedState | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<SyncedState>;
  if (typeof v.title !== "string" || typeof v.body !== "string" || (v.state !== "open" && v.state !== "closed") || !Array.isArray(v.labels)) return null;
  return {
    title: v.title,
    body: v.body,
    state: v.state,
    labels: v.labels.filter((l): l is string => typeof l === "string"),
    updatedAt: typeof v.updatedAt === "string" ? v.updatedAt : "",
    recent: Array.isArray(v.recent)
      ? v.recent.filter((fp): fp is FieldFingerprints => !!fp && typeof fp === "object" && SYNCED_FIELDS.every((f) => typeof (fp as Record<string, unknown>)[f] === "string") && Array.isArray((fp as FieldFingerprints).labelSet))
      : [],
  };
}

const sameLabels = (a: string[], b: string[]) => {
  const left = new Set(a.map((l) => l.toLowerCase()));
  const right = new Set(b.map((l) => l.toLowerCase()));
  return left.size === right.size && [...left].every((l) => right.has(l));
};

/** What to send so the issue shows the request: only the fields that differ from what it holds. */
export function pushPatch(request: SyncedRequest, settings: IssueSyncSettings, synced: SyncedState) {
  const patch: { title?: string; body?: string; state?: IssueState; labels?: string[] } = {};
  if (request.title !== synced.title) patch.title = request.title;
  if (request.notes.trim() !== notesOf(synced.body)) patch.body = issueBody(request);
  const state = issueStateOf(request.status);
  if (state !== synced.state) patch.state = state;
  const labels = issueLabels(request, settings, synced.labels);
  if (!sameLabels(labels, synced.labels)) patch.labels = labels;
  return patch;
}

export const labelsChanged = (a: string[], b: string[]) => !sameLabels(a, b);

/**
 * The fields a push did not send that the platform's answer shows changed since the last sync: a
 * person's edit made meanwhile (closing the issue while the push changed its labels). Returned as
 * the link held them, with its time, so the answer can be recorded as "before that edit" and the
 * edit then taken in as a pull; null when there is none.
 */
export function changedMeanwhile(issue: IssueFields, synced: SyncedState, patch: ReturnType<typeof pushPatch>): Partial<SyncedState> | null {
  const before: Partial<SyncedState> = {};
  if (patch.title === undefined && issue.title !== synced.title) before.title = synced.title;
  if (patch.body === undefined && notesOf(issue.body) !== notesOf(synced.body)) before.body = synced.body;
  if (patch.state === undefined && issue.state !== synced.state) before.state = synced.state;
  if (patch.labels === undefined && !sameLabels(issue.labels, synced.labels)) before.labels = synced.labels;
  return Object.keys(before).length > 0 ? { ...before, updatedAt: synced.updatedAt } : null;
}
