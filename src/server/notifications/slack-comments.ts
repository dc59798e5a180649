import { z } from "zod";
import { roleAtLeast } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { cut, escapeMrkdwn, type SlackButton } from "@/server/integrations/slack/notify/blocks";
import { openSlackModal, type SlackModal } from "@/server/integrations/slack/notify/people";
import { str } from "@/server/integrations/shared/read";
import { findAlert } from "@/server/records/alerts/get-alert";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { getRequest } from "@/server/records/requests/get-request";
import { addCommentInput } from "@/server/records/requests/request.schema";
import { isNotificationSendError, type NotificationContent } from "./channel";
import type { SlackActor } from "./slack-actions";

/**
 * The "Comment" button on a Slack bot's messages about a request or an alert, done as Slack does
 * it: the click opens a modal (views.open with the click's trigger_id) with one text box, and the
 * modal's submission (a view_submission, through the same inbound URL) adds the text as a comment
 * on the request — for an alert, on the request linked to it. Both are done, as every click, by
 * the member whose email is the Slack user's (slack-actions.ts); whoever may not comment is told
 * why in a message only they see, and nothing is written.
 *
 * Both run while the delivery is processed, after the inbound URL has answered: Slack closes the
 * modal on that empty answer, so a refusal at submission cannot be shown in the modal
 * (`response_action: "errors"` would have to be the answer itself) and is told as an ephemeral
 * message in the channel of the message clicked, which the modal's private_metadata carries.
 */

export const COMMENT_ACTION_ID = "switchboard:comment";
/** Tells our modal's submissions from other views'. */
export const COMMENT_CALLBACK_ID = "switchboard:comment";
const INPUT_BLOCK_ID = "comment";
const INPUT_ACTION_ID = "text";
/** The most a plain_text_input takes (a request comment may be longer when written elsewhere). */
const MAX_TYPED = 3_000;

type RecordRef = { kind: "alert" | "request"; id: string };
type Where = { slackUser: string; channel: string | null; threadTs: string | null };
export type CommentInteraction = Where & { record: RecordRef } & ({ kind: "open-comment"; triggerId: string } | { kind: "comment"; text: string });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function recordOf(value: string | undefined | null): RecordRef | null {
  const [kind, id, ...rest] = (value ?? "").split(":");
  return (kind === "alert" || kind === "request") && UUID.test(id ?? "") && rest.length === 0 ? { kind, id } : null;
}

/** The Comment button for a message about `subject`, when comments can be about it (a request, or an alert through its request). */
export function commentButtonFor(subject: NotificationContent["subject"]): SlackButton | null {
  if (subject?.kind !== "alert" && subject?.kind !== "request") return null;
  return { actionId: COMMENT_ACTION_ID, text: "Comment", value: `${subject.kind}:${subject.id}` };
}

const metadataSchema = z.object({ record: z.string(), channel: z.string().nullable(), ts: z.string().nullable() });

/** A click on our Comment button, or a submission of our comment modal; null for anything else. */
export function slackCommentOf(payload: unknown): CommentInteraction | null {
  const type = str(payload, "type");
  const slackUser = str(payload, "user.id");
  if (!slackUser) return null;
  if (type === "block_actions") {
    const actions = (payload as { actions?: unknown }).actions;
    const first = Array.isArray(actions) ? (actions[0] as unknown) : null;
    const record = str(first, "action_id") === COMMENT_ACTION_ID ? recordOf(str(first, "value")) : null;
    const triggerId = str(payload, "trigger_id");
    if (!record || !triggerId) return null;
    const channel = str(payload, "channel.id") ?? str(payload, "container.channel_id") ?? null;
    return { kind: "open-comment", record, triggerId, slackUser, channel, threadTs: str(payload, "container.message_ts") ?? null };
  }
  if (type === "view_submission" && str(payload, "view.callback_id") === COMMENT_CALLBACK_ID) {
    let metadata: z.infer<typeof metadataSchema>;
    try {
      metadata = metadataSchema.parse(JSON.parse(str(payload, "view.private_metadata") ?? ""));
    } catch {
      return null;
    }
    const record = recordOf(metadata.record);
    if (!record) return null;
    const text = str(payload, `view.state.values.${INPUT_BLOCK_ID}.${INPUT_ACTION_ID}.value`) ?? "";
    return { kind: "comment", record, text, slackUser, channel: metadata.channel, threadTs: metadata.ts };
  }
  return null;
}

/** Performs a comment interaction as `actor`; the line for the delivery's log. */
export function performSlackComment(actor: SlackActor, interaction: CommentInteraction, delivery: { receivedAt: Date }): Promise<string> {
  return interaction.kind === "open-comment" ? openCommentModal(actor, interaction) : addSlackComment(actor, interaction, delivery);
}

type Target = { requestId: string; requestTitle: string; alert: { id: string; title: string } | null };

/**
 * The request a comment about `record` goes on, or why there is none. A record gone, or a request
 * the member may not see (someone else's private one), is AppError NOT_FOUND.
 */
async function commentTarget(ctx: TenantContext, record: RecordRef): Promise<Target | { none: string }> {
  if (record.kind === "request") {
    const request = await getRequest(ctx, record.id);
    return { requestId: request.id, requestTitle: request.title, alert: null };
  }
  const alert = await findAlert(ctx, record.id);
  if (!alert.requestId) return { none: `the alert “${alert.title}” has no request to comment on; link one to it, or create one from it, in Switchboard` };
  const request = await getRequest(ctx, alert.requestId);
  return { requestId: request.id, requestTitle: request.title, alert: { id: alert.id, title: alert.title } };
}

/** Checks what a comment needs before anything is opened or written: the role, the record, its request. */
async function checkedTarget(actor: SlackActor, record: RecordRef): Promise<Target | { refused: string }> {
  const { ctx } = actor;
  if (!roleAtLeast(ctx.actor.role, "MEMBER")) return { refused: `your role in ${ctx.dataspace.name} (${ctx.actor.role.toLowerCase()}) may not comment on requests` };
  try {
    const target = await commentTarget(ctx, record);
    return "none" in target ? { refused: target.none } : target;
  } catch (error) {
    if (error instanceof AppError) return { refused: `${error.message.replace(/\.$/, "")} (or you may not see it)` };
    throw error;
  }
}

/**
 * Opens the comment modal for a click. Slack takes the click's trigger_id for 3 seconds only:
 * this runs when the delivery is processed, normally a few hundred milliseconds after the click,
 * so the checks before views.open are a few queries and one Slack call. A failed views.open is
 * final (a retry would come after the 3 s): the member is asked to click again.
 */
async function openCommentModal(actor: SlackActor, open: CommentInteraction & { kind: "open-comment" }): Promise<string> {
  const target = await checkedTarget(actor, open.record);
  if ("refused" in target) {
    await actor.tell(`Nothing was done: ${target.refused}.`);
    return `Slack Comment button by ${actor.email} refused: ${target.refused}`;
  }
  try {
    await openSlackModal({ ...actor.slack, triggerId: open.triggerId, view: commentModal(open, target) });
  } catch (error) {
    if (!isNotificationSendError(error)) throw error;
    const late = /_trigger_id\b/.test(error.message);
    await actor.tell(late ? "Slack allows 3 seconds to open the comment form and Switchboard took longer: click Comment again." : `Switchboard could not open the comment form: ${error.message}`);
    return `Slack Comment button by ${actor.email}: the comment form was not opened: ${error.message}`;
  }
  return `Slack: ${actor.email} opened the comment form for request ${target.requestId}`;
}

/**
 * Adds the submitted text as the member's comment. The role and the record are checked again:
 * the modal may have stayed open while either changed.
 */
async function addSlackComment(actor: SlackActor, submitted: CommentInteraction & { kind: "comment" }, delivery: { receivedAt: Date }): Promise<string> {
  const { ctx } = actor;
  const refuse = async (why: string) => {
    await actor.tell(`Your comment was not added: ${why}.`);
    return `Slack comment by ${actor.email} refused: ${why}`;
  };
  const target = await checkedTarget(actor, submitted.record);
  if ("refused" in target) return refuse(target.refused);
  const input = addCommentInput.safeParse({ requestId: target.requestId, text: submitted.text });
  if (!input.success) return refuse(input.error.issues[0].message.toLowerCase());
  // A delivery can be processed again after its comment was written (its group's commit failed
  // and the runtime retried): the member's same text on the request since it arrived is that comment.
  const written = await ctx.db.requestComment.findFirst({
    where: { requestId: target.requestId, userId: ctx.actor.userId, text: input.data.text, createdAt: { gte: delivery.receivedAt } },
    select: { id: true },
  });
  if (!written) {
    try {
      await addRequestComment(ctx, input.data);
    } catch (error) {
      if (error instanceof AppError) return refuse(error.message.replace(/\.$/, ""));
      throw error;
    }
  }
  // On an alert's message the comment lands elsewhere: say where.
  if (target.alert) await actor.tell(`Your comment was added to the request “${target.requestTitle}”, linked to this alert.`);
  return `Slack: ${actor.email} commented on request ${target.requestId}${target.alert ? ` (from alert ${target.alert.id})` : ""}${written ? " (already written by an earlier attempt)" : ""}`;
}

function commentModal(open: CommentInteraction, target: Target): SlackModal {
  const request = `*${shown(target.requestTitle)}*`;
  const about = target.alert ? `Your comment goes on the request ${request}, linked to the alert *${shown(target.alert.title)}*.` : `Your comment goes on the request ${request}.`;
  return {
    type: "modal",
    callback_id: COMMENT_CALLBACK_ID,
    // What the submission is about, and where to answer: a view_submission names no channel.
    private_metadata: JSON.stringify({ record: `${open.record.kind}:${open.record.id}`, channel: open.channel, ts: open.threadTs }),
    title: { type: "plain_text", text: "Comment" },
    submit: { type: "plain_text", text: "Add comment" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: cut(about, 3_000) } },
      {
        type: "input",
        block_id: INPUT_BLOCK_ID,
        label: { type: "plain_text", text: "Comment" },
        element: { type: "plain_text_input", action_id: INPUT_ACTION_ID, multiline: true, max_length: MAX_TYPED, focus_on_load: true },
      },
    ],
  };
}

/** A title in mrkdwn: escaped, well formed, short. */
const shown = (title: string) => cut(escapeMrkdwn(title.slice(0, 500).toWellFormed()), 400);
