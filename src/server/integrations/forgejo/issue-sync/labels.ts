import type { Api, Label } from "gitea-js";
import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { badAnswer, forgejoError } from "./errors";

/** A neutral grey: the sync's labels say nothing by their colour, and a person may recolour them. */
export const NEUTRAL_COLOR = "#ededed";
/** Forgejo answers at most MAX_RESPONSE_ITEMS (50 by default) a page; 20 pages is more labels than a repository sensibly has. */
const PAGE = 50;
const MOST_PAGES = 20;

/**
 * Forgejo names an issue's labels by id, and only labels the repository has (an id it does not
 * know is silently dropped): the sync's label names are looked up among the repository's labels —
 * the same name in any case, as the sync compares labels — and a missing one is made, grey. When
 * one cannot be made (the token's user may not write labels), the call fails naming the label and
 * Forgejo's reason, rather than setting the issue's labels without it.
 */
export function labelResolver(api: Api<unknown>, owner: string, repo: string) {
  const repository = `${owner}/${repo}`;

  async function listLabels(): Promise<Label[]> {
    const labels: Label[] = [];
    for (let page = 1; page <= MOST_PAGES; page++) {
      let answer;
      try {
        answer = await api.repos.issueListLabels(owner, repo, { page, limit: PAGE });
      } catch (error) {
        throw forgejoError(error, `the labels of ${repository}`);
      }
      if (!Array.isArray(answer.data)) throw badAnswer(`the labels of ${repository}`, "something that is not a list");
      labels.push(...answer.data.filter((l) => typeof l?.id === "number" && typeof l.name === "string"));
      const total = Number(answer.headers.get("x-total-count"));
      if (answer.data.length === 0 || (Number.isFinite(total) && labels.length >= total)) break;
    }
    return labels;
  }

  async function createLabel(name: string): Promise<Label> {
    try {
      const made = (await api.repos.issueCreateLabel(owner, repo, { name, color: NEUTRAL_COLOR })).data;
      if (typeof made?.id !== "number") throw badAnswer(`the new label "${name}"`, "something that is not a label");
      return made;
    } catch (error) {
      const refused = forgejoError(error, `a new label "${name}" in ${repository}`);
      const message = `The label "${name}" could not be set: ${repository} has no such label, and making it failed. ${refused.message} Or create the label in the repository yourself (Issues → Labels).`;
      throw new IssueSyncApiError(refused.kind, message, refused.details);
    }
  }

  /** The ids of `names`, in their order, making the missing labels. */
  return async function labelIds(names: string[]): Promise<number[]> {
    if (names.length === 0) return [];
    const existing = await listLabels();
    const ids: number[] = [];
    for (const name of names) {
      let found = existing.find((l) => l.name === name) ?? existing.find((l) => l.name?.toLowerCase() === name.toLowerCase());
      if (!found) existing.push((found = await createLabel(name)));
      ids.push(found.id!);
    }
    return [...new Set(ids)];
  };
}
