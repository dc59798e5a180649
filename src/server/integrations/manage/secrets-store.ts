import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { decryptSecret, encryptSecret } from "@/server/secrets/crypto";

/**
 * The secrets store: an integration's tokens and signing secrets live in IntegrationSecret rows,
 * AES-256-GCM envelopes with their key id (SECRETS_KEY rotation applies). The config keeps a
 * reference `{"$secret": "<field>"}` in their place, so a config can be shown, logged and
 * exported without them.
 */
export type SecretRef = { $secret: string };

export const isSecretRef = (value: unknown): value is SecretRef =>
  typeof value === "object" && value !== null && typeof (value as SecretRef).$secret === "string";

/** Splits a validated config into what is stored in the config and the secrets to encrypt. */
export function splitSecrets(config: Record<string, unknown>, secretFields: readonly string[]) {
  const stored: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (secretFields.includes(key) && typeof value === "string" && value !== "") {
      secrets[key] = value;
      stored[key] = { $secret: key } satisfies SecretRef;
    } else stored[key] = value;
  }
  return { stored, secrets };
}

/**
 * Writes (or replaces) an integration's secrets; fields no longer set are removed, values equal
 * to `previous` (what is stored, in clear) are left as they are.
 */
export async function saveIntegrationSecrets(
  tdb: TenantDb,
  dataspaceId: string,
  integrationId: string,
  secrets: Record<string, string>,
  previous: Record<string, string> = {},
) {
  await tdb.integrationSecret.deleteMany({ where: { integrationId, name: { notIn: Object.keys(secrets) } } });
  for (const [name, value] of Object.entries(secrets)) {
    if (previous[name] === value) continue;
    await tdb.integrationSecret.upsert({
      where: { integrationId_name: { integrationId, name } },
      create: { dataspaceId, integrationId, name, value: encryptSecret(value) },
      update: { value: encryptSecret(value) },
    });
  }
}

/** The integration's secrets in clear, by field: for verifying inbound requests and calling out. */
export async function loadIntegrationSecrets(tdb: TenantDb, integrationId: string): Promise<Record<string, string>> {
  const rows = await tdb.integrationSecret.findMany({ where: { integrationId }, select: { name: true, value: true } });
  return Object.fromEntries(rows.map((row) => [row.name, decryptSecret(row.value)]));
}
