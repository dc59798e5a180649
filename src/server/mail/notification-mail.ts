import type { NotificationContent } from "@/server/notifications/channel";
import type { MailMessage } from "./transport";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const TONE_COLOURS = { critical: "#b42318", warning: "#b54708", good: "#067647", info: "#344054" } as const;

/** Only http(s) links become links: a `javascript:` URL in an event must not reach a mail client as one. */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/**
 * A notification as mail: a text part and an HTML part saying the same. Every value is the
 * event's text, escaped; nothing from an event becomes markup or a header (the subject is one
 * line, cut).
 */
export function notificationMail(to: string[], content: NotificationContent): MailMessage {
  const url = safeUrl(content.url);
  const subject = content.title.replace(/[\r\n]+/g, " ").slice(0, 200);
  const text = [content.title, "", content.text, "", ...content.facts.map((f) => `${f.name}: ${f.value}`), ...(url ? ["", `Open in Switchboard: ${url}`] : [])]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const facts = content.facts.length
    ? `<table cellpadding="4" style="border-collapse:collapse">${content.facts.map((f) => `<tr><th align="left" style="color:#475467">${escapeHtml(f.name)}</th><td>${escapeHtml(f.value)}</td></tr>`).join("")}</table>`
    : "";
  const html = [
    `<div style="font-family:system-ui,sans-serif;font-size:14px;color:#101828">`,
    `<h2 style="font-size:16px;margin:0 0 8px;color:${TONE_COLOURS[content.tone]}">${escapeHtml(content.title)}</h2>`,
    content.text ? `<p style="white-space:pre-wrap;margin:0 0 12px">${escapeHtml(content.text)}</p>` : "",
    facts,
    url ? `<p style="margin-top:16px"><a href="${escapeHtml(url)}">Open in Switchboard</a></p>` : "",
    `</div>`,
  ].join("");
  return { to, subject, text, html };
}
