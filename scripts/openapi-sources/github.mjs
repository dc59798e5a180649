// GitHub's official description, from the npm package GitHub's octokit team publishes it in.
export default {
  package: "@octokit/openapi",
  version: "23.0.2",
  file: "package/generated/api.github.com.json",
  output: "src/server/integrations/github/fake/github-issues.openapi.json",
  title: "GitHub REST API (api.github.com): the issues subset the fake GitHub serves",
  operations: [
    "users/get-authenticated",
    "repos/get",
    "issues/create",
    "issues/get",
    "issues/update",
    "issues/list-for-repo",
    "issues/create-comment",
    "issues/update-comment",
    "issues/list-comments",
    "issues/get-comment",
    "issues/delete-comment",
    "pulls/get",
    "rate-limit/get",
  ],
};
