// The GitHub Action end to end: the bundled dist/index.js runs as a child process with the
// environment a GitHub runner gives it, against a loopback fake of the REST API that validates
// every request against GitHub's OpenAPI description (fake-github.ts). Each scenario checks every
// channel: workflow-command annotations on stdout, the check run, the pull-request review with
// suggestions, the job summary, the SARIF file, the outputs and the exit status.
//
// The bundle must be built first (node scripts/build.mjs); the tests say so when it is missing.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { FakeGitHub, patchInsertingLines, patchNewFile, type FakePullFile, type FakeReviewComment, type FakeScenario } from './fake-github.js';
import { githubOpenApi } from './openapi.js';
import {
  ACTION_YML,
  BROKEN,
  CLEAN,
  FIXED,
  LEGACY,
  OWNER,
  REPO,
  TOKEN,
  assertBundle,
  inputVariable,
  makeSandbox,
  pullRequestEvent,
  pushEvent,
  runAction,
  sha,
  type ActionRun,
  type Sandbox,
  type WorkflowCommand,
} from './run-action.js';

// ---- fixtures -------------------------------------------------------------------------------

const HEAD = sha('pull head');
const BASE = sha('pull base');
const MERGE = sha('pull merge'); // GITHUB_SHA on pull_request: the merge commit, not the head
const PUSHED = sha('pushed');
const PR = 7;
const FAST_RETRIES = { SCRAPELINT_RETRY_BASE_MS: '5' };

/** A kubelet ServiceMonitor with `n` broken HTTPS endpoints: five findings each, all fixable. */
function manyEndpoints(n: number): string {
  // Each with its own params, so that no two scrape the same thing (duplicate-endpoint).
  const endpoints = Array.from({ length: n }, (_, i) => `    - port: https-metrics\n      path: /metrics/cAdvisor\n      params: {n: ["${i}"]}\n`).join('');
  return `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet-many
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: kubelet
  endpoints:
${endpoints}`;
}

/** The pull request of most scenarios: it adds lines 14-20 of kubelet-broken.yaml (the endpoints) and adds kubelet-fixed.yaml. */
const BROKEN_PATCH = patchInsertingLines(BROKEN, 14, 20);
const PR_FILES: FakePullFile[] = [
  // A hundred files first, so that the manifests are on the second page of the files API.
  ...Array.from({ length: 100 }, (_, i) => ({ filename: `docs/notes/${String(i).padStart(3, '0')}.md`, status: 'added' as const, patch: `@@ -0,0 +1 @@\n+Note ${i}` })),
  { filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH },
  { filename: 'examples/kubelet-fixed.yaml', status: 'added', patch: patchNewFile(FIXED) },
];

const MESSAGES = {
  readonlyPort:
    "The kubelet endpoint uses `port: http-metrics`, the kubelet's read-only port 10255, which kubeadm, EKS and GKE 1.32+ turn off (connection refused) and which is unauthenticated where it is on. Use `port: https-metrics` with `scheme: https`, a bearer token, `tlsConfig` and `honorLabels: true`.",
};

/** The check-run annotations the pull request of scenario (a) must carry (end_line of multi-line ones checked separately). */
const EXPECTED_ANNOTATIONS = [
  { path: 'examples/kubelet-broken.yaml', start_line: 15, end_line: 15, start_column: 13, end_column: 24, annotation_level: 'failure', title: 'kubelet-readonly-port' },
  { path: 'examples/kubelet-broken.yaml', start_line: 18, annotation_level: 'failure', title: 'kubelet-auth-missing' },
  { path: 'examples/kubelet-broken.yaml', start_line: 18, annotation_level: 'warning', title: 'kubelet-honor-labels' },
  { path: 'examples/kubelet-broken.yaml', start_line: 18, annotation_level: 'warning', title: 'kubelet-tls-config' },
  { path: 'examples/kubelet-broken.yaml', start_line: 18, end_line: 18, start_column: 13, end_column: 25, annotation_level: 'failure', title: 'kubelet-scheme' },
  { path: 'examples/kubelet-broken.yaml', start_line: 19, end_line: 19, start_column: 13, end_column: 29, annotation_level: 'warning', title: 'kubelet-metrics-path' },
  { path: 'examples/kubelet-fixed.yaml', start_line: 24, end_line: 24, start_column: 7, end_column: 21, annotation_level: 'notice', title: 'deprecated-bearer-token-file' },
];

/**
 * The suggestion of the read-only-port endpoint (lines 15-17): empty, it removes those lines,
 * because the endpoint would become a copy of the https-metrics one below it.
 */
const READONLY_PORT_SUGGESTION = '';

// ---- scenario plumbing ----------------------------------------------------------------------

interface Scenario {
  run: ActionRun;
  fake: FakeGitHub;
  sandbox: Sandbox;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

beforeAll(() => {
  assertBundle();
  githubOpenApi(); // load GitHub's description once, before the first scenario's clock starts
});

interface ScenarioOptions {
  event: 'pull_request' | 'push';
  /** For pull_request: the pull request's files (default PR_FILES) and existing review comments. */
  files?: FakePullFile[];
  comments?: FakeReviewComment[];
  fork?: boolean;
  fake?: Partial<Pick<FakeScenario, 'forbidWrites' | 'faults'>>;
  /** Files of the workspace besides examples/ (a copy of the repository's). */
  workspace?: Record<string, string>;
  examples?: boolean;
  with?: Record<string, string>;
}

async function scenario(o: ScenarioOptions): Promise<Scenario> {
  const fake = await FakeGitHub.start({
    owner: OWNER,
    repo: REPO,
    token: TOKEN,
    ...(o.event === 'pull_request' ? { pull: { number: PR, headSha: HEAD, baseSha: BASE, files: o.files ?? PR_FILES, comments: o.comments } } : {}),
    ...o.fake,
  });
  const sandbox = makeSandbox(o.workspace ?? { 'deploy/kubelet-legacy.yaml': LEGACY }, { examples: o.examples });
  cleanups.push(() => fake.stop(), () => sandbox.cleanup());
  const run = await runAction({
    sandbox,
    apiUrl: fake.url,
    event:
      o.event === 'pull_request'
        ? { name: 'pull_request', payload: pullRequestEvent({ number: PR, headSha: HEAD, baseSha: BASE, fork: o.fork }) }
        : { name: 'push', payload: pushEvent({ sha: PUSHED, before: BASE }) },
    sha: o.event === 'pull_request' ? MERGE : PUSHED,
    ref: o.event === 'pull_request' ? `refs/pull/${PR}/merge` : 'refs/heads/main',
    with: o.with,
    env: FAST_RETRIES,
  });
  return { run, fake, sandbox };
}

/** Workflow-command annotations (::error file=...::), as opposed to plain ::error::/::warning:: lines. */
function annotations(run: ActionRun): WorkflowCommand[] {
  return run.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file !== undefined);
}

function plain(run: ActionRun, command: 'error' | 'warning' | 'notice'): WorkflowCommand[] {
  return run.commands.filter((c) => c.command === command && Object.keys(c.properties).length === 0);
}

function expectNoCrash(run: ActionRun): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).toBe('');
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+[(:]\d+/m); // no stack trace
  expect(run.stdout).not.toMatch(/internal error/);
}

/** A description of a run for failure messages. */
function dump(s: Scenario): string {
  return `exit ${s.run.status}\nstdout:\n${s.run.stdout}\nstderr:\n${s.run.stderr}\nrequests:\n${s.fake.requests.map((r) => `  ${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''} -> ${r.status}`).join('\n')}`;
}

function expectValidTraffic(s: Scenario): void {
  expect({ errors: s.fake.errors, run: s.fake.errors.length ? dump(s) : '' }).toEqual({ errors: [], run: '' });
}

function suggestionOf(body: string): string {
  const match = /^(`{3,})suggestion\n([\s\S]*?)\n\1$/m.exec(body);
  if (!match) throw new Error(`no suggestion block in:\n${body}`);
  return match[2];
}

function markerOf(body: string): string {
  const match = /<!-- scrapelint:([0-9a-f]+) -->/.exec(body);
  if (!match) throw new Error(`no scrapelint marker in:\n${body}`);
  return match[1];
}

const ruleOf = (body: string) => /\[`([a-z0-9-]+)`\]/.exec(body)?.[1];

// ---- the harness itself -------------------------------------------------------------------

describe('the runner environment', () => {
  test('passes every input action.yml declares, named as the runner names them', () => {
    expect(Object.keys(ACTION_YML.inputs).sort()).toEqual(['config', 'config-from', 'fail-on', 'filter-mode', 'github-token', 'paths', 'sarif-file', 'suggestions']);
    expect(Object.keys(ACTION_YML.inputs).map(inputVariable).sort()).toEqual([
      'INPUT_CONFIG',
      'INPUT_CONFIG-FROM',
      'INPUT_FAIL-ON',
      'INPUT_FILTER-MODE',
      'INPUT_GITHUB-TOKEN',
      'INPUT_PATHS',
      'INPUT_SARIF-FILE',
      'INPUT_SUGGESTIONS',
    ]);
    expect(ACTION_YML.runs.main).toBe('dist/index.js');
  });
});

describe('the fake GitHub rejects what GitHub would', () => {
  let fake: FakeGitHub;
  const api = (method: string, path: string, body?: unknown, token = TOKEN) =>
    fetch(`${fake.url}${path}`, {
      method,
      headers: { authorization: `token ${token}`, 'user-agent': 'scrapelint-test', accept: 'application/vnd.github+json', ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const annotation = { path: 'examples/kubelet-broken.yaml', start_line: 15, end_line: 15, annotation_level: 'failure', message: 'm' };
  const checkRun = { name: 'scrapelint', head_sha: HEAD, status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations: [annotation] } };

  beforeAll(async () => {
    fake = await FakeGitHub.start({ owner: OWNER, repo: REPO, token: TOKEN, pull: { number: PR, headSha: HEAD, baseSha: BASE, files: PR_FILES, comments: Array.from({ length: 120 }, (_, i) => ({ body: `c${i}`, path: 'examples/kubelet-broken.yaml', line: 15 })) } });
    cleanups.push(() => fake.stop());
  });
  const take = () => fake.errors.splice(0);

  test('accepts a valid check run and answers 201 with an id', async () => {
    const response = await api('POST', `/repos/${OWNER}/${REPO}/check-runs`, checkRun);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { id: number }).id).toEqual(expect.any(Number));
    expect(take()).toEqual([]);
  });

  test('an unknown path or method', async () => {
    expect((await api('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/filez`)).status).toBe(404);
    await api('PUT', `/repos/${OWNER}/${REPO}/check-runs`, checkRun);
    expect(take()).toEqual([expect.stringMatching(/no such path/), expect.stringMatching(/not with method PUT/)]);
  });

  test('a body the requestBody schema rejects: bad enum, unknown property, missing field, too many annotations', async () => {
    await api('POST', `/repos/${OWNER}/${REPO}/check-runs`, { ...checkRun, output: { ...checkRun.output, annotations: [{ ...annotation, annotation_level: 'error', startColumn: 3 }] } });
    await api('POST', `/repos/${OWNER}/${REPO}/check-runs`, { name: 'scrapelint', status: 'completed', conclusion: 'failure' });
    await api('POST', `/repos/${OWNER}/${REPO}/check-runs`, { ...checkRun, output: { ...checkRun.output, annotations: Array(51).fill(annotation) } });
    await api('PATCH', `/repos/${OWNER}/${REPO}/check-runs/4000000001`, { output: { title: 't', annotations: [annotation] } });
    const errors = take();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/annotations\/0\/annotation_level: must be equal to one of the allowed values/),
        expect.stringMatching(/annotations\/0: unknown property "startColumn"/),
        expect.stringMatching(/request body \/: must have required property 'head_sha'/),
        expect.stringMatching(/annotations: must NOT have more than 50 items/),
        expect.stringMatching(/checks\/update.*\/output: must have required property 'summary'/),
      ]),
    );
  });

  test('query parameters that are unknown or of the wrong type, and a wrong token', async () => {
    await api('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/files?per_page=lots&perPage=100`);
    expect((await api('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/files`, undefined, 'ghs_other')).status).toBe(401);
    expect(take()).toEqual([expect.stringMatching(/per_page="lots": must be integer/), expect.stringMatching(/unknown query parameter "perPage"/), expect.stringMatching(/Authorization/)]);
  });

  test('review comments outside the diff, or with start_line not before line, answer 422', async () => {
    const review = (comments: unknown[]) => api('POST', `/repos/${OWNER}/${REPO}/pulls/${PR}/reviews`, { commit_id: HEAD, event: 'COMMENT', body: 'b', comments });
    expect((await review([{ path: 'examples/kubelet-broken.yaml', line: 17, start_line: 15, start_side: 'RIGHT', side: 'RIGHT', body: 'ok' }])).status).toBe(200);
    expect(take()).toEqual([]);
    expect((await review([{ path: 'examples/kubelet-broken.yaml', line: 5, side: 'RIGHT', body: 'x' }])).status).toBe(422);
    expect((await review([{ path: 'examples/kubelet-broken.yaml', line: 15, start_line: 15, side: 'RIGHT', body: 'x' }])).status).toBe(422);
    expect((await review([{ path: 'deploy/kubelet-legacy.yaml', line: 1, body: 'x' }])).status).toBe(422);
    expect(take()).toEqual([
      expect.stringMatching(/line must be part of the diff/),
      expect.stringMatching(/start_line must precede the end line/),
      expect.stringMatching(/Path could not be resolved/),
    ]);
  });

  test('paginates with per_page and a Link header', async () => {
    const first = await api('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/comments?per_page=100`);
    expect(((await first.json()) as unknown[]).length).toBe(100);
    expect(first.headers.get('link')).toMatch(/[?&]page=2>; rel="next"/);
    const second = await api('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/comments?per_page=100&page=2`);
    expect(((await second.json()) as unknown[]).length).toBe(20);
    expect(take()).toEqual([]);
  });
});

// ---- (a) a pull request with findings on and off its diff ----------------------------------

describe('(a) pull request: findings on and off the diff, filter-mode added', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario({ event: 'pull_request', with: { 'sarif-file': 'reports/scrapelint.sarif' } });
  });

  test('fails the step (fail-on error) without crashing, every request valid per GitHub’s OpenAPI description', () => {
    expectValidTraffic(s);
    expect(s.run.status).toBe(1);
    expectNoCrash(s.run);
    expect(s.run.ms).toBeLessThan(10_000);
    for (const r of s.fake.requests) expect(r.headers.authorization).toBe(`token ${TOKEN}`);
    expect(s.fake.requests.map((r) => r.operationId)).toEqual(['pulls/list-files', 'pulls/list-files', 'checks/create', 'pulls/list-review-comments', 'pulls/create-review']);
  });

  test('reads the whole diff, page by page', () => {
    expect(s.fake.calls('pulls/list-files').map((r) => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
  });

  test('creates one check run on the pull request’s head commit with every reported annotation', () => {
    expect(s.fake.calls('checks/create')).toHaveLength(1);
    expect(s.fake.calls('checks/update')).toHaveLength(0);
    const [run] = [...s.fake.checkRuns.values()];
    expect(run.create).toMatchObject({ name: 'scrapelint', head_sha: HEAD, status: 'completed', conclusion: 'failure', output: { title: '3 errors, 3 warnings, 1 info' } });
    expect(run.create.head_sha).not.toBe(MERGE);
    expect(run.create.output.summary).toContain('**3 errors, 3 warnings, 1 info**');
    const got = run.annotations.map((a) => {
      const { end_line, message, ...rest } = a;
      return { ...rest, ...(a.start_column !== undefined ? { end_line } : {}) };
    });
    expect(got).toEqual(EXPECTED_ANNOTATIONS);
    expect(run.annotations.find((a) => a.title === 'kubelet-readonly-port')?.message).toBe(MESSAGES.readonlyPort);
    for (const a of run.annotations) expect(a.end_line).toBeGreaterThanOrEqual(a.start_line);
  });

  test('multi-line annotations end on the last flagged line (20), not one past it (21)', () => {
    const [run] = [...s.fake.checkRuns.values()];
    const multi = run.annotations.filter((a) => a.start_line === 18 && a.start_column === undefined);
    expect(multi.map((a) => a.end_line)).toEqual([20, 20, 20]);
    const commands = annotations(s.run).filter((c) => c.properties.line === '18' && c.properties.col === undefined);
    expect(commands.map((c) => c.properties.endLine)).toEqual(['20', '20', '20']);
  });

  test('does not report findings outside the diff (filter-mode added)', () => {
    const [run] = [...s.fake.checkRuns.values()];
    for (const where of [run.annotations.map((a) => `${a.path}:${a.start_line}`), annotations(s.run).map((c) => `${c.properties.file}:${c.properties.line}`)]) {
      expect(where).not.toContain('examples/kubelet-broken.yaml:10'); // kubelet-namespace-selector, on an unchanged line
      expect(where.filter((w) => w.startsWith('deploy/'))).toEqual([]); // a file the pull request does not touch
    }
    expect(s.run.summary).not.toMatch(/kubelet-namespace-selector|deploy\/kubelet-legacy/);
    expect(s.run.summary).toContain('Findings on lines this pull request adds or changes (filter-mode: added); 2 other findings elsewhere are not reported.');
    const review = s.fake.reviews[0].request;
    expect(review.comments.map((c: { body: string }) => ruleOf(c.body))).not.toContain('kubelet-namespace-selector');
  });

  test('posts one review whose suggestion drops the `port: http-metrics` endpoint that would duplicate the working one', () => {
    expect(s.fake.calls('pulls/create-review')).toHaveLength(1);
    const [review] = s.fake.reviews;
    expect(review.request).toMatchObject({ commit_id: HEAD, event: 'COMMENT', body: 'scrapelint has 6 suggested fixes for this pull request.' });
    const comment = review.request.comments.find((c: { body: string }) => ruleOf(c.body) === 'kubelet-readonly-port');
    expect(comment).toMatchObject({ path: 'examples/kubelet-broken.yaml', start_line: 15, line: 17, side: 'RIGHT', start_side: 'RIGHT' });
    expect(comment.body.startsWith(`**error** [\`kubelet-readonly-port\`](https://github.com/scrapelint/scrapelint/blob/main/docs/rules/kubelet-readonly-port.md): ${MESSAGES.readonlyPort}\n\n`)).toBe(true);
    expect(suggestionOf(comment.body)).toBe(READONLY_PORT_SUGGESTION);
    expect(comment.body).toMatch(/\n\n<!-- scrapelint:[0-9a-f]{32} -->$/);
    // Applied, it leaves the https-metrics endpoint, which the other suggestions make the working one.
    const lines = BROKEN.split('\n');
    const applied = [...lines.slice(0, 14), ...lines.slice(17)].join('\n');
    const endpoints = (parse(applied) as { spec: { endpoints: { port: string }[] } }).spec.endpoints;
    expect(endpoints.map((e) => e.port)).toEqual(['https-metrics']);
  });

  test('puts every suggestion on lines of the diff, one per fixable reported finding', () => {
    const comments = s.fake.reviews[0].request.comments as { path: string; line: number; start_line?: number; body: string }[];
    expect(comments.map((c) => [ruleOf(c.body), c.start_line ?? c.line, c.line])).toEqual([
      ['kubelet-readonly-port', 15, 17],
      ['kubelet-auth-missing', 20, 20],
      ['kubelet-honor-labels', 20, 20],
      ['kubelet-tls-config', 20, 20],
      ['kubelet-scheme', 20, 20],
      ['kubelet-metrics-path', 19, 19],
    ]);
    expect(suggestionOf(comments[5].body)).toBe('      path: /metrics/cadvisor');
    expect(new Set(comments.map((c) => markerOf(c.body))).size).toBe(6);
    expect(s.run.stdout).toContain('scrapelint: 6 suggestion(s) posted, 0 already on the pull request, 0 left out.');
  });

  test('writes the job summary, with links to the head commit', () => {
    expect(s.run.summary).toMatch(/^## scrapelint\n\n\*\*3 errors, 3 warnings, 1 info\*\* in 3 files\.\n/);
    const rows = s.run.summary.split('\n').filter((l) => /^\| (🔴|🟡|🔵) /.test(l));
    expect(rows).toHaveLength(7);
    expect(s.run.summary).toContain(`[\`examples/kubelet-broken.yaml:15\`](https://github.com/${OWNER}/${REPO}/blob/${HEAD}/examples/kubelet-broken.yaml#L15)`);
    expect(s.run.summary).toContain(`[\`examples/kubelet-fixed.yaml:24\`](https://github.com/${OWNER}/${REPO}/blob/${HEAD}/examples/kubelet-fixed.yaml#L24)`);
  });

  test('writes a SARIF 2.1.0 file with every finding (unfiltered) and sets the outputs', () => {
    expect(s.run.outputs).toEqual({ errors: '3', warnings: '3', infos: '1', 'sarif-file': join(s.sandbox.workspace, 'reports', 'scrapelint.sarif') });
    const sarif = JSON.parse(readFileSync(s.run.outputs['sarif-file'], 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif.*2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver.name).toBe('scrapelint');
    const ids = driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['kubelet-readonly-port', 'kubelet-namespace-selector', 'deprecated-bearer-token-file']));
    for (const rule of driver.rules) {
      expect(rule).toMatchObject({ id: expect.any(String), shortDescription: { text: expect.any(String) }, defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) } });
    }
    const results = sarif.runs[0].results as any[];
    expect(results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.ruleId}`).sort()).toEqual(
      [
        'deploy/kubelet-legacy.yaml:11 kubelet-readonly-port',
        'examples/kubelet-broken.yaml:10 kubelet-namespace-selector',
        'examples/kubelet-broken.yaml:15 kubelet-readonly-port',
        'examples/kubelet-broken.yaml:18 kubelet-auth-missing',
        'examples/kubelet-broken.yaml:18 kubelet-honor-labels',
        'examples/kubelet-broken.yaml:18 kubelet-scheme',
        'examples/kubelet-broken.yaml:18 kubelet-tls-config',
        'examples/kubelet-broken.yaml:19 kubelet-metrics-path',
        'examples/kubelet-fixed.yaml:24 deprecated-bearer-token-file',
      ].sort(),
    );
    for (const r of results) {
      expect(ids[r.ruleIndex]).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text).toEqual(expect.any(String));
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      expect(isAbsolute(artifactLocation.uri)).toBe(false);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThan(region.startColumn);
    }
    const readonly = results.find((r) => r.ruleId === 'kubelet-readonly-port' && r.locations[0].physicalLocation.artifactLocation.uri === 'examples/kubelet-broken.yaml');
    expect(readonly.locations[0].physicalLocation.region).toEqual({ startLine: 15, startColumn: 13, endLine: 15, endColumn: 25 });
  });

  test('prints workflow-command annotations for the reported findings, then one ::error:: line', () => {
    const commands = annotations(s.run);
    expect(commands.map((c) => [c.command, c.properties.file, c.properties.line, c.properties.title])).toEqual([
      ['error', 'examples/kubelet-broken.yaml', '15', 'kubelet-readonly-port'],
      ['error', 'examples/kubelet-broken.yaml', '18', 'kubelet-auth-missing'],
      ['error', 'examples/kubelet-broken.yaml', '18', 'kubelet-scheme'],
      ['warning', 'examples/kubelet-broken.yaml', '18', 'kubelet-honor-labels'],
      ['warning', 'examples/kubelet-broken.yaml', '18', 'kubelet-tls-config'],
      ['warning', 'examples/kubelet-broken.yaml', '19', 'kubelet-metrics-path'],
      ['notice', 'examples/kubelet-fixed.yaml', '24', 'deprecated-bearer-token-file'],
    ]);
    expect(s.run.stdout).toMatch(/^::error title=kubelet-readonly-port,file=examples\/kubelet-broken\.yaml,line=15,endLine=15,col=13,endColumn=\d+::The kubelet endpoint uses `port: http-metrics`/m);
    expect(commands.find((c) => c.properties.title === 'kubelet-readonly-port')?.message).toBe(MESSAGES.readonlyPort);
    expect(plain(s.run, 'error').map((c) => c.message)).toEqual(['scrapelint: 3 findings at or above "error" (3 errors, 3 warnings, 1 info).']);
    expect(plain(s.run, 'warning')).toEqual([]);
  });
});

// A finding on a multi-line mapping ends on its last line, so lines added right after an
// unchanged, broken endpoint do not make its findings "on an added line".
describe('(a2) pull request that adds a correct endpoint right after an unchanged broken one', () => {
  const TWO = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: kubelet
  endpoints:
    - port: https-metrics
      path: /metrics/cadvisor
      interval: 30s
    - port: https-metrics
      scheme: https
      path: /metrics/resource
      honorLabels: true
      authorization:
        credentials: {name: prometheus-token, key: token}
      tlsConfig:
        insecureSkipVerify: true
`;
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario({ event: 'pull_request', examples: false, workspace: { 'kubelet.yaml': TWO }, files: [{ filename: 'kubelet.yaml', status: 'modified', patch: patchInsertingLines(TWO, 14, 21) }] });
  });

  test('talks to GitHub validly', () => {
    expectValidTraffic(s);
    expectNoCrash(s.run);
  });

  test('reports nothing about the unchanged endpoint (lines 11-13) and passes', () => {
    // Only the added endpoint may be annotated (an info: its token Secret is not in the input).
    const reported = annotations(s.run).map((c) => `${c.properties.line}-${c.properties.endLine} ${c.properties.title}`);
    expect(reported.filter((r) => Number(r.split('-')[0]) <= 13)).toEqual([]);
    expect(reported).toEqual(['19-19 secret-not-found']);
    expect(s.fake.reviews).toEqual([]);
    expect(s.run.status).toBe(0);
  });
});

// ---- (b) push --------------------------------------------------------------------------------

describe('(b) push: nofilter, check run on GITHUB_SHA, no pull-request calls', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario({ event: 'push' });
  });

  test('reports every finding on the pushed commit and nothing about pull requests', () => {
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.run.status).toBe(1);
    expect(s.fake.requests.filter((r) => r.path.includes('/pulls'))).toEqual([]);
    expect(s.fake.requests.map((r) => r.operationId)).toEqual(['checks/create']);
    const [run] = [...s.fake.checkRuns.values()];
    expect(run.create).toMatchObject({ head_sha: PUSHED, conclusion: 'failure', output: { title: '4 errors, 4 warnings, 1 info' } });
    expect(run.annotations.map((a) => `${a.path}:${a.start_line} ${a.title}`)).toEqual(
      expect.arrayContaining(['examples/kubelet-broken.yaml:10 kubelet-namespace-selector', 'deploy/kubelet-legacy.yaml:11 kubelet-readonly-port']),
    );
    expect(run.annotations).toHaveLength(9);
    expect(annotations(s.run)).toHaveLength(9);
    expect(s.run.outputs).toEqual({ errors: '4', warnings: '4', infos: '1' });
    expect(s.run.summary).not.toContain('filter-mode');
    expect(s.run.summary).toContain(`https://github.com/${OWNER}/${REPO}/blob/${PUSHED}/examples/kubelet-broken.yaml#L10`);
  });
});

// ---- (c) a fork's read-only token ------------------------------------------------------------

describe('(c) fork pull request: every write answers 403', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario({ event: 'pull_request', fork: true, fake: { forbidWrites: true } });
  });

  test('does not crash, warns once, and still annotates and summarizes with the same exit status as (a)', () => {
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.run.status).toBe(1);
    const writes = s.fake.writes();
    expect(writes.map((r) => [r.operationId, r.status])).toEqual([
      ['checks/create', 403],
      ['pulls/create-review', 403],
    ]);
    const warnings = plain(s.run, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/token may not write .*forks/);
    expect(annotations(s.run)).toHaveLength(7);
    expect(s.run.summary).toContain('**3 errors, 3 warnings, 1 info** in 3 files.');
    expect(s.run.outputs).toEqual({ errors: '3', warnings: '3', infos: '1' });
    expect(plain(s.run, 'error')).toHaveLength(1);
  });
});

// ---- (d) transient failures --------------------------------------------------------------------

describe('(d) transient errors are retried', () => {
  test('a 500 once on every operation, then success: each retried once, everything posted', async () => {
    const operations = ['pulls/list-files', 'checks/create', 'pulls/list-review-comments', 'pulls/create-review'];
    const s = await scenario({ event: 'pull_request', fake: { faults: operations.map((operationId) => ({ operationId, kind: 'server-error' as const, times: 1 })) } });
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.run.status).toBe(1);
    expect(s.fake.calls('checks/create').map((r) => r.status)).toEqual([500, 201]);
    expect(s.fake.calls('pulls/create-review').map((r) => r.status)).toEqual([500, 200]);
    expect(s.fake.calls('pulls/list-files').map((r) => r.status)).toEqual([500, 200, 200]);
    expect(s.fake.checkRuns.size).toBe(1);
    expect(s.fake.reviews).toHaveLength(1);
    expect(s.fake.reviews[0].request.comments).toHaveLength(6);
    expect(plain(s.run, 'warning')).toEqual([]);
    expect(s.run.ms).toBeLessThan(10_000);
  });

  test('a secondary rate limit (403 with retry-after) is waited out, not taken for a permission problem', async () => {
    const s = await scenario({ event: 'pull_request', fake: { faults: [{ operationId: 'checks/create', kind: 'secondary-rate-limit', times: 1 }] } });
    expectValidTraffic(s);
    expect(s.fake.calls('checks/create').map((r) => r.status)).toEqual([403, 201]);
    expect(s.fake.reviews).toHaveLength(1);
    expect(plain(s.run, 'warning')).toEqual([]);
    expect(s.run.status).toBe(1);
  });

  test('a 500 that lasts: gives up after the retries with one warning, the other channels go on', async () => {
    const s = await scenario({ event: 'pull_request', fake: { faults: [{ operationId: 'checks/create', kind: 'server-error' }] } });
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.fake.calls('checks/create').map((r) => r.status)).toEqual([500, 500, 500, 500, 500]);
    expect(plain(s.run, 'warning').map((w) => w.message)).toEqual([expect.stringMatching(/^scrapelint: could not write the checks: /)]);
    expect(s.fake.reviews).toHaveLength(1);
    expect(s.run.summary).toContain('## scrapelint');
    expect(s.run.status).toBe(1);
  });

  // A 422 for the review as a whole used to cost every suggestion (one warning); now its
  // comments are posted one at a time (__tests__/hostile/action.test.ts has the one at fault).
  test('a 422 on the review: its comments are posted one at a time; the step still fails on the findings alone', async () => {
    const s = await scenario({ event: 'pull_request', fake: { faults: [{ operationId: 'pulls/create-review', kind: 'unprocessable' }] } });
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.fake.calls('pulls/create-review').map((r) => r.status)).toEqual([422]);
    expect(s.fake.calls('pulls/create-review-comment').map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(plain(s.run, 'warning')).toEqual([]);
    expect(s.run.stdout).toContain('its 6 comments were posted one at a time: 6 posted, 0 dropped.');
    expect(s.fake.checkRuns.size).toBe(1);
    expect(s.run.status).toBe(1);
  });
});

// ---- (e) many findings -------------------------------------------------------------------------

describe('(e) more than 50 findings', () => {
  test('the check run is created with 50 annotations, then PATCHed in batches of at most 50', async () => {
    const s = await scenario({ event: 'push', examples: false, workspace: { 'kubelet-many.yaml': manyEndpoints(23) } });
    expectValidTraffic(s);
    expectNoCrash(s.run);
    const total = annotations(s.run).length;
    expect(total).toBe(115);
    const [run] = [...s.fake.checkRuns.values()];
    expect(run.create.output.annotations).toHaveLength(50);
    const updates = s.fake.calls('checks/update');
    expect(updates.map((u) => u.body.output.annotations.length)).toEqual([50, 15]);
    for (const u of updates) {
      expect(u.pathParams.check_run_id).toBe(String(run.id));
      expect(u.body.output).toMatchObject({ title: run.create.output.title, summary: expect.any(String) });
    }
    const key = (a: { path: string; start_line: number; start_column?: number; title: string }) => `${a.path}:${a.start_line}:${a.start_column ?? ''} ${a.title}`;
    const sent = run.annotations.map(key);
    expect(new Set(sent).size).toBe(115);
    expect(sent.sort()).toEqual(annotations(s.run).map((c) => key({ path: c.properties.file, start_line: Number(c.properties.line), start_column: c.properties.col ? Number(c.properties.col) : undefined, title: c.properties.title })).sort());
    expect(s.run.outputs).toEqual({ errors: '46', warnings: '69', infos: '0' });
  });

  test('a review carries at most 30 suggestions and says how many were left out', async () => {
    const many = manyEndpoints(23);
    const s = await scenario({ event: 'pull_request', examples: false, workspace: { 'kubelet-many.yaml': many }, files: [{ filename: 'kubelet-many.yaml', status: 'added', patch: patchNewFile(many) }] });
    expectValidTraffic(s);
    const [review] = s.fake.reviews;
    expect(review.request.comments).toHaveLength(30);
    expect(review.request.body).toBe('scrapelint has 115 suggested fixes for this pull request. 85 more are not posted here (at most 30 comments per review); see the check run and the job summary.');
    expect(s.run.stdout).toContain('scrapelint: 30 suggestion(s) posted, 0 already on the pull request, 85 left out.');
  });
});

// ---- (f) no findings -----------------------------------------------------------------------------

describe('(f) no findings', () => {
  test('a successful check run, exit 0, no review', async () => {
    const s = await scenario({ event: 'pull_request', examples: false, workspace: { 'apps/web.yaml': CLEAN }, files: [{ filename: 'apps/web.yaml', status: 'added', patch: patchNewFile(CLEAN) }] });
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.run.status).toBe(0);
    const [run] = [...s.fake.checkRuns.values()];
    expect(run.create).toMatchObject({ head_sha: HEAD, status: 'completed', conclusion: 'success', output: { title: 'No problems found', annotations: [] } });
    expect(s.fake.calls('pulls/create-review')).toEqual([]);
    expect(annotations(s.run)).toEqual([]);
    expect(plain(s.run, 'error')).toEqual([]);
    expect(s.run.summary).toContain('✅ No problems found in 1 file.');
    expect(s.run.outputs).toEqual({ errors: '0', warnings: '0', infos: '0' });
  });
});

// ---- (g) re-runs ------------------------------------------------------------------------------------

describe('(g) a re-run does not post a suggestion twice', () => {
  let first: Scenario;
  beforeAll(async () => {
    first = await scenario({ event: 'pull_request' });
  });

  test('the suggestion already on the pull request (found on the second page of comments) is left out', async () => {
    const posted = first.fake.reviews[0].request.comments as { path: string; line: number; body: string }[];
    const readonly = posted.find((c) => ruleOf(c.body) === 'kubelet-readonly-port')!;
    // As GitHub lists them: 120 comments by people first, then the one scrapelint posted.
    const comments: FakeReviewComment[] = [
      ...Array.from({ length: 120 }, (_, i) => ({ body: `Why port ${i}?`, path: 'examples/kubelet-broken.yaml', line: 15, user: 'reviewer' })),
      { body: readonly.body, path: readonly.path, line: readonly.line },
    ];
    const s = await scenario({ event: 'pull_request', comments });
    expectValidTraffic(s);
    expect(s.fake.calls('pulls/list-review-comments').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    const again = s.fake.reviews[0].request.comments as { body: string }[];
    expect(again.map((c) => ruleOf(c.body))).toEqual(['kubelet-auth-missing', 'kubelet-honor-labels', 'kubelet-tls-config', 'kubelet-scheme', 'kubelet-metrics-path']);
    expect(again.map((c) => markerOf(c.body))).not.toContain(markerOf(readonly.body));
    expect(again.map((c) => c.body)).toEqual(posted.filter((c) => c !== readonly).map((c) => c.body));
    expect(s.fake.reviews[0].request.body).toBe('scrapelint has 5 suggested fixes for this pull request.');
    expect(s.run.stdout).toContain('scrapelint: 5 suggestion(s) posted, 1 already on the pull request, 0 left out.');
  });

  test('with every suggestion already there, no review is posted', async () => {
    const comments = (first.fake.reviews[0].request.comments as { path: string; line: number; body: string }[]).map((c) => ({ body: c.body, path: c.path, line: c.line }));
    const s = await scenario({ event: 'pull_request', comments });
    expectValidTraffic(s);
    expect(s.fake.calls('pulls/create-review')).toEqual([]);
    expect(s.fake.checkRuns.size).toBe(1);
    expect(s.run.stdout).toContain('scrapelint: 0 suggestion(s) posted, 6 already on the pull request, 0 left out.');
    expect(s.run.status).toBe(1);
  });
});

// ---- (h) a bad input ----------------------------------------------------------------------------------

describe('(h) a bad input value', () => {
  test('INPUT_FAIL-ON=bogus: exit 1, one ::error:: line, no stack trace, nothing sent', async () => {
    const s = await scenario({ event: 'pull_request', with: { 'fail-on': 'bogus' } });
    expectNoCrash(s.run);
    expect(s.run.status).toBe(1);
    expect(s.run.commands.map((c) => c.raw)).toEqual(['::error::scrapelint: invalid value "bogus" for input "fail-on": expected one of error, warning, info, none']);
    expect(s.fake.requests).toEqual([]);
    expect(s.run.summary).toBe('');
  });
});

// ---- (i) fail-on none ----------------------------------------------------------------------------------

describe('(i) fail-on none', () => {
  test('findings are reported but the step passes; the check run is neutral', async () => {
    const s = await scenario({ event: 'pull_request', with: { 'fail-on': 'none' } });
    expectValidTraffic(s);
    expectNoCrash(s.run);
    expect(s.run.status).toBe(0);
    expect(annotations(s.run)).toHaveLength(7);
    expect(plain(s.run, 'error')).toEqual([]);
    const [run] = [...s.fake.checkRuns.values()];
    expect(run.create.conclusion).toBe('neutral');
    expect(s.fake.reviews).toHaveLength(1);
    expect(s.run.outputs).toEqual({ errors: '3', warnings: '3', infos: '1' });
  });
});

// ---- other inputs -------------------------------------------------------------------------------------

describe('other inputs', () => {
  test('suggestions: false posts no review and reads no comments', async () => {
    const s = await scenario({ event: 'pull_request', with: { suggestions: 'false' } });
    expectValidTraffic(s);
    expect(s.fake.requests.map((r) => r.operationId)).toEqual(['pulls/list-files', 'pulls/list-files', 'checks/create']);
    expect(s.run.status).toBe(1);
  });

  test('filter-mode nofilter on a pull request reports every finding', async () => {
    const s = await scenario({ event: 'pull_request', with: { 'filter-mode': 'nofilter' } });
    expectValidTraffic(s);
    const [run] = [...s.fake.checkRuns.values()];
    expect(run.annotations).toHaveLength(9);
    expect(s.run.outputs).toEqual({ errors: '4', warnings: '4', infos: '1' });
    // Suggestions still only go on lines of the diff (not on deploy/kubelet-legacy.yaml).
    expect(s.fake.reviews[0].request.comments.map((c: { path: string }) => c.path)).not.toContain('deploy/kubelet-legacy.yaml');
  });
});
