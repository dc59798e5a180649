import { expect } from "./fixtures";
import { GITHUB_FAKE_URL } from "./settings";

/** A call to the GitHub fake's `/_fake/` control surface (users, repositories, hooks, workflows, what it holds); a POST answers 201, a GET 200. */
export async function githubFake(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${GITHUB_FAKE_URL}/_fake/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  expect(response.status, `${method} /_fake/${path}: ${JSON.stringify(answer)}`).toBe(method === "POST" ? 201 : 200);
  return answer;
}
