import { z } from "zod";
import { roleSchema } from "@/server/dataspaces/dataspace.schema";
import { issuerUrlProblem } from "./sso-issuer";

// Anyone can get an address at these; a dataspace must not claim them for its SSO connection.
const PUBLIC_EMAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
  "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
  "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "zoho.com",
  "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.co.uk", "hotmail.fr", "outlook.de", "live.co.uk",
  "fastmail.com", "hey.com", "pm.me", "tutanota.com", "tuta.io", "zohomail.com", "126.com", "naver.com", "seznam.cz",
]);
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A list of email domains, from an array or a comma/space separated string (a form field). */
export const allowedDomainsSchema = z
  .preprocess(
    (value) => (typeof value === "string" ? value.split(/[\s,;]+/) : value),
    z.array(z.string().max(253, "A domain is at most 253 characters")).max(50, "At most 50 domains"),
  )
  .transform((list) => [...new Set(list.map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))])
  .superRefine((domains, ctx) => {
    if (domains.length === 0) ctx.addIssue({ code: "custom", message: "List at least one email domain, e.g. example.com" });
    for (const domain of domains) {
      if (!DOMAIN.test(domain)) ctx.addIssue({ code: "custom", message: `"${domain}" is not a domain name (e.g. example.com)` });
      else if (PUBLIC_EMAIL_DOMAINS.has(domain)) {
        ctx.addIssue({ code: "custom", message: `${domain} is a public email provider; list your organization's own domain` });
      }
    }
  });

const nameSchema = z.string().trim().min(1, "Enter a name").max(80, "Use at most 80 characters");
const issuerSchema = z
  .string()
  .trim()
  .min(1, "Enter the issuer URL")
  .max(500, "Use at most 500 characters")
  .superRefine((value, ctx) => {
    const problem = value ? issuerUrlProblem(value) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const clientIdSchema = z.string().trim().min(1, "Enter the client ID").max(255, "Use at most 255 characters");
const clientSecretSchema = z.string().trim().min(1, "Enter the client secret").max(2000, "Use at most 2000 characters");
// SSO never makes owners: ownership is granted by an owner, by hand.
const defaultRoleSchema = roleSchema.exclude(["OWNER"]);

export const createSsoConnectionInput = z.object({
  name: nameSchema,
  issuer: issuerSchema,
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  allowedDomains: allowedDomainsSchema,
  defaultRole: defaultRoleSchema.default("MEMBER"),
  enabled: z.boolean().default(true),
});
export type CreateSsoConnectionInput = z.output<typeof createSsoConnectionInput>;

export const updateSsoConnectionInput = z.object({
  id: z.string().uuid("Unknown SSO connection"),
  name: nameSchema.optional(),
  issuer: issuerSchema.optional(),
  clientId: clientIdSchema.optional(),
  /** Leave empty to keep the current secret. */
  clientSecret: z.preprocess((v) => (v === "" || v === null ? undefined : v), clientSecretSchema.optional()),
  allowedDomains: allowedDomainsSchema.optional(),
  defaultRole: defaultRoleSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateSsoConnectionInput = z.output<typeof updateSsoConnectionInput>;

export const ssoConnectionIdInput = z.object({ id: z.string().uuid("Unknown SSO connection") });

export const domainClaimIdInput = z.object({ id: z.string().uuid("Unknown domain claim") });
