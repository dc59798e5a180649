import type { z } from "zod";
import type { IntegrationProvider } from "./provider";
import { PROVIDERS } from "./registry";

export type ConfigField = { name: string; required: boolean; secret: boolean; help: string; example: string | null };

/**
 * A provider's config as the dashboard explains it: each field of its schema, required or not
 * (from the schema itself), secret or not, and what it is for; plus the JSON a new integration
 * starts from — required secrets left empty for the admin, optional ones left out (an empty value
 * is refused), other fields with their example.
 */
export function describeConfig(provider: IntegrationProvider): { fields: ConfigField[]; exampleConfig: string } {
  const shape = (provider.configSchema as unknown as { shape: Record<string, z.ZodType> }).shape;
  const fields = Object.entries(shape).map(([name, schema]) => ({
    name,
    required: !schema.isOptional(),
    secret: (provider.secretFields as readonly string[]).includes(name),
    help: provider.configHelp[name]?.help ?? "",
    example: provider.configHelp[name]?.example ?? null,
  }));
  const example: Record<string, string> = {};
  for (const field of fields) {
    if (field.secret) {
      if (field.required) example[field.name] = "";
    } else if (field.example !== null) example[field.name] = field.example;
  }
  return { fields, exampleConfig: JSON.stringify(example, null, 2) };
}

/** Every integration type with its config explained: what the type picker and the API show. */
export function listIntegrationTypes() {
  return PROVIDERS.map((provider) => ({ type: provider.type, label: provider.label, secretFields: provider.secretFields, ...describeConfig(provider) }));
}
