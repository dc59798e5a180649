/**
 * Atlassian Document Format, the JSON tree Jira Cloud's REST API v3 holds descriptions and
 * comments in: a `doc` of block nodes (paragraph, heading, lists, codeBlock, rule, …) whose leaves
 * are `text` nodes carrying marks (strong, em, code, strike, link, …). Only what the converters
 * here read and write is typed; a node from Jira may carry anything else.
 */
export type AdfMark = { type: string; attrs?: Record<string, unknown> };
export type AdfNode = { type: string; attrs?: Record<string, unknown>; content?: AdfNode[]; text?: string; marks?: AdfMark[] };
export type AdfDoc = { version: 1; type: "doc"; content: AdfNode[] };

export const doc = (content: AdfNode[]): AdfDoc => ({ version: 1, type: "doc", content });

/** The marks Markdown can say (the rest — underline, colour, sub/superscript — are dropped on the way to Markdown). */
export const MARKDOWN_MARKS = new Set(["link", "strong", "em", "strike", "code"]);

export const hrefOf = (mark: AdfMark): string => (typeof mark.attrs?.href === "string" ? mark.attrs.href : "");

/** A mark's identity: its type, and for a link its target. */
export const markKey = (mark: AdfMark): string => (mark.type === "link" ? `link:${hrefOf(mark)}` : mark.type);

export function sameMarks(a: AdfMark[] = [], b: AdfMark[] = []): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(markKey));
  return b.every((mark) => keys.has(markKey(mark)));
}

/**
 * Inline nodes as plain text nodes merged where their marks are the same, without empty text:
 * how two inline sequences are compared, and how a parser's output is tidied.
 */
export function mergeText(nodes: AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    if (node.type === "text" && !node.text) continue;
    const last = out.at(-1);
    if (node.type === "text" && last?.type === "text" && sameMarks(last.marks, node.marks)) {
      out[out.length - 1] = { ...last, text: `${last.text}${node.text}` };
    } else out.push(node.type === "text" && node.marks?.length === 0 ? { type: "text", text: node.text } : node);
  }
  return out;
}

export const isAdfDoc = (value: unknown): value is AdfDoc =>
  typeof value === "object" && value !== null && (value as AdfDoc).type === "doc" && Array.isArray((value as AdfDoc).content);
