// The pull request a run belongs to, and its diff: from GitHub's pull-request files API, or from
// the local git history when that listing is cut short or cannot be read.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import type { Octokit } from './api.js';
import { parseGitDiff, parsePatch, type FileDiff, type PullRequestDiff } from './diff.js';

export interface PullRequest {
  number: number;
  headSha: string;
  baseSha?: string;
  /** How many files the pull request changes, as the event says. */
  changedFiles?: number;
}

/** GitHub lists at most this many files of a pull request (pulls.listFiles). */
export const MAX_LISTED_FILES = 3000;

/** The pull request of a pull_request or pull_request_target event, from its payload. */
export function pullRequestOf(eventName: string, payload: Record<string, unknown>): PullRequest | undefined {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const pr = payload.pull_request as { number?: number; head?: { sha?: string }; base?: { sha?: string }; changed_files?: number } | undefined;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return undefined;
  return {
    number: pr.number,
    headSha: pr.head.sha,
    ...(typeof pr.base?.sha === 'string' ? { baseSha: pr.base.sha } : {}),
    ...(typeof pr.changed_files === 'number' ? { changedFiles: pr.changed_files } : {}),
  };
}

export interface ListedDiff extends PullRequestDiff {
  /** How many files GitHub listed (removed ones included). */
  listed: number;
}

/** The changed files of a pull request with the lines of each that its diff touches. */
export async function readDiff(octokit: Octokit, repo: { owner: string; repo: string }, pr: PullRequest): Promise<ListedDiff> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pr.number, per_page: 100 });
  const diff = new Map<string, FileDiff>();
  for (const file of files) {
    if (file.status === 'removed') continue;
    // GitHub leaves the patch out of a diff too large to show (and of binary files, which have
    // no changed lines): a file with changes but no patch is judged as a whole.
    if (file.patch === undefined && file.changes > 0) diff.set(file.filename, { ...parsePatch(undefined), whole: true });
    else diff.set(file.filename, parsePatch(file.patch));
  }
  const listed = files.length;
  // The listing stops at 3,000 files: a shorter one is the whole diff (the event's count may be
  // older than the listing); a full one is, only if the event counts no more files.
  const complete = listed < MAX_LISTED_FILES || (pr.changedFiles !== undefined && listed >= pr.changedFiles);
  return { files: diff, complete, listed };
}

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The pull request's diff from the checkout's git history (`git diff base...head`, as GitHub
 * computes it: from the merge base), when both commits are there (actions/checkout with
 * `fetch-depth: 0`). Only git runs: external diff drivers, textconv filters, the fsmonitor hook
 * and a pager, which the repository's configuration could name, are all turned off; every file
 * is diffed as text (a pull request's `.gitattributes` marking manifests `-diff` would otherwise
 * hide their lines); git looks for no repository above the workspace, and reads the commits
 * without touching the work tree.
 */
export function readLocalDiff(workspace: string, pr: PullRequest): { files: Map<string, FileDiff> } | { error: string } {
  if (!pr.baseSha || !COMMIT.test(pr.baseSha) || !COMMIT.test(pr.headSha)) return { error: 'the event names no base and head commits' };
  const result = spawnSync(
    'git',
    [
      '-c', 'core.fsmonitor=false',
      '-c', 'core.quotePath=true',
      '--no-pager',
      'diff',
      '--no-ext-diff',
      '--no-textconv',
      '--text',
      '--no-color',
      '--no-relative',
      '--find-renames',
      '--unified=3',
      '--inter-hunk-context=0',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      `${pr.baseSha}...${pr.headSha}`,
      '--',
    ],
    {
      cwd: workspace,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', GIT_CEILING_DIRECTORIES: dirname(resolve(workspace)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (result.error) return { error: `git diff: ${(result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : result.error.message}` };
  if (result.status !== 0) {
    const lines = result.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const why = /not a git repository/i.test(result.stderr)
      ? 'the workspace is not a git checkout'
      : (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? `exit ${result.status}`);
    return { error: `git diff ${pr.baseSha.slice(0, 12)}...${pr.headSha.slice(0, 12)}: ${why}` };
  }
  return { files: parseGitDiff(result.stdout) };
}
