// A git history in a sandbox's workspace, for the Action's tests that read the diff (or the base
// commit's files) from git, as actions/checkout with `fetch-depth: 0` leaves it. No global or
// system git configuration is read, and the dates are fixed, so the commits are the same each run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'maintainer',
  GIT_AUTHOR_EMAIL: 'maintainer@example.com',
  GIT_COMMITTER_NAME: 'maintainer',
  GIT_COMMITTER_EMAIL: 'maintainer@example.com',
  GIT_AUTHOR_DATE: '2025-01-15T09:00:00Z',
  GIT_COMMITTER_DATE: '2025-01-15T09:00:00Z',
};

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Two commits in the workspace: `base` (the workspace with `changes`: a path's text, or null for
 * no such file), then the workspace as it is.
 */
export function gitHistory(workspace: string, changes: Record<string, string | null>): { base: string; head: string } {
  const now: Record<string, string | null> = {};
  git(workspace, 'init', '--quiet', '--initial-branch=main');
  const put = (path: string, text: string | null) => {
    const file = join(workspace, path);
    if (text === null) rmSync(file, { force: true });
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  };
  for (const [path, text] of Object.entries(changes)) {
    try {
      now[path] = readFileSync(join(workspace, path), 'utf8');
    } catch {
      now[path] = null;
    }
    put(path, text);
  }
  git(workspace, 'add', '--all');
  git(workspace, 'commit', '--quiet', '--no-gpg-sign', '-m', 'base');
  const base = git(workspace, 'rev-parse', 'HEAD');
  for (const [path, text] of Object.entries(now)) put(path, text);
  git(workspace, 'add', '--all');
  git(workspace, 'commit', '--quiet', '--no-gpg-sign', '-m', 'head');
  return { base, head: git(workspace, 'rev-parse', 'HEAD') };
}
