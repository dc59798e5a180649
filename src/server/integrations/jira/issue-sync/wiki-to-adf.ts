import { doc, mergeText, type AdfDoc, type AdfMark, type AdfNode } from "./adf";

/**
 * Jira wiki markup as ADF: how a description or comment arrives in Jira's webhooks, which render
 * issues as the v2 API does (wiki markup text) even when the v3 API holds them as ADF. The subset
 * Jira writes for what ADF → Markdown can say: paragraphs (a line break inside is a hard break,
 * as is `\\`), `h1.`–`h6.`, `*`/`#`/`-` lists with nesting, `{code:lang}`/`{noformat}`, `----`,
 * `bq.` and `{quote}`; inline `*strong*`, `_em_`, `-strike-`, `+underline+`, `{{code}}`,
 * `[text|url]`, `[url]`, `[~accountid:…]` mentions, `{color}` (dropped) and `\` escapes.
 * Whatever else is text, as written.
 */

const CODE_START = /^\{(code|noformat)(?::([^}|]*))?(?:\|[^}]*)?\}(.*)$/;
const QUOTE_START = /^\{quote\}(.*)$/;
const HEADING = /^h([1-6])\.\s*(.*)$/;
const RULE = /^-{4,}\s*$/;
const ITEM = /^([*#]+|-)\s+(.*)$/;
const BQ = /^bq\.\s+(.*)$/;

const isBlockStart = (line: string) => CODE_START.test(line) || QUOTE_START.test(line) || HEADING.test(line) || RULE.test(line) || ITEM.test(line) || BQ.test(line);

export function wikiToAdf(text: string): AdfDoc {
  return doc(blocks(text.replace(/\r\n?/g, "\n").split("\n")));
}

function blocks(lines: string[]): AdfNode[] {
  const out: AdfNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let m: RegExpExecArray | null;
    if (line.trim() === "") i++;
    else if ((m = CODE_START.exec(line))) {
      const close = `{${m[1]}}`;
      const body: string[] = m[3] ? [m[3]] : [];
      for (i++; i < lines.length && !lines[i].includes(close); i++) body.push(lines[i]);
      if (i < lines.length) {
        const before = lines[i].slice(0, lines[i].indexOf(close));
        if (before) body.push(before);
      }
      i++;
      const text = body.join("\n");
      const language = m[1] === "code" && m[2] && !m[2].includes("=") ? m[2].trim() : "";
      out.push({ type: "codeBlock", ...(language ? { attrs: { language } } : {}), ...(text ? { content: [{ type: "text", text }] } : {}) });
    } else if ((m = QUOTE_START.exec(line))) {
      const body: string[] = m[1] ? [m[1]] : [];
      for (i++; i < lines.length && !lines[i].startsWith("{quote}"); i++) body.push(lines[i]);
      i++;
      const content = blocks(body);
      out.push({ type: "blockquote", content: content.length > 0 ? content : [{ type: "paragraph", content: [] }] });
    } else if ((m = BQ.exec(line))) {
      out.push({ type: "blockquote", content: [paragraph([m[1]])] });
      i++;
    } else if ((m = HEADING.exec(line))) {
      const content = inline(m[2]);
      out.push({ type: "heading", attrs: { level: Number(m[1]) }, ...(content.length > 0 ? { content } : {}) });
      i++;
    } else if (RULE.test(line)) {
      out.push({ type: "rule" });
      i++;
    } else if (ITEM.test(line)) i = lists(lines, i, out);
    else {
      const text = [line];
      for (i++; i < lines.length && lines[i].trim() !== "" && !isBlockStart(lines[i]); i++) text.push(lines[i]);
      out.push(paragraph(text));
    }
  }
  return out;
}

function paragraph(lines: string[]): AdfNode {
  const parts = lines.flatMap((line) => line.split("\\\\"));
  return { type: "paragraph", content: parts.flatMap((part, k) => (k === 0 ? inline(part) : [{ type: "hardBreak" }, ...inline(part)])) };
}

/** Consecutive list lines (and the lines continuing their items) as nested lists: `*#` is a numbered list inside a bullet item. */
function lists(lines: string[], start: number, out: AdfNode[]): number {
  const stack: AdfNode[] = [];
  let lastItem: AdfNode | null = null;
  let i = start;
  for (; i < lines.length && lines[i].trim() !== ""; i++) {
    const m = ITEM.exec(lines[i]);
    if (!m) {
      if (isBlockStart(lines[i]) || !lastItem) break;
      lastItem.content![0].content!.push({ type: "hardBreak" }, ...inline(lines[i]));
      continue;
    }
    const markers = m[1] === "-" ? "*" : m[1];
    while (stack.length > markers.length) stack.pop();
    const kind = (c: string) => (c === "#" ? "orderedList" : "bulletList");
    if (stack.length === markers.length && stack.at(-1)!.type !== kind(markers.at(-1)!)) stack.pop();
    while (stack.length < markers.length) {
      const list: AdfNode = { type: kind(markers[stack.length]), ...(markers[stack.length] === "#" ? { attrs: { order: 1 } } : {}), content: [] };
      const parent = stack.at(-1);
      if (!parent) out.push(list);
      else {
        if (parent.content!.length === 0) parent.content!.push({ type: "listItem", content: [{ type: "paragraph", content: [] }] });
        parent.content!.at(-1)!.content!.push(list);
      }
      stack.push(list);
    }
    lastItem = { type: "listItem", content: [paragraph([m[2]])] };
    stack.at(-1)!.content!.push(lastItem);
  }
  return i;
}

const MARKS: Record<string, AdfMark | null> = {
  "*": { type: "strong" },
  _: { type: "em" },
  "-": { type: "strike" },
  "+": { type: "underline" },
  "^": { type: "subsup", attrs: { type: "sup" } },
  "~": { type: "subsup", attrs: { type: "sub" } },
  "??": null,
};

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Where `text[from]` starts a `[…]` or `{{…}}` that runs to; -1 when it does not. */
function skipGroup(text: string, from: number): number {
  if (text.startsWith("{{", from)) return text.indexOf("}}", from + 2) >= 0 ? text.indexOf("}}", from + 2) + 2 : -1;
  if (text[from] !== "[") return -1;
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "]") return i + 1;
  }
  return -1;
}

/** The closing delimiter for an opening one at `from`: preceded by a non-space, followed by a non-word character. */
function closing(text: string, delimiter: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    const group = skipGroup(text, i);
    if (group > 0) {
      i = group - 1;
      continue;
    }
    if (text.startsWith(delimiter, i) && i > from && !isSpace(text[i - 1]) && !isWordChar(text[i + delimiter.length])) return i;
  }
  return -1;
}

const withMark = (nodes: AdfNode[], mark: AdfMark | null) =>
  mark ? nodes.map((n) => (n.type === "text" && !n.marks?.some((m) => m.type === "code") ? { ...n, marks: [...(n.marks ?? []), mark] } : n)) : nodes;

function inline(text: string): AdfNode[] {
  const out: AdfNode[] = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push({ type: "text", text: plain });
    plain = "";
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length && !isWordChar(text[i + 1]) && !isSpace(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    const group = skipGroup(text, i);
    if (group > 0) {
      flush();
      out.push(...(c === "{" ? [{ type: "text", text: text.slice(i + 2, group - 2), marks: [{ type: "code" }] }] : linkNodes(text.slice(i + 1, group - 1))));
      i = group;
      continue;
    }
    const color = /^\{color(?::[^}]*)?\}/.exec(text.slice(i));
    if (color) {
      i += color[0].length;
      continue;
    }
    const delimiter = text.startsWith("??", i) ? "??" : c in MARKS ? c : null;
    const opens = delimiter && !isWordChar(text[i - 1]) && !isSpace(text[i + delimiter.length]);
    const end = opens ? closing(text, delimiter, i + delimiter.length) : -1;
    if (delimiter && end > 0) {
      flush();
      out.push(...withMark(inline(text.slice(i + delimiter.length, end)), MARKS[delimiter]));
      i = end + delimiter.length;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return mergeText(out);
}

/** `[text|url]`, `[url]`, `[~accountid:…]` (a mention), `[^file]` (an attachment). */
function linkNodes(inner: string): AdfNode[] {
  if (inner.startsWith("~")) return [{ type: "text", text: `@${inner.slice(1).replace(/^accountid:/, "")}` }];
  if (inner.startsWith("^")) return [{ type: "text", text: inner.slice(1) }];
  const bar = inner.search(/(?<!\\)\|/);
  const label = bar >= 0 ? inner.slice(0, bar) : inner;
  const href = (bar >= 0 ? inner.slice(bar + 1) : inner).trim().replace(/\\(.)/g, "$1");
  const link: AdfMark = { type: "link", attrs: { href } };
  const nodes = bar >= 0 ? inline(label) : [{ type: "text", text: href }];
  return nodes.map((n) => (n.type === "text" ? { ...n, marks: [...(n.marks ?? []), link] } : n));
}
