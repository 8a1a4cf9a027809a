// A pull-request run of the Action against the fake GitHub, for the suites that set one up per
// test: the sandbox (its workspace, optionally a git history of base and head), the fake with the
// pull request's files, the run, and what makes a run sound. Call cleanUpScenarios in afterAll.
import { expect } from '@jest/globals';
import { FakeGitHub, type Fault, type FakePullFile } from './fake-github.js';
import { gitHistory } from './git-history.js';
import { LEGACY, OWNER, REPO, TOKEN, makeSandbox, pullRequestEvent, runAction, sha, type ActionRun, type Sandbox } from './run-action.js';

export const PR = 7;
export const FAKE_HEAD = sha('pull head');
export const FAKE_BASE = sha('pull base');
export const MERGE = sha('pull merge');
/** Retries at once, and every request and the API budget bounded, so a faulty API costs seconds. */
export const FAST = { SCRAPELINT_RETRY_BASE_MS: '1', SCRAPELINT_REQUEST_TIMEOUT_MS: '5000', SCRAPELINT_API_BUDGET_MS: '30000' };

export interface PullScenarioOptions {
  files: FakePullFile[];
  /** The pull request's changed_files (default: as many as `files`). */
  changedFiles?: number;
  /** The checkout besides examples/ (default: deploy/kubelet-legacy.yaml). */
  workspace?: Record<string, string>;
  examples?: boolean;
  /** The base commit's files, as the contents API serves them (default: none). */
  baseContents?: Record<string, string>;
  /** Make the workspace a git repository: a base commit with these files changed (null: absent), then the workspace as it is. */
  gitBase?: Record<string, string | null>;
  /** Changes to the sandbox before the history is made and the Action runs (links the pull request adds, a baseline the CLI writes). */
  prepare?: (sandbox: Sandbox) => void;
  faults?: Fault[];
  with?: Record<string, string>;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface PullScenario {
  run: ActionRun;
  fake: FakeGitHub;
  sandbox: Sandbox;
  base: string;
  head: string;
}

const cleanups: (() => Promise<void> | void)[] = [];

/** Run `cleanup` in cleanUpScenarios (a fake started by hand, say). */
export function cleanUpLater(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export async function cleanUpScenarios(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}

export async function pullScenario(o: PullScenarioOptions): Promise<PullScenario> {
  const sandbox = makeSandbox(o.workspace ?? { 'deploy/kubelet-legacy.yaml': LEGACY }, { examples: o.examples });
  o.prepare?.(sandbox);
  const commits = o.gitBase ? gitHistory(sandbox.workspace, o.gitBase) : { base: FAKE_BASE, head: FAKE_HEAD };
  const fake = await FakeGitHub.start({ owner: OWNER, repo: REPO, token: TOKEN, pull: { number: PR, headSha: commits.head, baseSha: commits.base, files: o.files }, faults: o.faults });
  // The policy check reads the base commit's configuration through the contents API.
  fake.contents.set(commits.base, o.baseContents ?? {});
  cleanups.push(() => fake.stop(), () => sandbox.cleanup());
  const run = await runAction({
    sandbox,
    apiUrl: fake.url,
    event: { name: 'pull_request', payload: pullRequestEvent({ number: PR, headSha: commits.head, baseSha: commits.base, changedFiles: o.changedFiles ?? o.files.length }) },
    sha: MERGE,
    ref: `refs/pull/${PR}/merge`,
    with: o.with,
    env: { ...FAST, ...o.env },
    timeoutMs: o.timeoutMs,
  });
  return { run, fake, sandbox, ...commits };
}

/** A description of a run for failure messages. */
export function dump(s: { run: ActionRun; fake: FakeGitHub }): string {
  return `exit ${s.run.status}\nstdout:\n${s.run.stdout}\nstderr:\n${s.run.stderr}\nrequests:\n${s.fake.requests.map((r) => `  ${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''} -> ${r.status}`).join('\n')}`;
}

/** No crash, no stack trace, nothing on stderr, and only requests GitHub would accept. */
export function expectSound(s: { run: ActionRun; fake: FakeGitHub }): void {
  expect(s.run.signal).toBeNull();
  expect(s.run.stderr).toBe('');
  expect(s.run.stdout).not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(s.run.stdout).not.toMatch(/internal error/);
  expect({ errors: s.fake.errors, run: s.fake.errors.length ? dump(s) : '' }).toEqual({ errors: [], run: '' });
}
