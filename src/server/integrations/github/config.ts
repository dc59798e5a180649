import { z } from "zod";
import { configObject, optionalToken, secret, text } from "../shared/config-fields";

// GitHub's own limits: owners are 1–39 letters, digits or inner hyphens; repository names letters,
// digits, `.`, `_` and `-`, up to 100, never `.` or `..`.
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

export const githubConfigSchema = configObject({
  repository: text("repository", 'a string like "owner/name"').regex(
    REPOSITORY,
    'repository must be "owner/name", e.g. "octo-org/hello-world"',
  ),
  webhookSecret: secret("webhookSecret", 16),
  token: optionalToken("token"),
});

export type GithubConfig = z.output<typeof githubConfigSchema>;
