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
   * Fingerprints of the states the link held before this one, newest first: a webhook that shows
   * one of them is an echo of the sync's own earlier change arriving late, not a person's edit.
   * (Platforms' times have whole seconds: "older than what the link holds" cannot tell them apart.)
   */
  recent?: string[];
};

const RECENT_STATES = 8;

/** What identifies a state of an issue: its title, description, state and labels. */
export function stateFingerprint(state: { title: string; body: string; state: IssueState; labels: string[] }): string {
  const labels = [...new Set(state.labels.map((l) => l.toLowerCase()))].sort();
  return createHash("sha256").update(JSON.stringify([state.title, notesOf(state.body), state.state, labels])).digest("base64url").slice(0, 16);
}

/** `next`, remembering `previous` (and what it remembered) among the recent states. */
export function nextSyncedState(previous: SyncedState | null, next: SyncedState): SyncedState {
  if (!previous) return next;
  const own = stateFingerprint(next);
  const recent = [stateFingerprint(previous), ...(previous.recent ?? [])].filter((fp, i, all) => fp !== own && all.indexOf(fp) === i).slice(0, RECENT_STATES);
  return { ...next, recent };
}

/**
 * Whether the platform's issue is a late echo: a state the link held before, not the current
 * one, from no later than the current one. A person going back to an earlier state (reopening
 * what the sync closed) does so later, and is taken in; within the same second of the platform's
 * clock the two cannot be told apart, and the echo reading wins.
 */
export function isEcho(synced: SyncedState, issue: { title: string; body: string; state: IssueState; labels: string[]; updatedAt: string }): boolean {
  const fingerprint = stateFingerprint(issue);
  if (fingerprint === stateFingerprint(synced) || !(synced.recent ?? []).includes(fingerprint)) return false;
  return !issue.updatedAt || !synced.updatedAt || Date.parse(issue.updatedAt) <= Date.parse(synced.updatedAt);
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
    recent: Array.isArray(v.recent) ? v.recent.filter((fp): fp is string => typeof fp === "string") : [],
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
