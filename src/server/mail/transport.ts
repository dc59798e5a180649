import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/env";

/**
 * Outgoing mail through the SMTP server in SMTP_URL (nodemailer). Without SMTP_URL nothing is
 * mailed and the callers fall back to links an admin passes on (see docs/accounts.md).
 */

/** `html`: an HTML part beside the text (notifications); every value in it already escaped by its maker. */
export type MailMessage = { to: string | string[]; subject: string; text: string; html?: string };

// One transport per SMTP_URL and process (server.ts and the Next bundle are two module graphs).
const holder = globalThis as { __switchboardMail?: { url: string; transport: Transporter } };

export function mailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

function transport(url: string): Transporter {
  const current = holder.__switchboardMail;
  if (current?.url === url) return current.transport;
  current?.transport.close();
  const made = nodemailer.createTransport(url);
  holder.__switchboardMail = { url, transport: made };
  return made;
}

/** Sends one message; false when no SMTP server is configured. Throws when sending fails. */
export async function sendMail(message: MailMessage): Promise<boolean> {
  return (await sendMailWithAnswer(message)) !== null;
}

/** Sends one message and gives the SMTP server's answer ("250 2.0.0 Ok: queued"); null when no SMTP server is configured. */
export async function sendMailWithAnswer(message: MailMessage): Promise<{ answer: string; messageId: string } | null> {
  const url = env().SMTP_URL;
  if (!url) return null;
  const info = await transport(url).sendMail({ from: env().SMTP_FROM ?? env().MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html });
  return { answer: String(info.response ?? "sent"), messageId: String(info.messageId ?? "") };
}

/** For tests and shutdown. */
export function closeMail(): void {
  holder.__switchboardMail?.transport.close();
  holder.__switchboardMail = undefined;
}
