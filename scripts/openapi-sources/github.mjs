// GitHub's official description, from the npm package GitHub's octokit team publishes it in.
// The subset: issues and comments for two-way issue sync; deployments and their statuses, which
// Switchboard pushes its deployment changes to; Actions workflow dispatch and runs, which its
// pipeline rules trigger and follow.
export default {
  package: "@octokit/openapi",
  version: "23.0.2",
  file: "package/generated/api.github.com.json",
  output: "src/server/integrations/github/fake/github-issues.openapi.json",
  title: "GitHub REST API (api.github.com): the issues, deployments and Actions subset the fake GitHub serves",
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
    "repos/create-deployment",
    "repos/get-deployment",
    "repos/create-deployment-status",
    "repos/list-deployment-statuses",
    "actions/create-workflow-dispatch",
    "actions/get-workflow-run",
    "actions/list-workflow-runs",
  ],
};
