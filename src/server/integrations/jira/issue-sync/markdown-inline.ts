import { mergeText, type AdfMark, type AdfNode } from "./adf";

/**
 * One line of Markdown's inline syntax as ADF inline nodes: `code`, [links](url "title"),
 * <autolinks>, **strong** or __strong__, *em* or _em_, ~~strike~~ and backslash escapes — the
 * CommonMark rules for which `*` and `_` open or close (flanking; no `_` inside a word, so
 * snake_case stays text), simplified: no rule of three, no raw HTML, no reference links. Anything
 * that does not form one of these is text, as written.
 */

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const AUTOLINK = /^<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)>/i;
const DESTINATION = /^\(\s*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\)/;

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const unescape = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, "$1");

type Delimiter = { kind: "delim"; char: "*" | "_" | "~"; count: number; canOpen: boolean; canClose: boolean };
type Token = { kind: "nodes"; nodes: AdfNode[] } | Delimiter;
type Range = { from: number; to: number; mark: AdfMark };

/** Where the next run of exactly `length` backticks starts, from `from`; -1 when none. */
function backtickRun(text: string, from: number, length: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== "`") continue;
    let end = i;
    while (text[end] === "`") end++;
    if (end - i === length) return i;
    i = end;
  }
  return -1;
}

function codeSpan(text: string, start: number): { node: AdfNode; end: number } | null {
  let open = start;
  while (text[open] === "`") open++;
  const length = open - start;
  const close = backtickRun(text, open, length);
  if (close < 0) return null;
  let code = text.slice(open, close);
  if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
  return { node: { type: "text", text: code, marks: [{ type: "code" }] }, end: close + length };
}

/** `[text](destination "title")` at `start`: its text's nodes, each with the link mark. */
function link(text: string, start: number): { nodes: AdfNode[]; end: number } | null {
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "`") {
      const span = codeSpan(text, i);
      if (span) i = span.end - 1;
    } else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) break;
  }
  if (depth !== 0) return null;
  const destination = DESTINATION.exec(text.slice(i + 1));
  if (!destination) return null;
  const raw = destination[1].startsWith("<") ? destination[1].slice(1, -1) : destination[1];
  const attrs: Record<string, unknown> = { href: unescape(raw) };
  if (destination[2] !== undefined) attrs.title = unescape(destination[2]);
  const inner = parseInline(text.slice(start + 1, i));
  const nodes = inner.map((node) => ({ ...node, marks: [...(node.marks ?? []).filter((m) => m.type !== "link"), { type: "link", attrs }] }));
  return nodes.length > 0 ? { nodes, end: i + 1 + destination[0].length } : null;
}

function delimiter(text: string, start: number): { token: Delimiter; end: number } {
  const char = text[start] as Delimiter["char"];
  let end = start;
  while (text[end] === char) end++;
  const before = text[start - 1];
  const after = text[end];
  const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
  const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
  const intraword = char === "_";
  return {
    token: {
      kind: "delim",
      char,
      count: end - start,
      canOpen: intraword ? left && (!right || isPunct(before)) : left,
      canClose: intraword ? right && (!left || isPunct(after)) : right,
    },
    end,
  };
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let text = "";
  const flush = () => {
    if (text) tokens.push({ kind: "nodes", nodes: [{ type: "text", text }] });
    text = "";
  };
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length && ESCAPABLE.test(line[i + 1])) {
      text += line[i + 1];
      i += 2;
      continue;
    }
    const span = c === "`" ? codeSpan(line, i) : null;
    const linked = c === "[" ? link(line, i) : null;
    const auto = c === "<" ? AUTOLINK.exec(line.slice(i)) : null;
    if (span || linked || auto) {
      flush();
      if (span) tokens.push({ kind: "nodes", nodes: [span.node] });
      else if (linked) tokens.push({ kind: "nodes", nodes: linked.nodes });
      else tokens.push({ kind: "nodes", nodes: [{ type: "text", text: auto![1], marks: [{ type: "link", attrs: { href: auto![1] } }] }] });
      i = span?.end ?? linked?.end ?? i + auto![0].length;
      continue;
    }
    if (c === "`") {
      // A backtick run without its closing run is text, all of it.
      let end = i;
      while (line[end] === "`") end++;
      text += line.slice(i, end);
      i = end;
      continue;
    }
    if (c === "*" || c === "_" || c === "~") {
      const { token, end } = delimiter(line, i);
      if (c === "~" && token.count !== 2) text += line.slice(i, end);
      else {
        flush();
        tokens.push(token);
      }
      i = end;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return tokens;
}

/** Pairs openers with closers (nearest opener first), as CommonMark's delimiter stack does. */
function matchDelimiters(tokens: Token[]): Range[] {
  const ranges: Range[] = [];
  tokens.forEach((closer, to) => {
    if (closer.kind !== "delim" || !closer.canClose) return;
    while (closer.count > 0) {
      let from = to - 1;
      for (; from >= 0; from--) {
        const opener = tokens[from];
        if (opener.kind === "delim" && opener.canOpen && opener.char === closer.char && opener.count > 0 && (closer.char !== "~" || opener.count === 2)) break;
      }
      if (from < 0) return;
      const opener = tokens[from] as Delimiter;
      const used = closer.char === "~" || (opener.count >= 2 && closer.count >= 2) ? 2 : 1;
      ranges.push({ from, to, mark: { type: closer.char === "~" ? "strike" : used === 2 ? "strong" : "em" } });
      opener.count -= used;
      closer.count -= used;
      // What is left open inside the pair can no longer pair across it.
      for (let k = from + 1; k < to; k++) {
        const inner = tokens[k];
        if (inner.kind === "delim") inner.canOpen = inner.canClose = false;
      }
    }
  });
  return ranges;
}

/** ADF allows the code mark only with a link: other marks around a code span are dropped. */
function withMarks(node: AdfNode, marks: AdfMark[]): AdfNode {
  if (marks.length === 0) return node;
  const own = node.marks ?? [];
  const code = own.some((m) => m.type === "code");
  return { ...node, marks: [...own, ...(code ? marks.filter((m) => m.type === "link") : marks)] };
}

export function parseInline(line: string): AdfNode[] {
  const tokens = tokenize(line);
  const ranges = matchDelimiters(tokens);
  const out: AdfNode[] = [];
  tokens.forEach((token, i) => {
    const marks = ranges.filter((r) => r.from < i && i < r.to).map((r) => r.mark);
    if (token.kind === "delim") {
      if (token.count > 0) out.push(withMarks({ type: "text", text: token.char.repeat(token.count) }, marks));
    } else for (const node of token.nodes) out.push(withMarks(node, marks));
  });
  return mergeText(out);
}
