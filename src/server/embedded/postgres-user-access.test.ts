import { chmod, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertPostgresUserCanReach, firstBlockedDirectory } from "./postgres-user-access";

// As root, PostgreSQL runs as `postgres`; a clone in root's home or a `mktemp -d` folder kept its
// programs out of that user's reach and the start died with an unhandled `spawn … EACCES`.
describe("what the postgres user can reach", () => {
  let parent: string;
  let programs: string;
  let owner: { uid: number; gid: number };
  const stranger = { uid: 4_000_001, gid: 4_000_001 };

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), "sb-access-")); // 0700
    programs = path.join(parent, "clone", "node_modules", "bin");
    await mkdir(programs, { recursive: true });
    const { uid, gid } = await stat(parent);
    owner = { uid, gid };
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it("finds the first folder on the way that the user cannot enter", async () => {
    await chmod(parent, 0o700);
    expect(firstBlockedDirectory(programs, stranger)).toEqual({ dir: parent, mode: 0o700 });
    expect(firstBlockedDirectory(programs, owner)).toBeNull(); // the owner may enter
    expect(firstBlockedDirectory(path.join(programs, "not-made-yet"), stranger)).toEqual({ dir: parent, mode: 0o700 });
  });

  it("counts the owner's, the group's or everyone else's search bit, whichever applies", async () => {
    await chmod(parent, 0o711);
    expect(firstBlockedDirectory(programs, stranger)).toBeNull();
    await chmod(parent, 0o750);
    expect(firstBlockedDirectory(programs, { uid: stranger.uid, gid: owner.gid })).toBeNull();
    expect(firstBlockedDirectory(programs, stranger)).toEqual({ dir: parent, mode: 0o750 });
    await chmod(parent, 0o070); // the owner class applies to the owner even when the group may enter
    expect(firstBlockedDirectory(programs, owner)).toEqual({ dir: parent, mode: 0o070 });
  });

  it("says why and what to do, once per remedy", async () => {
    await chmod(parent, 0o700);
    const places = [
      { path: programs, holds: "the PostgreSQL programs", remedy: "put Switchboard where every user can enter" },
      { path: path.join(parent, "clone", ".data"), holds: "the database files", remedy: "set SWITCHBOARD_DATA_DIR to a folder every user can enter" },
    ];
    expect(() => assertPostgresUserCanReach(places, stranger)).toThrow(
      [
        'Switchboard runs as root, so its embedded PostgreSQL must run as the "postgres" user (PostgreSQL refuses to run as root), and that user cannot enter:',
        `  - ${parent} (mode 0700) is on the way to the PostgreSQL programs (${programs})`,
        `  - ${parent} (mode 0700) is on the way to the database files (${places[1].path})`,
        "Do one of these:",
        "  - put Switchboard where every user can enter",
        "  - set SWITCHBOARD_DATA_DIR to a folder every user can enter",
        "  - run Switchboard as a normal user",
        "  - set DATABASE_URL to a PostgreSQL server of your own",
      ].join("\n"),
    );
    await chmod(parent, 0o755);
    expect(() => assertPostgresUserCanReach(places, stranger)).not.toThrow();
  });
});
