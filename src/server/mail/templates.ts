import type { MailMessage } from "./transport";

/** Plain-text messages; every value is interpolated as text, never as markup. */

const ROLE_NAMES = { OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member", VIEWER: "a viewer" } as const;

export function invitationMail(input: {
  to: string;
  dataspaceName: string;
  role: keyof typeof ROLE_NAMES;
  invitedBy: string;
  url: string;
  expiresAt: Date;
}): MailMessage {
  return {
    to: input.to,
    subject: `You are invited to ${input.dataspaceName} on Switchboard`,
    text: [
      `${input.invitedBy} invited you to join ${input.dataspaceName} on Switchboard as ${ROLE_NAMES[input.role]}.`,
      "",
      "Open this link to accept and, if you are new to Switchboard, create your account:",
      input.url,
      "",
      `The link works once and expires on ${input.expiresAt.toUTCString()}.`,
    ].join("\n"),
  };
}

export function passwordResetMail(input: { to: string; url: string; expiresAt: Date }): MailMessage {
  return {
    to: input.to,
    subject: "Reset your Switchboard password",
    text: [
      "Someone asked to reset the password of the Switchboard account for this address.",
      "",
      "Open this link to choose a new password:",
      input.url,
      "",
      `The link works once and expires on ${input.expiresAt.toUTCString()}.`,
      "If you did not ask for this, ignore this message; your password stays as it is.",
    ].join("\n"),
  };
}
