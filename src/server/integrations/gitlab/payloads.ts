import { z } from "zod";
import type { PayloadCheck } from "../provider";
import { checkWithZod, missingEventType, requireObject } from "../shared/payload-check";

/**
 * The fields of GitLab webhook payloads that mapping relies on, for the events it maps (push,
 * merge request, issue, note); other fields pass through, other events are stored as sent.
 * https://docs.gitlab.com/user/project/integrations/webhook_events/
 */
const project = z.looseObject({ path_with_namespace: z.string(), web_url: z.string().optional() });
const user = z.looseObject({ username: z.string() });

const push = z.looseObject({
  ref: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  user_username: z.string().optional(),
  project,
  commits: z.array(z.unknown()),
  total_commits_count: z.number().int().optional(),
});

const workItem = z.looseObject({
  user,
  project,
  object_attributes: z.looseObject({ iid: z.number().int(), title: z.string(), url: z.string().optional(), action: z.string().optional() }),
});

const note = z.looseObject({
  user,
  project,
  object_attributes: z.looseObject({ note: z.string(), noteable_type: z.string(), url: z.string().optional() }),
});

const BY_EVENT: Record<string, z.ZodType> = {
  push,
  tag_push: push,
  merge_request: workItem,
  issue: workItem,
  confidential_issue: workItem,
  note,
  confidential_note: note,
};

export function validateGitlabPayload(eventType: string, payload: unknown): PayloadCheck {
  if (!eventType) return missingEventType("the X-Gitlab-Event header");
  const notObject = requireObject(payload);
  if (notObject) return notObject;
  const schema = BY_EVENT[eventType.split(".")[0]];
  return schema ? checkWithZod(schema, payload) : { ok: true };
}
