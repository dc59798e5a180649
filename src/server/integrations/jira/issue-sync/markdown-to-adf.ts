import { doc, type AdfDoc, type AdfNode } from "./adf";
import { parseInline } from "./markdown-inline";

/**
 * Markdown — a request's notes, a comment — as the ADF document Jira Cloud's v3 API takes: the
 * subset the sync writes and people commonly write (paragraphs, line breaks, ATX headings, `-`/`*`
 * and numbered lists with nesting, fenced code, rules, `>` quotes; inline: markdown-inline.ts).
 *
 * Notes are typed in a plain text box, so the parse keeps what a person typed where Markdown
 * would normalize it: every line break in a paragraph is a hard break, leading spaces are kept,
 * and only a blank line ends a paragraph — "Steps:\n1. open\n2. click" stays three lines of text
 * rather than becoming a paragraph and a list (adf-to-markdown.ts then writes it back exactly; a
 * list separated by a blank line is a list). Only a code fence interrupts a paragraph, and inside
 * a list item a nested list may follow its text directly, as everyone writes it.
 */

const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
export const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const ITEM = /^( *)([-*+]|(\d{1,9})[.)])(?:([ \t]+)(.*))?$/;

export function markdownToAdf(markdown: string): AdfDoc {
  return doc(blocks(markdown.replace(/\r\n?/g, "\n").split("\n"), false));
}

const isBlank = (line: string) => line.trim() === "";
const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** `inItem`: inside a list item, where a nested list may follow a line of text directly. */
function blocks(lines: string[], inItem: boolean): AdfNode[] {
  const out: AdfNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      i = codeBlock(lines, i, fence, out);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const content = heading[2] ? parseInline(heading[2]) : [];
      out.push({ type: "heading", attrs: { level: heading[1].length }, ...(content.length > 0 ? { content } : {}) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push({ type: "rule" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) inner.push(QUOTE.exec(lines[i++])![1]);
      const content = blocks(inner, false);
      out.push({ type: "blockquote", content: content.length > 0 ? content : [{ type: "paragraph", content: [] }] });
      continue;
    }
    if (ITEM.test(line)) {
      i = list(lines, i, out);
      continue;
    }
    const text = [line];
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !FENCE.test(lines[i]) && !(inItem && ITEM.test(lines[i]))) text.push(lines[i++]);
    out.push(paragraph(text));
  }
  return out;
}

export function paragraph(lines: string[]): AdfNode {
  return { type: "paragraph", content: lines.flatMap((line, k) => (k === 0 ? parseInline(line) : [{ type: "hardBreak" }, ...parseInline(line)])) };
}

function codeBlock(lines: string[], start: number, fence: RegExpExecArray, out: AdfNode[]): number {
  const [, indent, marker, language] = fence;
  const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
  const body: string[] = [];
  let i = start + 1;
  for (; i < lines.length && !closing.test(lines[i]); i++) body.push(lines[i].replace(new RegExp(`^ {0,${indent.length}}`), ""));
  const text = body.join("\n");
  out.push({ type: "codeBlock", ...(language ? { attrs: { language } } : {}), ...(text ? { content: [{ type: "text", text }] } : {}) });
  return i + 1;
}

/**
 * One list: items with the same indentation and kind (bullet or numbered). An item goes on over
 * the lines indented under it (its text, nested lists); a blank line ends the list, unless what
 * follows it is indented under the item (a second paragraph of it). A blank line between items
 * therefore makes two lists, which is how such Markdown is written back.
 */
function list(lines: string[], start: number, out: AdfNode[]): number {
  const first = ITEM.exec(lines[start])!;
  const indent = first[1].length;
  const ordered = first[3] !== undefined;
  const items: AdfNode[] = [];
  let i = start;
  while (i < lines.length) {
    const item = ITEM.exec(lines[i]);
    if (!item || item[1].length !== indent || (item[3] !== undefined) !== ordered) break;
    const column = indent + item[2].length + (item[4]?.length ?? 1);
    const body = [item[5] ?? ""];
    i++;
    while (i < lines.length) {
      if (isBlank(lines[i])) {
        let next = i;
        while (next < lines.length && isBlank(lines[next])) next++;
        if (next >= lines.length || indentOf(lines[next]) < column) break;
        body.push(...lines.slice(i, next).map(() => ""));
        i = next;
        continue;
      }
      const sibling = ITEM.exec(lines[i]);
      if (sibling && sibling[1].length <= indent) break;
      body.push(indentOf(lines[i]) >= column ? lines[i].slice(column) : lines[i].trimStart());
      i++;
    }
    const content = blocks(body, true);
    items.push({ type: "listItem", content: content.length > 0 ? content : [{ type: "paragraph", content: [] }] });
    if (i < lines.length && isBlank(lines[i])) break;
  }
  out.push(ordered ? { type: "orderedList", attrs: { order: Number(first[3]) }, content: items } : { type: "bulletList", content: items });
  return i;
}
