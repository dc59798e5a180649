import { z } from "zod";
import { baseUrl, configObject, optionalToken, secret } from "../shared/config-fields";

// A numeric project id, or its full path (`group/subgroup/project`).
const PROJECT = /^(?:\d+|[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+)$/;

export const gitlabConfigSchema = configObject({
  baseUrl: baseUrl("baseUrl", "https://gitlab.example.com").default("https://gitlab.com"),
  projectId: z
    .union([z.number().int().positive(), z.string()], { error: "projectId must be a number or a path like group/project" })
    .transform((value) => String(value).trim())
    .refine((value) => PROJECT.test(value), 'projectId must be a numeric id (e.g. "4242") or a path like "group/project"'),
  webhookToken: secret("webhookToken", 16),
  token: optionalToken("token"),
});

export type GitlabConfig = z.output<typeof gitlabConfigSchema>;
