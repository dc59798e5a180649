import type { FakeDeployment, FakeDeploymentStatus, FakeWorkflow, FakeWorkflowRun, GithubState } from "./fake-github-state";
import { nodeId, sha } from "./fake-github-state";
import { userJson, repoJson, type Urls } from "./fake-github-json";

/** Deployments, their statuses, workflows and workflow runs as GitHub's REST API (and its webhooks) show them; the rest is in fake-github-json.ts. */

// ——— Deployments ———

export function deploymentJson(state: GithubState, deployment: FakeDeployment, urls: Urls) {
  const api = `${urls.api}/repos/${deployment.repo}`;
  return {
    url: `${api}/deployments/${deployment.id}`,
    id: deployment.id,
    node_id: deployment.nodeId,
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userJson(state.user(deployment.creator), urls),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${api}/deployments/${deployment.id}/statuses`,
    repository_url: api,
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: null,
  };
}

export function deploymentStatusJson(state: GithubState, deployment: FakeDeployment, status: FakeDeploymentStatus, urls: Urls) {
  const api = `${urls.api}/repos/${deployment.repo}`;
  return {
    url: `${api}/deployments/${deployment.id}/statuses/${status.id}`,
    id: status.id,
    node_id: status.nodeId,
    state: status.state,
    creator: userJson(state.user(status.creator), urls),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    deployment_url: `${api}/deployments/${deployment.id}`,
    repository_url: api,
    environment_url: status.environmentUrl,
    log_url: status.logUrl,
    performed_via_github_app: null,
  };
}

// ——— Actions ———

/** A workflow, as webhooks carry it (`workflow` of `workflow_run`). */
export function workflowJson(workflow: FakeWorkflow, urls: Urls) {
  const repo = workflow.repo;
  return {
    id: workflow.id,
    node_id: workflow.nodeId,
    name: workflow.name,
    path: workflow.path,
    state: "active",
    created_at: workflow.createdAt,
    updated_at: workflow.updatedAt,
    url: `${urls.api}/repos/${repo}/actions/workflows/${workflow.id}`,
    html_url: `${urls.web}/${repo}/blob/main/${workflow.path}`,
    badge_url: `${urls.web}/${repo}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

export function workflowRunJson(state: GithubState, run: FakeWorkflowRun, urls: Urls) {
  const repo = state.repo(run.repo)!;
  const workflow = repo.workflows.get(run.workflowId)!;
  const api = `${urls.api}/repos/${repo.fullName}`;
  const url = `${api}/actions/runs/${run.id}`;
  const actor = userJson(state.user(run.actor), urls);
  const { permissions: _, ...repository } = repoJson(state, repo, urls);
  const author = { name: repo.owner, email: `${repo.owner}@users.noreply.github.com` };
  return {
    id: run.id,
    name: workflow.name,
    node_id: run.nodeId,
    check_suite_id: run.checkSuiteId,
    check_suite_node_id: nodeId("CheckSuite", run.checkSuiteId),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: workflow.path,
    run_number: run.runNumber,
    run_attempt: 1,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflow.id,
    url,
    html_url: `${urls.web}/${repo.fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor,
    triggering_actor: actor,
    run_started_at: run.runStartedAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${api}/check-suites/${run.checkSuiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${api}/actions/workflows/${workflow.id}`,
    head_commit: { id: run.headSha, tree_id: sha("tree", run.headSha), message: `The head of ${run.headBranch}`, timestamp: repo.createdAt, author, committer: author },
    repository,
    head_repository: repository,
    head_repository_id: repo.id,
    display_title: workflow.name,
  };
}
