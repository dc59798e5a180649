import type { MappedEvent } from "../provider";
import { eventType } from "../shared/event-type";
import { at, compact, firstStr, num, str } from "../shared/read";

/**
 * `github.<event>.<action>` (`github.push` for events without an action) with a short summary:
 * repository, number, title, url, actor, and for pushes the ref and commit count.
 */
export function mapGithubEvent(type: string, payload: unknown): MappedEvent {
  const dot = type.indexOf(".");
  const event = dot === -1 ? type : type.slice(0, dot);
  const action = dot === -1 ? undefined : type.slice(dot + 1);
  const common = {
    repository: firstStr(payload, "repository.full_name", "organization.login") ?? null,
    actor: str(payload, "sender.login") ?? null,
  };
  const subject = at(payload, "pull_request") ?? at(payload, "issue");

  let details: Record<string, unknown>;
  switch (event) {
    case "pull_request":
    case "issues":
      details = { number: num(subject, "number"), title: str(subject, "title"), url: str(subject, "html_url") };
      break;
    case "issue_comment":
      details = { number: num(subject, "number"), title: str(subject, "title"), url: str(payload, "comment.html_url") };
      break;
    case "push": {
      const commits = at(payload, "commits");
      details = { ref: str(payload, "ref"), url: str(payload, "compare"), commits: Array.isArray(commits) ? commits.length : undefined };
      break;
    }
    case "deployment":
      details = { action, environment: str(payload, "deployment.environment"), ref: str(payload, "deployment.ref"), sha: str(payload, "deployment.sha") };
      break;
    case "deployment_status":
      details = {
        environment: str(payload, "deployment_status.environment") ?? str(payload, "deployment.environment"),
        status: str(payload, "deployment_status.state"),
        url: str(payload, "deployment_status.environment_url") || str(payload, "deployment_status.target_url") || undefined,
      };
      break;
    default:
      details = { action };
  }
  return { type: eventType("github", event, action), summary: compact({ ...common, ...details }) };
}
