/**
 * The database's half of tenancy (row-level security, prisma/migrations/20261207000000_row_level_security):
 * a transaction that runs this statement first acts as the role `switchboard_tenant`, which sees
 * and writes only the rows of the dataspace named — and nothing when none is named. Both settings
 * end with the transaction, so a pooled connection never carries one into its next use.
 *
 * The scoped client (./scoped.ts) runs it in every transaction it opens; raw SQL on the hot paths
 * runs it through `enterDataspaceStatement`. The login role (DATABASE_URL) owns the tables and is
 * not bound by the policies: only the instance-wide paths listed in test/architecture.test.ts use
 * it directly. See docs/tenancy.md.
 */
export const TENANT_ROLE = "switchboard_tenant";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statement that enters a dataspace, with the id written into it: checked to be a UUID, so it
 * needs no parameters and can share a round trip with BEGIN in the simple protocol.
 */
export function enterDataspaceStatement(dataspaceId: string): string {
  if (!UUID.test(dataspaceId)) throw new Error(`Not a dataspace id: ${JSON.stringify(dataspaceId)}`);
  return `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.dataspace_id', '${dataspaceId}', true)`;
}
