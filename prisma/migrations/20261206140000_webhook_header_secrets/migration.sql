-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "retryNotBefore" TIMESTAMPTZ(3);

-- Webhook credential headers are encrypted at rest from now on (see docs/webhooks.md).
-- The endpoints' own values are encrypted at their next save and read as they are until then
-- (encryption needs SECRETS_KEY, which SQL does not have). The copies kept in each attempt's
-- request headers are only ever shown masked, so the clear ones already stored are replaced by
-- the mask here. Credential-like names are those src/server/secrets/mask.ts masks; our own
-- `webhook-…` signature headers are kept.
UPDATE "WebhookAttempt" AS a
SET "requestHeaders" = (
  SELECT jsonb_object_agg(
    h.name,
    CASE
      WHEN h.name !~* '^webhook-' AND h.name ~* '(authorization|cookie|signature|token|secret|password|api[-_]?key|(^|[-_])key$)'
        AND NOT (h.value #>> '{}') ~ '^v1:[A-Za-z0-9_.-]{1,32}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$'
      THEN to_jsonb('***'::text)
      ELSE h.value
    END)
  FROM jsonb_each(a."requestHeaders") AS h(name, value)
)
WHERE jsonb_typeof(a."requestHeaders") = 'object'
  AND EXISTS (
    SELECT 1 FROM jsonb_object_keys(a."requestHeaders") AS k(name)
    WHERE k.name !~* '^webhook-' AND k.name ~* '(authorization|cookie|signature|token|secret|password|api[-_]?key|(^|[-_])key$)'
  );
