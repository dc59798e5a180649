/**
 * Tests create and drop whole databases. Refuse to do that anywhere but on this machine, so a
 * DATABASE_URL or TEST_DATABASE_URL left pointing at a shared server can never be wiped.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabase(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Refusing to run tests: the database URL is not a valid URL");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`Refusing to run tests against a ${parsed.protocol} URL; expected postgresql://`);
  }
  // `?host=/path` selects a Unix socket, which is local by definition.
  const socket = parsed.searchParams.get("host");
  const host = socket ?? parsed.hostname;
  if (!(socket?.startsWith("/") || LOCAL_HOSTS.has(host))) {
    throw new Error(
      `Refusing to run tests against the non-local database host "${host}". ` +
        "Tests create and drop databases; point them at a PostgreSQL server on this machine.",
    );
  }
}
