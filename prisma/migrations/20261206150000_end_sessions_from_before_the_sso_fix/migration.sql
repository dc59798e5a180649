-- Every session signed in before this release ends once (docs/sso.md): an SSO connection could
-- sign in as an existing account by email until 20261206100000_sso_identity_domain_proof, and a
-- session obtained that way must not outlive the fix. Sessions carry the version they were
-- issued with (sessions from before 20261206110000_accounts count as version 0).
UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1;
