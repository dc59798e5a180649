import { createHash, randomBytes } from "node:crypto";

/** A secret for a link (`<prefix>_<32 random bytes>`); only its hash is ever stored. */
export const newLinkToken = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;

export const hashLinkToken = (token: string) => createHash("sha256").update(token).digest("hex");
