import { describe, expect, it } from "vitest";
import { IntegrationType } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import { describeConfig } from "./describe-config";
import { PROVIDERS, providerFor } from "./registry";
import { inboundRequest } from "./shared/test-requests";

const TYPES = Object.values(IntegrationType);

describe("registry", () => {
  it("has one provider per integration type, under its own type", () => {
    expect(PROVIDERS).toHaveLength(TYPES.length);
    for (const type of TYPES) expect(providerFor(type).type).toBe(type);
    expect(new Set(PROVIDERS.map((provider) => provider.label)).size).toBe(TYPES.length);
  });

  it("refuses an unknown type as bad input", () => {
    expect(() => providerFor("MYSPACE" as IntegrationType)).toThrow(AppError);
    expect(() => providerFor("toString" as IntegrationType)).toThrow('Unknown integration type "toString"');
  });
});

describe.each(PROVIDERS.map((provider) => [provider.type, provider] as const))("%s provider", (_type, provider) => {
  it("declares secret fields that its config schema has", () => {
    const shape = (provider.configSchema as unknown as { shape: Record<string, unknown> }).shape;
    expect(provider.secretFields.length).toBeGreaterThan(0);
    for (const field of provider.secretFields) expect(Object.keys(shape)).toContain(field);
  });

  it("explains every config field, and only those, with a starting config that names each required one", () => {
    const shape = (provider.configSchema as unknown as { shape: Record<string, unknown> }).shape;
    expect(Object.keys(provider.configHelp).sort()).toEqual(Object.keys(shape).sort());
    const { fields, exampleConfig } = describeConfig(provider);
    for (const field of fields) expect(field.help, field.name).toMatch(/\w/);
    const example = JSON.parse(exampleConfig) as Record<string, unknown>;
    for (const field of fields.filter((f) => f.required)) expect(example, `${field.name} in the starting config`).toHaveProperty(field.name);
    // Filled in (its secrets given), the starting config is one the type takes.
    const filled = Object.fromEntries(Object.entries(example).map(([name, value]) => [name, value === "" ? "configured-secret-0123456789" : value]));
    const secretFields = new Set<string>(provider.secretFields);
    const wrong = (provider.configSchema.safeParse(filled).error?.issues ?? []).filter((issue) => !secretFields.has(String(issue.path[0])));
    expect(wrong, "the starting config's own fields (its secrets have formats of their own)").toEqual([]);
  });

  it("refuses an empty config, naming a field", () => {
    const result = provider.configSchema.safeParse({});
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    expect(issue.path.length).toBe(1);
    expect(issue.message).toContain(String(issue.path[0]));
  });

  it("never verifies a request without credentials, whatever secrets are configured", async () => {
    const request = inboundRequest('{"type":"ping"}', { "content-type": "application/json" });
    const secrets = Object.fromEntries(provider.secretFields.map((field) => [field, "configured-secret-0123456789"]));
    expect((await provider.inbound.verify(request, {})).ok).toBe(false);
    expect((await provider.inbound.verify(request, secrets)).ok).toBe(false);
  });

  it("gives setup steps that contain the inbound URL", () => {
    const url = "https://switchboard.example/api/hooks/hk_test";
    const steps = provider.inbound.setupInstructions(url);
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.some((step) => step.includes(url))).toBe(true);
  });
});
