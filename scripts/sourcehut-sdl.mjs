#!/usr/bin/env node
// Vendors todo.sr.ht's published GraphQL schema (api/graph/schema.graphqls), which the SourceHut
// issue sync validates every query and mutation it sends against (its contract test) and the
// SourceHut fake validates every operation it receives against (its contract gate):
//
//   node scripts/sourcehut-sdl.mjs <git dir of a todo.sr.ht clone> <commit> <source url>
//
// e.g. with the GitHub mirror fetched into /work/.mirror:
//
//   node scripts/sourcehut-sdl.mjs /work/.mirror/jsoref+todo.sr.ht/repo \
//     3f51bbe5ff765e01a06bf5f8cb5d6c4653812930 https://github.com/jsoref/todo.sr.ht
//
// The file is copied byte for byte below a header naming the source, the commit, the commit that
// last changed the file, the release it is in (or follows) and the date; never edit it by hand.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FILE = "api/graph/schema.graphqls";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "src/server/integrations/sourcehut/issue-sync/todo-sr-ht.schema.graphqls");

const [gitDir, commit, sourceUrl] = process.argv.slice(2);
if (!gitDir || !/^[0-9a-f]{40}$/.test(commit ?? "") || !sourceUrl) {
  console.error("usage: node scripts/sourcehut-sdl.mjs <git dir> <40-hex commit> <source url>");
  process.exit(2);
}

const git = (...args) => execFileSync("git", [`--git-dir=${gitDir}`, ...args], { encoding: "utf8" });
const sdl = git("show", `${commit}:${FILE}`);
const [lastChange, changedOn] = git("log", "-1", "--format=%H %ad", "--date=short", commit, "--", FILE).trim().split(" ");
const contained = git("tag", "--contains", lastChange).split("\n").filter(Boolean).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
const release = contained.length > 0 ? `released in ${contained[0]} and later` : `after release ${git("describe", "--tags", "--abbrev=0", lastChange).trim()}`;

const header = [
  "# Vendored by scripts/sourcehut-sdl.mjs: never edit by hand.",
  "# todo.sr.ht's GraphQL schema (upstream https://git.sr.ht/~sircmpwn/todo.sr.ht),",
  `# file ${FILE} from ${sourceUrl} at commit ${commit};`,
  `# the file as last changed upstream by ${lastChange} (${changedOn}), ${release}.`,
  `# Retrieved ${new Date().toISOString().slice(0, 10)}.`,
  "",
].join("\n");

const next = `${header}${sdl}`;
const previous = existsSync(target) ? readFileSync(target, "utf8") : null;
// Only the date would change: leave the file as it is.
if (previous && previous.replace(/^# Retrieved .*$/m, "") === next.replace(/^# Retrieved .*$/m, "")) {
  console.log(`${path.relative(root, target)} is up to date`);
} else {
  writeFileSync(target, next);
  console.log(`wrote ${path.relative(root, target)} (${sdl.length} characters of SDL)`);
}
