// GitLab's official REST description: doc/api/openapi/openapi_v3.yaml in gitlab-org/gitlab
// (OpenAPI 3.0, generated from the API code by `bin/rake gitlab:openapi:v3:generate`; GitLab's
// doc/api/openapi/_index.md names it the specification, openapi_v2.yaml being deprecated), pinned
// to one commit. GitLab publishes it in its repository only (no npm package), so `load()` reads a
// local copy of that file when GITLAB_OPENAPI_V3 names one, else downloads it at that commit; the
// YAML is parsed with the `yaml` package, `npm pack`ed into a temporary directory (no dependency
// added). Being OpenAPI 3.0 already, nothing is converted.
//
// The vendored file now in the tree was made on a machine without access to gitlab.com, with
// GITLAB_OPENAPI_V3 naming a local excerpt of that file at that commit: the four operations and
// every schema they reach, copied verbatim — except EpicBaseEntity (the EE `epic` of an issue),
// which was not located in the 3.9 MB file and was written from its Grape entity
// (ee/app/serializers/epic_base_entity.rb: id, title, url; undocumented exposures are generated as
// `type: string`). Running this script where gitlab.com answers replaces it from the whole file.
//
// Kept: the four issue operations (list, create, get, update). GitLab's notes, `GET /user`,
// `GET /projects/:id`, deployments and pipelines (created, triggered, read) are in the same file but
// not in this subset: the fake GitLab describes them in gitlab-docs-derived.openapi.json, built by
// hand from GitLab's API docs and marked so (see src/server/integrations/gitlab/fake/contract.ts).
// The three deployment operations were located in the file at this commit (operationIds
// postApiV4ProjectsIdDeployments, getApiV4ProjectsIdDeploymentsDeploymentId,
// putApiV4ProjectsIdDeploymentsDeploymentId, which the hand-built document keeps), but not the
// schemas they reach (RequestBody_d170dfe7def6, RequestBody_5df06608a67f,
// APIEntitiesDeploymentExtended and what it refers to); with the whole file at hand, add them to
// `operations` below and drop them from the hand-built document.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const COMMIT = "045bf8777ea893e770b49d420febaeb7bf89e24a";
const FILE = "doc/api/openapi/openapi_v3.yaml";
const YAML_PACKAGE = "yaml@2.9.1";

/** The `yaml` package, packed into `dir` and imported from there. */
async function yamlParser(dir) {
  const packed = JSON.parse(execFileSync("npm", ["pack", YAML_PACKAGE, "--json", "--pack-destination", dir], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
  execFileSync("tar", ["-xzf", path.join(dir, packed[0].filename), "-C", dir], { stdio: "inherit" });
  return import(pathToFileURL(path.join(dir, "package/dist/index.js")).href);
}

async function yamlText() {
  const local = process.env.GITLAB_OPENAPI_V3;
  if (local) return { text: readFileSync(local, "utf8"), from: `a local copy (${path.basename(local)})` };
  const url = `https://gitlab.com/gitlab-org/gitlab/-/raw/${COMMIT}/${FILE}`;
  console.log(`downloading ${url}…`);
  const answer = await fetch(url);
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
  return { text: await answer.text(), from: url };
}

export default {
  async load() {
    const work = mkdtempSync(path.join(tmpdir(), "vendor-openapi-gitlab-"));
    try {
      const [{ parse }, { text, from }] = await Promise.all([yamlParser(work), yamlText()]);
      console.log(`parsing ${FILE} from ${from}`);
      return { document: parse(text, { maxAliasCount: -1 }), source: `gitlab-org/gitlab@${COMMIT}`, file: FILE };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
  output: "src/server/integrations/gitlab/fake/gitlab-issues.openapi.json",
  title: "GitLab REST API (v4): the issues subset the fake GitLab serves",
  operations: ["getApiV4ProjectsIdIssues", "postApiV4ProjectsIdIssues", "getApiV4ProjectsIdIssuesIssueIid", "putApiV4ProjectsIdIssuesIssueIid"],
};
