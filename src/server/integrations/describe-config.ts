import type { z } from "zod";
import type { IntegrationProvider } from "./provider";
import { PROVIDERS } from "./registry";

export type ConfigField = { name: string; required: boolean; secret: boolean; help: string; example: string | null };

/**
 * A provider's config as the dashboard explains it: each field of its schema, required or not
 * (from the schema itself), secret or not, and what it is for; plus the JSON a new integration
 * starts from — required secrets left empty for the admin, optional ones left out (an empty value
 * is refused), other fields with their example, but for aliases and options marked `starter: false`.
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
    } else if (field.example !== null && provider.configHelp[field.name]?.starter !== false && !/^[[{]/.test(field.example)) {
      // An example of an object or a list (issueSync's) documents the field; as a string it would be refused.
      example[field.name] = field.example;
    }
  }
  return { fields, exampleConfig: JSON.stringify(example, null, 2) };
}

/**
 * Every integration type with its config explained: what the type picker and the API show; and
 * whether the type has two-way issue sync (its provider's `issueSync`), for the integration page.
 */
export function listIntegrationTypes() {
  return PROVIDERS.map((provider) => ({
    type: provider.type,
    label: provider.label,
    secretFields: provider.secretFields,
    supportsIssueSync: provider.issueSync !== undefined,
    ...describeConfig(provider),
  }));
}
