import { MARKDOWN_MARKS, hrefOf, markKey, mergeText, sameMarks, type AdfMark, type AdfNode } from "./adf";
import { parseInline } from "./markdown-inline";
import { RULE } from "./markdown-to-adf";

/**
 * An ADF document (a Jira description or comment) as Markdown, written so that markdown-to-adf.ts
 * reads it back as the same document: Markdown → ADF → Markdown gives back what a person typed
 * for the subset described there, which is what keeps a request's notes from being rewritten by
 * their round trip through Jira. Each line is checked by parsing it again; a line that would read
 * differently (a `*` that would open emphasis, `_` inside a word) is written with `*` for
 * emphasis, then with its text escaped. Nodes Markdown has no form for become their text (mentions,
 * emoji, dates, status lozenges, cards) or their content (panels, expands, layouts); media are left out.
 */

/** What would make a line start another block (a heading, quote, list item, fence). */
const BLOCK_START = /^( *)(#{1,6}(?=[ \t]|$)|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|`{3,}|~{3,})/;
const URL_LIKE = /^[a-z][a-z0-9+.-]{1,31}:[^<>\s]*$/i;
const ORDER = ["link", "strong", "em", "strike"];
const isList = (node: AdfNode) => node.type === "bulletList" || node.type === "orderedList";

export function adfToMarkdown(value: { content?: AdfNode[] } | null | undefined): string {
  return Array.isArray(value?.content) ? blockList(value.content) : "";
}

function blockList(nodes: AdfNode[], inItem = false): string {
  const parts = nodes.map((node) => ({ node, text: block(node, inItem) })).filter((part) => part.text !== "");
  return parts.map((part, k) => (k === 0 ? "" : inItem && isList(part.node) && parts[k - 1].node.type === "paragraph" ? "\n" : "\n\n") + part.text).join("");
}

function block(node: AdfNode, inItem: boolean): string {
  const content = node.content ?? [];
  switch (node.type) {
    case "paragraph":
      return inlineLines(content, inItem ? "every" : "first").join("\n");
    case "heading": {
      const text = inlineLines(content.map((n) => (n.type === "hardBreak" ? { type: "text", text: " " } : n)), "none").join("");
      return `${"#".repeat(Math.min(Math.max(Number(node.attrs?.level) || 1, 1), 6))}${text ? ` ${text}` : ""}`;
    }
    case "bulletList":
    case "orderedList": {
      const start = Number(node.attrs?.order ?? 1);
      return content
        .map((item, k) => prefixed(blockList(item.content ?? [], true), node.type === "orderedList" ? `${start + k}. ` : "- "))
        .join("\n");
    }
    case "taskList":
    case "decisionList":
      return content.map((item) => prefixed(inlineLines(item.content ?? [], "none").join(" "), item.attrs?.state === "DONE" ? "- [x] " : node.type === "taskList" ? "- [ ] " : "- ")).join("\n");
    case "codeBlock": {
      const text = content.map((n) => n.text ?? "").join("");
      const fence = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      const language = typeof node.attrs?.language === "string" ? node.attrs.language : "";
      return text ? `${fence}${language}\n${text}\n${fence}` : `${fence}${language}\n${fence}`;
    }
    case "rule":
      return "---";
    case "blockquote":
      return blockList(content)
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    case "table":
      return table(node);
    case "blockCard":
    case "embedCard":
      return typeof node.attrs?.url === "string" ? `<${node.attrs.url}>` : "";
    case "mediaSingle":
    case "mediaGroup":
    case "extension":
      return "";
    default:
      // panel, expand, nestedExpand, layoutSection/Column, bodiedExtension and the unknown: their content.
      return content.length > 0 && content.every((n) => n.type === "text" || n.type === "hardBreak") ? inlineLines(content, "none").join("\n") : blockList(content, inItem);
  }
}

/** `text` with `marker` before its first line and its other lines indented under it. */
function prefixed(text: string, marker: string): string {
  if (text === "") return marker.trimEnd();
  return text
    .split("\n")
    .map((line, k) => (k === 0 ? marker + line : line === "" ? "" : " ".repeat(marker.length) + line))
    .join("\n");
}

function table(node: AdfNode): string {
  const rows = (node.content ?? []).map((row) => (row.content ?? []).map((cell) => ({ header: cell.type === "tableHeader", text: blockList(cell.content ?? []).replace(/\s*\n+\s*/g, " ") })));
  return rows
    .flatMap((cells, k) => {
      const line = `| ${cells.map((c) => c.text).join(" | ")} |`;
      return k === 0 && cells.every((c) => c.header) ? [line, `|${cells.map(() => " --- |").join("")}`] : [line];
    })
    .join("\n");
}

/** Inline nodes Markdown has no form for, as text (a mention as "@name", a card as its URL). */
function plainInline(node: AdfNode): AdfNode[] {
  const attrs = node.attrs ?? {};
  const text = (value: unknown): AdfNode[] => (typeof value === "string" && value ? [{ type: "text", text: value, marks: node.marks }] : []);
  switch (node.type) {
    case "text":
      return (node.text ?? "").split("\n").flatMap((part, k) => (k === 0 ? text(part) : [{ type: "hardBreak" }, ...text(part)]));
    case "hardBreak":
      return [node];
    case "mention":
      return text(typeof attrs.text === "string" && attrs.text ? (attrs.text.startsWith("@") ? attrs.text : `@${attrs.text}`) : "@someone");
    case "emoji":
      return text(attrs.text ?? attrs.shortName);
    case "inlineCard":
      return typeof attrs.url === "string" ? [{ type: "text", text: attrs.url, marks: [{ type: "link", attrs: { href: attrs.url } }] }] : [];
    case "date":
      return Number.isFinite(Number(attrs.timestamp)) ? text(new Date(Number(attrs.timestamp)).toISOString().slice(0, 10)) : [];
    case "status":
      return text(attrs.text);
    default:
      return text(node.text);
  }
}

/** The marks Markdown can say, as ADF allows them together (code only with a link). */
function markdownMarks(marks: AdfMark[] = []): AdfMark[] {
  const kept = marks.filter((m) => MARKDOWN_MARKS.has(m.type));
  return kept.some((m) => m.type === "code") ? kept.filter((m) => m.type === "code" || m.type === "link") : kept;
}

/**
 * Inline content as Markdown lines (one per hard break). `escapeStart`: which lines must not read
 * as the start of a block — a paragraph's first ("first"), every line inside a list item
 * ("every"), where a list may follow text directly, or none (headings).
 */
function inlineLines(nodes: AdfNode[], escapeStart: "first" | "every" | "none"): string[] {
  const flat = nodes.flatMap(plainInline).map((n) => (n.type === "text" ? { ...n, marks: markdownMarks(n.marks) } : n));
  const lines: AdfNode[][] = [[]];
  for (const node of flat) {
    if (node.type === "hardBreak") lines.push([]);
    else lines.at(-1)!.push(node);
  }
  return lines.map((line, k) => markdownLine(mergeText(line), escapeStart === "every" || (escapeStart === "first" && k === 0)));
}

function markdownLine(nodes: AdfNode[], escapeStart: boolean): string {
  const attempts: [string, boolean][] = [["_", false], ["*", false], ["_", true], ["*", true]];
  for (const [em, escapeAll] of attempts) {
    const text = startEscaped(render(nodes, em, escapeAll), escapeStart);
    if (sameInline(parseInline(text), nodes)) return text;
  }
  return startEscaped(render(nodes, "*", true), escapeStart);
}

function startEscaped(text: string, escape: boolean): string {
  if (!escape) return text;
  if (RULE.test(text)) return text.replace(/^( *)(.)/, "$1\\$2");
  const start = BLOCK_START.exec(text);
  if (!start) return text;
  const marker = start[2];
  return /^\d/.test(marker)
    ? `${start[1]}${marker.slice(0, -1)}\\${marker.slice(-1)}${text.slice(start[0].length)}`
    : `${start[1]}\\${text.slice(start[1].length)}`;
}

function sameInline(a: AdfNode[], b: AdfNode[]): boolean {
  return a.length === b.length && a.every((node, k) => node.type === b[k].type && (node.text ?? "") === (b[k].text ?? "") && sameMarks(node.marks, b[k].marks));
}

/** Every character the inline parser reads as syntax, escaped; a backslash only where it would escape what follows. */
const escapeText = (text: string, all: boolean) => (all ? text.replace(/\\(?=[!-/:-@[-`{-~])|[`*_~[\]<>]/g, "\\$&") : text);

function codeSpan(text: string): string {
  const fence = "`".repeat(Math.max(1, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function destination(mark: AdfMark): string {
  const href = hrefOf(mark);
  const target = href === "" || /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
  const title = typeof mark.attrs?.title === "string" ? ` "${mark.attrs.title.replace(/["\\]/g, "\\$&")}"` : "";
  return `${target}${title}`;
}

/** A link whose text is its URL, alone: written as `<url>`. */
function isAutolink(nodes: AdfNode[], k: number): boolean {
  const link = nodes[k].marks?.find((m) => m.type === "link");
  if (!link || nodes[k].marks!.some((m) => m.type === "code") || hrefOf(link) !== nodes[k].text || !URL_LIKE.test(hrefOf(link))) return false;
  const shares = (other: AdfNode | undefined) => Boolean(other?.marks?.some((m) => markKey(m) === markKey(link)));
  return !shares(nodes[k - 1]) && !shares(nodes[k + 1]);
}

/**
 * Text nodes as Markdown, marks opened and closed as they change from node to node (a mark two
 * nodes share stays open across them); spaces at a mark's edge are moved outside it, where
 * Markdown needs them.
 */
function render(nodes: AdfNode[], em: string, escapeAll: boolean): string {
  const stack: AdfMark[] = [];
  const open = (m: AdfMark) => (m.type === "link" ? "[" : m.type === "em" ? em : m.type === "strong" ? "**" : "~~");
  const close = (m: AdfMark) => (m.type === "link" ? `](${destination(m)})` : open(m));
  let out = "";
  let held = "";
  nodes.forEach((node, k) => {
    const text = node.text ?? "";
    const marks = node.marks ?? [];
    const code = marks.some((m) => m.type === "code");
    const auto = isAutolink(nodes, k);
    if (!code && !auto && text.trim() === "") {
      held += text;
      return;
    }
    const wanted = marks.filter((m) => m.type !== "code" && !(auto && m.type === "link"));
    let keep = 0;
    while (keep < stack.length && wanted.some((m) => markKey(m) === markKey(stack[keep]))) keep++;
    for (const m of stack.splice(keep).reverse()) out += close(m);
    const lead = code || auto ? "" : /^\s*/.exec(text)![0];
    const trail = code || auto ? "" : /\s*$/.exec(text)![0];
    out += held + escapeText(lead, escapeAll);
    for (const m of ORDER.flatMap((type) => wanted.filter((w) => w.type === type))) {
      if (stack.some((s) => markKey(s) === markKey(m))) continue;
      out += open(m);
      stack.push(m);
    }
    const core = text.slice(lead.length, text.length - trail.length);
    out += code ? codeSpan(core) : auto ? `<${core}>` : escapeText(core, escapeAll);
    held = trail;
  });
  for (const m of stack.reverse()) out += close(m);
  return out + held;
}
