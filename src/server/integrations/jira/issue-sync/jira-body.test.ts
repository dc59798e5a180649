import { describe, expect, it } from "vitest";
import { issueBody, notesOf } from "@/server/issue-sync/render";
import { commentMarker, markedCommentId, requestMarker } from "@/server/issue-sync/tracker";
import { adfToWiki } from "../fake/adf-to-wiki";
import { adfProblems } from "../fake/contract";
import { doc } from "./adf";
import { adfToMarkdown } from "./adf-to-markdown";
import { jiraDocument, markdownOfJira } from "./jira-body";
import { markdownToAdf } from "./markdown-to-adf";
import { wikiToAdf } from "./wiki-to-adf";

/**
 * A request's notes go to Jira as ADF inside the sync's body (render.ts) and come back as
 * Markdown — read through the v3 API (ADF) or from a webhook (wiki markup, as Jira renders the
 * issue there; the fake's renderer stands in for Jira's) — and must come back as they went, or
 * every round trip would rewrite them. Every document written must be ADF Jira takes.
 */

const ID = "0b8e3f53-4f1c-4a55-8f0e-1f2c3d4e5f60";
const URL = `http://127.0.0.1:3000/acme/requests/${ID}`;
const body = (notes: string) => issueBody({ id: ID, title: "t", notes, status: "open", priority: "normal", url: URL });

/** Notes as people type them, each written back exactly. */
const NOTES = [
  "p95 went from 300 ms to 2 s.",
  "Fails one run in ten.\nOn Safari only.\n\nSecond paragraph with **bold**, _italic_, `code`, [a link](https://x.test/a?b=1) and ~~struck~~.",
  "Steps:\n1. open the page\n2. click Pay\n- and wait",
  "- one\n- two\n  - two a\n  - two b\n- three",
  "1. first\n2. second\n\n- a separate list",
  "# Checkout\n\n## What happens\n\nIt hangs.",
  "```js\nconst total = items.reduce((a, b) => a + b, 0);\n\nconsole.log(`total ${total}`);\n```",
  "snake_case_name, 2 * 3 * 4, a*b, a-b - c, x+y, {braces}, [brackets], a|b, !bang, ^hat, ~tilde, ?? and C:\\path\\to",
  "> quoted\n> twice\n\nafter",
  "see <https://example.com/x> now",
  "trailing spaces  \nkept",
  "  indented line\nnormal",
  "#hashtag\nh1. not a heading\nbq. not a quote",
  "---\n\nafter a rule",
  "",
];

describe("Jira bodies", () => {
  it.each(NOTES.map((notes) => [JSON.stringify(notes).slice(0, 60), notes]))("round-trips %s through ADF and through a webhook's wiki markup", (_, notes) => {
    const sent = body(notes);
    const adf = jiraDocument(sent);
    expect(adfProblems(adf)).toEqual([]);
    const read = markdownOfJira(adf);
    expect(notesOf(read)).toBe(notes.trim());
    expect(read).toContain(requestMarker(ID));
    const hooked = markdownOfJira(adfToWiki(adf));
    expect(notesOf(hooked)).toBe(notes.trim());
    expect(hooked).toContain(requestMarker(ID));
  });

  it("carries the request marker in the footer's link, and writes the footer back as render.ts does", () => {
    const adf = jiraDocument(body("Notes."));
    expect(JSON.stringify(adf)).not.toContain("switchboard:request");
    expect(adf.content.slice(-2)).toEqual([
      { type: "rule" },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Synced with ", marks: [{ type: "em" }] },
          { type: "text", text: "a Switchboard request", marks: [{ type: "link", attrs: { href: URL } }, { type: "em" }] },
          { type: "text", text: ".", marks: [{ type: "em" }] },
        ],
      },
    ]);
    expect(markdownOfJira(adf)).toBe(body("Notes."));
  });

  it("carries a comment's marker as a muted line, found again by markedCommentId", () => {
    const comment = `**Ada** wrote in Switchboard:\n\nRolled back the *cache* change.\n\n${commentMarker(ID)}`;
    const adf = jiraDocument(comment);
    expect(adfProblems(adf)).toEqual([]);
    expect(adf.content.at(-1)).toEqual({ type: "paragraph", content: [{ type: "text", text: `switchboard:comment=${ID}`, marks: [{ type: "textColor", attrs: { color: "#97a0af" } }] }] });
    expect(adfToWiki(adf)).toContain(`{color:#97a0af}switchboard:comment=`);
    for (const back of [markdownOfJira(adf), markdownOfJira(adfToWiki(adf))]) {
      expect(markedCommentId(back)).toBe(ID);
      expect(back).toBe(comment.replace("*cache*", "_cache_"));
    }
  });

  it("reads what people make in Jira's editor: mentions, emoji, cards, panels, tables, task lists", () => {
    const made = doc([
      { type: "paragraph", content: [{ type: "mention", attrs: { id: "557058:1", text: "@Ada" } }, { type: "text", text: " look " }, { type: "emoji", attrs: { shortName: ":eyes:", text: "👀" } }] },
      { type: "panel", attrs: { panelType: "info" }, content: [{ type: "paragraph", content: [{ type: "text", text: "Heads up", marks: [{ type: "underline" }] }] }] },
      { type: "paragraph", content: [{ type: "inlineCard", attrs: { url: "https://status.example.com" } }, { type: "date", attrs: { timestamp: "1767225600000" } }] },
      { type: "taskList", attrs: { localId: "t" }, content: [{ type: "taskItem", attrs: { localId: "a", state: "DONE" }, content: [{ type: "text", text: "roll back" }] }] },
      {
        type: "table",
        content: [
          { type: "tableRow", content: [{ type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "p95" }] }] }] },
          { type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "2 s" }] }] }] },
        ],
      },
      { type: "mediaSingle", content: [{ type: "media", attrs: { id: "x", type: "file", collection: "c" } }] },
    ]);
    expect(adfToMarkdown(made)).toBe("@Ada look 👀\n\nHeads up\n\n<https://status.example.com>2026-01-01\n\n- [x] roll back\n\n| p95 |\n| --- |\n| 2 s |");
  });

  it("reads Jira's own wiki markup as a webhook carries it", () => {
    const wiki = "h2. Impact\n\n*Checkout* is _down_ for -some- +all+ users, see [status|https://status.example.com] and [~accountid:5b10a2844c20165700ede21g].\nNext line\\\\after a forced break\n\n* one\n** nested\n# numbered\n\n{code:sql}\nselect 1;\n{code}\n\n----\n\nbq. quoted\n\n{noformat}\nraw *text*\n{noformat}";
    expect(adfToMarkdown(wikiToAdf(wiki))).toBe(
      "## Impact\n\n**Checkout** is _down_ for ~~some~~ all users, see [status](https://status.example.com) and @5b10a2844c20165700ede21g.\nNext line\nafter a forced break\n\n- one\n  - nested\n\n1. numbered\n\n```sql\nselect 1;\n```\n\n---\n\n> quoted\n\n```\nraw *text*\n```",
    );
    expect(markdownOfJira(null)).toBe("");
    expect(markdownOfJira({ not: "a document" })).toBe("");
  });

  it("writes only what ADF allows: code marks keep only links, empty items get a paragraph", () => {
    const adf = markdownToAdf("**`code` in bold**, [`linked code`](https://x.test)\n\n-\n- item");
    expect(adfProblems(adf)).toEqual([]);
    expect(adf.content[0].content?.[0]).toEqual({ type: "text", text: "code", marks: [{ type: "code" }] });
    expect(adf.content[0].content?.[3]).toEqual({ type: "text", text: "linked code", marks: [{ type: "code" }, { type: "link", attrs: { href: "https://x.test" } }] });
    expect(adfProblems(markdownToAdf("# \n\n```\n```\n\n> \n\n1. \n2. x"))).toEqual([]);
  });
});
