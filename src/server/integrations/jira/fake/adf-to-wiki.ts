import type { AdfMark, AdfNode } from "../issue-sync/adf";
import { markKey } from "../issue-sync/adf";

/**
 * How the fake Jira renders an ADF body as wiki markup in its webhooks, as Jira Cloud's webhooks
 * do (they carry issues as the v2 API shows them). Paragraphs are separated by a blank line, a
 * hard break is a line break, lists are `*`/`#` lines (nested: `**`, `*#`), code is `{code:lang}`
 * or `{noformat}`, quotes `{quote}`, rules `----`; marks are `*strong*`, `_em_`, `-strike-`,
 * `+underline+`, `{{code}}`, `[text|url]`, `{color:#hex}…{color}`. Characters that would read as
 * markup are escaped with `\`, as Jira escapes them. What ADF says that wiki markup cannot (a
 * list's start number, a second paragraph in a list item) is lost, as it is in Jira's rendering.
 */
export function adfToWiki(document: { content?: AdfNode[] } | null | undefined): string {
  return (document?.content ?? []).map(block).filter((text) => text !== "").join("\n\n");
}

function block(node: AdfNode): string {
  const content = node.content ?? [];
  switch (node.type) {
    case "paragraph":
      return lines(content).map(lineStart).join("\n");
    case "heading":
      return `h${Number(node.attrs?.level) || 1}. ${lines(content).join(" ")}`;
    case "bulletList":
    case "orderedList":
      return listLines(node, "").join("\n");
    case "codeBlock": {
      const text = content.map((n) => n.text ?? "").join("");
      const language = typeof node.attrs?.language === "string" && node.attrs.language ? node.attrs.language : null;
      return language ? `{code:${language}}\n${text}\n{code}` : `{noformat}\n${text}\n{noformat}`;
    }
    case "rule":
      return "----";
    case "blockquote":
      return `{quote}\n${content.map(block).join("\n\n")}\n{quote}`;
    default:
      return content.every((n) => n.type === "text" || n.type === "hardBreak") ? lines(content).map(lineStart).join("\n") : content.map(block).join("\n\n");
  }
}

function listLines(list: AdfNode, prefix: string): string[] {
  const marker = `${prefix}${list.type === "orderedList" ? "#" : "*"}`;
  return (list.content ?? []).flatMap((item) => {
    const [first, ...rest] = item.content ?? [];
    const text = first?.type === "paragraph" ? lines(first.content ?? []) : [];
    const own = [`${marker} ${text[0] ?? ""}`, ...text.slice(1).map(lineStart)];
    const nested = (first?.type === "paragraph" ? rest : item.content ?? []).flatMap((child) =>
      child.type === "bulletList" || child.type === "orderedList" ? listLines(child, marker) : block(child).split("\n").map(lineStart),
    );
    return [...own, ...nested];
  });
}

/** A line that would start a block (a list, heading or quote) is escaped at its start. */
function lineStart(line: string): string {
  if (/^#/.test(line)) return `\\${line}`;
  return line.replace(/^(h[1-6]|bq)\./, "$1\\.");
}

/** Markup characters escaped; a backslash only before one of them (two backslashes in a row read as a line break). */
const escapeText = (text: string) => text.replace(/\\(?=[*_\-+^~{}[\]|!])|[*_\-+^~{}[\]|!]/g, "\\$&");

const OPEN: Record<string, (mark: AdfMark) => string> = {
  strong: () => "*",
  em: () => "_",
  strike: () => "-",
  underline: () => "+",
  subsup: (m) => (m.attrs?.type === "sub" ? "~" : "^"),
  textColor: (m) => `{color:${String(m.attrs?.color ?? "")}}`,
  link: () => "[",
};
const CLOSE: Record<string, (mark: AdfMark) => string> = {
  ...OPEN,
  textColor: () => "{color}",
  link: (m) => `|${String(m.attrs?.href ?? "")}]`,
};
const ORDER = ["link", "textColor", "strong", "em", "strike", "underline", "subsup"];

/** Inline content as wiki lines, one per hard break; marks open and close as they change, spaces kept outside them. */
function lines(nodes: AdfNode[]): string[] {
  const out: AdfNode[][] = [[]];
  for (const node of nodes) {
    if (node.type === "hardBreak") out.push([]);
    else if (node.type === "text") out.at(-1)!.push(node);
    else if (node.type === "mention") out.at(-1)!.push({ type: "raw", text: `[~accountid:${String(node.attrs?.id ?? "")}]` });
    else if (typeof node.attrs?.text === "string") out.at(-1)!.push({ type: "text", text: node.attrs.text });
  }
  return out.map(render);
}

function render(nodes: AdfNode[]): string {
  const stack: AdfMark[] = [];
  let text = "";
  let held = "";
  for (const node of nodes) {
    if (node.type === "raw") {
      for (const m of stack.splice(0).reverse()) text += CLOSE[m.type](m);
      text += held + node.text;
      held = "";
      continue;
    }
    const own = node.text ?? "";
    const code = node.marks?.some((m) => m.type === "code");
    if (!code && own.trim() === "") {
      held += own;
      continue;
    }
    const marks = (node.marks ?? []).filter((m) => m.type in OPEN);
    let keep = 0;
    while (keep < stack.length && marks.some((m) => markKey(m) === markKey(stack[keep]) && m.type !== "textColor")) keep++;
    for (const m of stack.splice(keep).reverse()) text += CLOSE[m.type](m);
    const lead = code ? "" : /^\s*/.exec(own)![0];
    const trail = code ? "" : /\s*$/.exec(own)![0];
    text += held + lead;
    for (const m of ORDER.flatMap((type) => marks.filter((x) => x.type === type))) {
      if (stack.some((s) => markKey(s) === markKey(m))) continue;
      text += OPEN[m.type](m);
      stack.push(m);
    }
    const core = own.slice(lead.length, own.length - trail.length);
    text += code ? `{{${core}}}` : escapeText(core);
    held = trail;
  }
  for (const m of stack.reverse()) text += CLOSE[m.type](m);
  return text + held;
}
