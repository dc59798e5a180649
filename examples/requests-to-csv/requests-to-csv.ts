import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";

/**
 * Pulls every request of a dataspace from Switchboard's REST API, page by page, and turns them
 * into CSV rows (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted,
 * CRLF between rows).
 */

export type SwitchboardRequest = {
  uuid: string;
  title: string;
  status: string;
  priority: string;
  requester: string;
  assignee: string | null;
  created_date: string;
  last_modified_date: string;
};

export const COLUMNS = ["uuid", "title", "status", "priority", "requester", "assignee", "created", "updated"] as const;

export function requestRow(request: SwitchboardRequest): string[] {
  return [
    request.uuid,
    request.title,
    request.status,
    request.priority,
    request.requester,
    request.assignee ?? "",
    request.created_date,
    request.last_modified_date,
  ];
}

/**
 * One CSV line, without its line break. A cell that starts with `=`, `+`, `-`, `@`, tab or CR is
 * prefixed with `'`: titles are typed by anyone in the dataspace, and spreadsheets would run
 * `=HYPERLINK(…)` as a formula (OWASP "CSV injection").
 */
export function csvLine(cells: readonly string[]): string {
  return cells
    .map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))
    .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(",");
}

export type FetchOptions = {
  /** Where Switchboard runs, e.g. https://switchboard.example.com */
  baseUrl: string;
  /** An API token (`sb_…`) with the `read` or `requests:read` scope. */
  token: string;
  /** Requests per page, 1–100. */
  pageSize?: number;
  /** How many times to wait and try again when rate-limited (429) or unavailable (503). */
  maxRetries?: number;
};

/** Every request, in the API's order, following the `next` link of each page until it is null. */
export async function* fetchAllRequests(options: FetchOptions): AsyncGenerator<SwitchboardRequest> {
  const base = new URL(options.baseUrl);
  let url: string | null = new URL(`/api/v1/requests?limit=${options.pageSize ?? 100}`, base).href;
  const visited = new Set<string>();
  while (url) {
    // The token goes only to the server it was issued by, and a page is never read twice.
    if (new URL(url).origin !== base.origin) throw new Error(`Refusing to follow a next link to another server: ${url}`);
    if (visited.has(url)) throw new Error(`The API sent the same next link twice: ${url}`);
    visited.add(url);
    const page = (await getJson(url, options.token, options.maxRetries ?? 5)) as { results: SwitchboardRequest[]; next: string | null };
    yield* page.results;
    url = page.next;
  }
}

async function getJson(url: string, token: string, maxRetries: number): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(30_000),
    });
    if (response.ok) return response.json();
    if ((response.status === 429 || response.status === 503) && attempt < maxRetries) {
      await response.body?.cancel();
      // RateLimit/Retry-After say when to come back; without one, back off 1, 2, 4… seconds.
      const seconds = Number(response.headers.get("retry-after")) || 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 60) * 1000));
      continue;
    }
    throw new Error(`GET ${url} failed: ${await describeError(response)}`);
  }
}

/** The API's errors are RFC 9457 problem details: `{ title, status, detail, errors? }`. */
async function describeError(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string; errors?: { field: string; message: string }[] };
    const fields = problem.errors?.map((e) => `${e.field}: ${e.message}`).join("; ");
    return [`${response.status} ${problem.title ?? response.statusText}`, problem.detail, fields].filter(Boolean).join(" — ");
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** Writes the CSV report of every request to `file`, or to standard output; returns how many rows. */
export async function exportRequestsCsv(options: FetchOptions & { file?: string }): Promise<number> {
  let count = 0;
  async function* lines() {
    yield csvLine(COLUMNS) + "\r\n";
    for await (const request of fetchAllRequests(options)) {
      count++;
      yield csvLine(requestRow(request)) + "\r\n";
    }
  }
  // pipeline: backpressure (a big export never piles up in memory) and one error from either side.
  if (!options.file) {
    await pipeline(lines, process.stdout, { end: false });
    return count;
  }
  // Written next to the target and renamed when complete: a failed run never leaves half a report.
  const partial = `${options.file}.partial`;
  try {
    await pipeline(lines, createWriteStream(partial));
    await rename(partial, options.file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return count;
}
