import { doc, isAdfDoc, type AdfDoc, type AdfNode } from "./adf";
import { adfToMarkdown } from "./adf-to-markdown";
import { markdownToAdf } from "./markdown-to-adf";
import { wikiToAdf } from "./wiki-to-adf";

/**
 * The sync's Markdown (src/server/issue-sync/render.ts) as a Jira body and back. ADF has no
 * comments, so the hidden markers the sync writes — `<!-- switchboard:request=<id> -->` after an
 * issue's footer, `<!-- switchboard:comment=<id> -->` at the end of a copied comment — travel
 * another way and come back in their HTML-comment form, where the core looks for them:
 *
 * - the request marker is carried by the footer itself: its link to the request's URL ends in the
 *   request's id, so the marker is dropped on the way out and written again after a footer that
 *   links to `/requests/<id>` on the way back (nothing extra shows in Jira);
 * - any other marker (a comment's) becomes a paragraph of its own, `switchboard:comment=<id>` in
 *   a muted grey, which comes back as the HTML comment.
 *
 * The footer's rule and line are written back with the single line break render.ts writes them
 * with (Markdown from ADF separates blocks by a blank line), so `notesOf()` strips them as it
 * does on GitHub, and the notes that went out come back unchanged.
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const MARKER_COMMENT = new RegExp(`^[ \\t]*<!-- switchboard:(request|comment)=(${UUID}) -->[ \\t]*$`, "gm");
const MARKER_TEXT = new RegExp(`^switchboard:(request|comment)=(${UUID})$`);
const MARKER_TEXT_LINE = new RegExp(`^switchboard:(request|comment)=(${UUID})$`, "gm");
const LINKED_REQUEST = new RegExp(`/requests/(${UUID})\\)`, "g");
const FOOTER = new RegExp(`(^|\\n\\n)---\\n\\n(_Synced with \\[a Switchboard request\\]\\([^)\\s]*/requests/(${UUID})\\)\\._)(?:\\n\\n<!-- switchboard:request=\\3 -->)?$`);

/** How a marker shows where it is text: a muted grey, as Jira's own "subtle" text. */
export const MARKER_COLOR = "#97a0af";

/** The ADF document Jira gets for the sync's Markdown. */
export function jiraDocument(markdown: string): AdfDoc {
  const linked = new Set([...markdown.matchAll(LINKED_REQUEST)].map((m) => m[1]));
  const text = markdown.replace(MARKER_COMMENT, (_, kind: string, id: string) => (kind === "request" && linked.has(id) ? "" : `\n\nswitchboard:${kind}=${id}\n\n`));
  return doc(markdownToAdf(text).content.map(muteMarker));
}

function muteMarker(node: AdfNode): AdfNode {
  const only = node.type === "paragraph" && node.content?.length === 1 ? node.content[0] : null;
  if (!only || only.type !== "text" || only.marks?.length || !MARKER_TEXT.test(only.text ?? "")) return node;
  return { type: "paragraph", content: [{ type: "text", text: only.text, marks: [{ type: "textColor", attrs: { color: MARKER_COLOR } }] }] };
}

/**
 * A Jira body as the sync's Markdown, markers restored: an ADF document (the v3 API), or the
 * wiki markup Jira's webhooks carry (they render issues as the v2 API does); null or anything
 * else is an empty body.
 */
export function markdownOfJira(body: unknown): string {
  const adf = isAdfDoc(body) ? body : typeof body === "string" ? wikiToAdf(body) : null;
  if (!adf) return "";
  return adfToMarkdown(adf)
    .replace(MARKER_TEXT_LINE, "<!-- switchboard:$1=$2 -->")
    .replace(FOOTER, (_, before: string, footer: string, id: string) => `${before}---\n${footer}\n<!-- switchboard:request=${id} -->`);
}
