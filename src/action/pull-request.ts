// The pull request a run belongs to, and its diff.
import type { Octokit } from './api.js';
import { parsePatch, type FileDiff } from './diff.js';

export interface PullRequest {
  number: number;
  headSha: string;
}

/** The pull request of a pull_request or pull_request_target event, from its payload. */
export function pullRequestOf(eventName: string, payload: Record<string, unknown>): PullRequest | undefined {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const pr = payload.pull_request as { number?: number; head?: { sha?: string } } | undefined;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined;
  return { number: pr.number, headSha: pr.head.sha };
}

/** The changed files of a pull request with the lines of each that its diff touches. */
export async function readDiff(octokit: Octokit, repo: { owner: string; repo: string }, pr: PullRequest): Promise<Map<string, FileDiff>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pr.number, per_page: 100 });
  const diff = new Map<string, FileDiff>();
  for (const file of files) {
    if (file.status === 'removed') continue;
    diff.set(file.filename, parsePatch(file.patch));
  }
  return diff;
}
