// Runs the bundled Action (dist/index.js) the way a GitHub-hosted runner does: a child `node`
// process in the workspace, with the runner's environment built from scratch (nothing of the
// developer's GITHUB_*, proxy or Node settings leaks in), the event payload in a file, the file
// commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, ...) as empty files, and every input that
// action.yml declares passed as INPUT_<NAME> (upper case, hyphens kept), defaults included.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The bundled Action; SCRAPELINT_ACTION_BUNDLE points the tests at another build (mutation checks of the harness). */
export const BUNDLE = process.env.SCRAPELINT_ACTION_BUNDLE || join(ROOT, 'dist', 'index.js');
export const EXAMPLES = join(ROOT, 'examples');

export function assertBundle(): void {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: the Action tests run the bundled Action. Run "node scripts/build.mjs" (or "npm run build") in ${ROOT} first.`);
  }
}

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}

export const ACTION_YML = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** The environment variable the runner sets for an input: INPUT_ + the name upper-cased, spaces as _, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** What the runner passes when the workflow sets nothing: action.yml's defaults, `${{ github.token }}` evaluated. */
export function defaultInputs(token: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(ACTION_YML.inputs)) {
    out[name] = String(input.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
  }
  return out;
}

// ---- workspaces ---------------------------------------------------------------------------

export const BROKEN = readFileSync(join(EXAMPLES, 'kubelet-broken.yaml'), 'utf8');
export const FIXED = readFileSync(join(EXAMPLES, 'kubelet-fixed.yaml'), 'utf8');

/** A temporary folder for one run: the workspace (with the given files) and the runner's temp. */
export interface Sandbox {
  root: string;
  workspace: string;
  runnerTemp: string;
  cleanup(): void;
}

export function makeSandbox(files: Record<string, string>, options: { examples?: boolean } = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'scrapelint-action-'));
  const workspace = join(root, 'work', 'metrics-stack', 'metrics-stack');
  const runnerTemp = join(root, 'runner-temp');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(runnerTemp, { recursive: true });
  if (options.examples ?? true) cpSync(EXAMPLES, join(workspace, 'examples'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  return { root, workspace, runnerTemp, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

// ---- event payloads -------------------------------------------------------------------------

export const OWNER = 'acme';
export const REPO = 'metrics-stack';
export const TOKEN = 'ghs_fakeInstallationToken0123456789abcdef';
const SERVER = 'https://github.com';

function user(login: string, id: number, type = 'User') {
  return { login, id, node_id: `U_${id}`, avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`, html_url: `${SERVER}/${login}`, type, site_admin: false, url: `https://api.github.com/users/${login}` };
}

function repository(owner: string, name: string, id: number, fork: boolean) {
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: `${owner}/${name}`,
    private: false,
    owner: user(owner, id + 1, owner === OWNER ? 'Organization' : 'User'),
    html_url: `${SERVER}/${owner}/${name}`,
    description: 'Prometheus configuration for the platform',
    fork,
    url: `https://api.github.com/repos/${owner}/${name}`,
    clone_url: `${SERVER}/${owner}/${name}.git`,
    default_branch: 'main',
    visibility: 'public',
  };
}

export interface PullRequestEventOptions {
  number: number;
  headSha: string;
  baseSha: string;
  /** The head branch lives in a fork (contributor/metrics-stack). */
  fork?: boolean;
  action?: 'opened' | 'synchronize' | 'reopened';
  /** The pull request's `changed_files` (default 2). */
  changedFiles?: number;
}

export function pullRequestEvent(o: PullRequestEventOptions): Record<string, unknown> {
  const base = repository(OWNER, REPO, 800000001, false);
  const head = o.fork ? repository('contributor', REPO, 900000001, true) : base;
  const pull = {
    url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${o.number}`,
    id: 1900000000 + o.number,
    node_id: `PR_${o.number}`,
    html_url: `${SERVER}/${OWNER}/${REPO}/pull/${o.number}`,
    diff_url: `${SERVER}/${OWNER}/${REPO}/pull/${o.number}.diff`,
    number: o.number,
    state: 'open',
    locked: false,
    title: 'Scrape cAdvisor from the kubelet',
    user: user(o.fork ? 'contributor' : 'maintainer', 7001, 'User'),
    body: 'Adds the kubelet cAdvisor endpoints.',
    created_at: '2025-01-15T09:00:00Z',
    updated_at: '2025-01-15T09:55:00Z',
    draft: false,
    merged: false,
    mergeable: null,
    head: { label: `${head.owner.login}:kubelet-cadvisor`, ref: 'kubelet-cadvisor', sha: o.headSha, user: head.owner, repo: head },
    base: { label: `${OWNER}:main`, ref: 'main', sha: o.baseSha, user: base.owner, repo: base },
    author_association: o.fork ? 'FIRST_TIME_CONTRIBUTOR' : 'MEMBER',
    commits: 1,
    additions: 7,
    deletions: 0,
    changed_files: o.changedFiles ?? 2,
  };
  return { action: o.action ?? 'synchronize', number: o.number, pull_request: pull, repository: base, sender: pull.user, ...(o.action === 'synchronize' || !o.action ? { before: o.baseSha, after: o.headSha } : {}) };
}

export function pushEvent(o: { sha: string; before: string }): Record<string, unknown> {
  const repo = repository(OWNER, REPO, 800000001, false);
  const pusher = { name: 'maintainer', email: 'maintainer@example.com' };
  const commit = {
    id: o.sha,
    tree_id: 'f'.repeat(40),
    distinct: true,
    message: 'Scrape cAdvisor from the kubelet',
    timestamp: '2025-01-15T10:00:00Z',
    url: `${SERVER}/${OWNER}/${REPO}/commit/${o.sha}`,
    author: { ...pusher, username: 'maintainer' },
    committer: { ...pusher, username: 'maintainer' },
    added: [],
    removed: [],
    modified: ['examples/kubelet-broken.yaml'],
  };
  return {
    ref: 'refs/heads/main',
    before: o.before,
    after: o.sha,
    repository: repo,
    pusher,
    sender: user('maintainer', 7001),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${SERVER}/${OWNER}/${REPO}/compare/${o.before.slice(0, 12)}...${o.sha.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
  };
}

// ---- running --------------------------------------------------------------------------------

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
  raw: string;
}

export interface ActionRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The `::command props::message` lines of stdout, decoded. */
  commands: WorkflowCommand[];
  /** GITHUB_OUTPUT, decoded. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY's contents. */
  summary: string;
  env: Record<string, string>;
  ms: number;
}

export interface RunOptions {
  sandbox: Sandbox;
  apiUrl: string;
  event: { name: string; payload: Record<string, unknown> };
  /** The commit GITHUB_SHA names (for pull_request: the merge commit, not the head). */
  sha: string;
  ref: string;
  /** Inputs the workflow's `with:` sets, by their action.yml name; the rest get action.yml's defaults. */
  with?: Record<string, string>;
  /** Extra environment (such as SCRAPELINT_RETRY_BASE_MS). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(raw);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({ command: match[1], properties, message: unescapeData(match[3]), raw });
  }
  return out;
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks (what @actions/core writes) and plain name=value lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  assertBundle();
  const { sandbox } = o;
  const fileCommands = join(sandbox.runnerTemp, '_runner_file_commands');
  mkdirSync(fileCommands, { recursive: true });
  const files: Record<string, string> = {};
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE']) {
    files[name] = join(fileCommands, `${name.toLowerCase().replace('github_', '')}_${Math.random().toString(16).slice(2)}`);
    writeFileSync(files[name], '');
  }
  const eventPath = join(sandbox.root, 'workflow', 'event.json');
  mkdirSync(dirname(eventPath), { recursive: true });
  writeFileSync(eventPath, JSON.stringify(o.event.payload, null, 2));

  const pull = o.event.payload.pull_request as { head: { ref: string }; base: { ref: string } } | undefined;
  const inputs = { ...defaultInputs(TOKEN), ...(o.with ?? {}) };
  for (const name of Object.keys(o.with ?? {})) {
    if (!(name in ACTION_YML.inputs)) throw new Error(`the test sets input "${name}", which action.yml does not declare`);
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(sandbox.root, 'home'),
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: sandbox.runnerTemp,
    RUNNER_TOOL_CACHE: join(sandbox.root, 'toolcache'),
    RUNNER_WORKSPACE: dirname(sandbox.workspace),
    GITHUB_WORKSPACE: sandbox.workspace,
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_REPOSITORY_ID: '800000001',
    GITHUB_REPOSITORY_OWNER_ID: '800000002',
    GITHUB_SHA: o.sha,
    GITHUB_REF: o.ref,
    GITHUB_REF_NAME: o.ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\//, ''),
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_HEAD_REF: pull?.head.ref ?? '',
    GITHUB_BASE_REF: pull?.base.ref ?? '',
    GITHUB_ACTOR: 'maintainer',
    GITHUB_ACTOR_ID: '7001',
    GITHUB_TRIGGERING_ACTOR: 'maintainer',
    GITHUB_WORKFLOW: 'lint',
    GITHUB_WORKFLOW_REF: `${OWNER}/${REPO}/.github/workflows/lint.yml@${o.ref}`,
    GITHUB_WORKFLOW_SHA: o.sha,
    GITHUB_JOB: 'scrapelint',
    GITHUB_RUN_ID: '12345678901',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_ACTION: '__scrapelint_scrapelint',
    GITHUB_ACTION_REPOSITORY: 'scrapelint/scrapelint',
    GITHUB_ACTION_REF: 'v1',
    GITHUB_SERVER_URL: SERVER,
    GITHUB_API_URL: o.apiUrl,
    GITHUB_GRAPHQL_URL: `${o.apiUrl}/graphql`,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    ...(o.env ?? {}),
  };
  mkdirSync(env.HOME, { recursive: true });

  const started = Date.now();
  const child = spawn(process.execPath, [BUNDLE], { cwd: sandbox.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timeoutMs = o.timeoutMs ?? 20_000;
  const { status, signal } = await new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Action did not finish in ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ status: code, signal: sig });
    });
  });
  return {
    status,
    signal,
    stdout,
    stderr,
    commands: parseWorkflowCommands(stdout),
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    env,
    ms: Date.now() - started,
  };
}

/** A fake 40-hex commit SHA, different per seed. */
export function sha(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 40; i++) {
    let h = (2166136261 ^ (i * 7919)) >>> 0;
    for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

/** A kubelet monitor with an error (kubelet-readonly-port at line 11), in no pull request's diff. */
export const LEGACY = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet-legacy
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: kubelet
  endpoints:
    - port: http-metrics
      path: /metrics/cadvisor
      honorLabels: true
`;

/** A monitor with no finding. */
export const CLEAN = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: apps
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
    - port: web
      interval: 30s
`;
