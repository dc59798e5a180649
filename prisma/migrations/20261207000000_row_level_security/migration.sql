-- Row-level security: the database's own tenancy safeguard behind the scoped Prisma client.
--
-- Tenant work runs as the role `switchboard_tenant` with the dataspace in the setting
-- `app.dataspace_id` (src/server/db/tenant-session.ts). That role sees and writes only the rows
-- of the dataspace named, and nothing at all when none is named. The login role of DATABASE_URL owns the
-- tables and is not subject to the policies: the few instance-wide paths (sign-in, token lookup
-- by hash, the runtime's executor and relay) use it. See docs/tenancy.md.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_tenant') THEN
    BEGIN
      CREATE ROLE switchboard_tenant NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by the migration of another database on the same server
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'switchboard_tenant', 'MEMBER') THEN
    EXECUTE format('GRANT switchboard_tenant TO %I', current_user);
  END IF;
END $$;

-- The dataspace of the current transaction, or NULL when none is set ('' once a setting ended).
CREATE OR REPLACE FUNCTION switchboard_current_dataspace() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.dataspace_id', true), '')::uuid $$;

-- Every table with a dataspace column: the tenant role may read and write it, only its own rows.
-- Server start runs this again (src/server/db/migrate.ts), so a tenant table added by a later
-- migration, or by `prisma migrate deploy`, is never left open. It changes only what is missing:
-- a start with nothing to do takes no table lock.
CREATE OR REPLACE FUNCTION switchboard_secure_tenant_tables() RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  t record;
  s record;
BEGIN
  IF NOT has_schema_privilege('switchboard_tenant', current_schema(), 'USAGE') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO switchboard_tenant', current_schema());
  END IF;
  FOR s IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'S'
  LOOP
    IF NOT has_sequence_privilege('switchboard_tenant', format('%I.%I', current_schema(), s.relname), 'USAGE') THEN
      EXECUTE format('GRANT USAGE ON SEQUENCE %I TO switchboard_tenant', s.relname);
    END IF;
  END LOOP;
  FOR t IN
    SELECT c.relname AS table_name, a.attname AS column_name, c.relrowsecurity AS secured
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped AND a.attnum > 0
    WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p')
      AND a.attname IN ('dataspaceId', 'dataspace_id')
  LOOP
    IF NOT (has_table_privilege('switchboard_tenant', format('%I.%I', current_schema(), t.table_name), 'SELECT')
        AND has_table_privilege('switchboard_tenant', format('%I.%I', current_schema(), t.table_name), 'INSERT')
        AND has_table_privilege('switchboard_tenant', format('%I.%I', current_schema(), t.table_name), 'UPDATE')
        AND has_table_privilege('switchboard_tenant', format('%I.%I', current_schema(), t.table_name), 'DELETE')) THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO switchboard_tenant', t.table_name);
    END IF;
    IF NOT t.secured THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.table_name AND policyname = 'dataspace_isolation') THEN
      EXECUTE format(
        'CREATE POLICY dataspace_isolation ON %I TO switchboard_tenant USING (%I = switchboard_current_dataspace()) WITH CHECK (%I = switchboard_current_dataspace())',
        t.table_name, t.column_name, t.column_name);
    END IF;
  END LOOP;
END $$;

SELECT switchboard_secure_tenant_tables();

-- The dataspace's own row: read, and its settings changed.
GRANT SELECT, UPDATE ON "Dataspace" TO switchboard_tenant;
ALTER TABLE "Dataspace" ENABLE ROW LEVEL SECURITY;
CREATE POLICY dataspace_isolation ON "Dataspace" TO switchboard_tenant
  USING (id = switchboard_current_dataspace()) WITH CHECK (id = switchboard_current_dataspace());

-- Users: only the dataspace's members (the membership policy does the scoping), read-only.
GRANT SELECT ON "User" TO switchboard_tenant;
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
CREATE POLICY dataspace_isolation ON "User" TO switchboard_tenant
  USING (EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User".id));

-- A run's steps, attempts, jobs and waits belong to the dataspace of their run (read-only).
GRANT SELECT ON runtime_step, runtime_attempt, runtime_job, runtime_wait TO switchboard_tenant;
ALTER TABLE runtime_step ENABLE ROW LEVEL SECURITY;
ALTER TABLE runtime_attempt ENABLE ROW LEVEL SECURITY;
ALTER TABLE runtime_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE runtime_wait ENABLE ROW LEVEL SECURITY;
CREATE POLICY dataspace_isolation ON runtime_step TO switchboard_tenant USING (EXISTS (SELECT 1 FROM runtime_run r WHERE r.id = run_id));
CREATE POLICY dataspace_isolation ON runtime_attempt TO switchboard_tenant USING (EXISTS (SELECT 1 FROM runtime_run r WHERE r.id = run_id));
CREATE POLICY dataspace_isolation ON runtime_job TO switchboard_tenant USING (EXISTS (SELECT 1 FROM runtime_run r WHERE r.id = run_id));
CREATE POLICY dataspace_isolation ON runtime_wait TO switchboard_tenant USING (EXISTS (SELECT 1 FROM runtime_run r WHERE r.id = run_id));

-- The function catalog is reference data: readable by everyone.
GRANT SELECT ON runtime_function TO switchboard_tenant;
