// The GitHub Action against a hostile or failing GitHub: it never passes silently and never loses
// a channel to one bad answer. The bundled dist/index.js runs as the runner runs it, against the
// loopback fake of GitHub's REST API (__tests__/action/fake-github.ts), which validates every
// request against GitHub's OpenAPI description and answers 422 where GitHub would:
//   - a file GitHub sends no patch for (too large) is judged as a whole, and the summary says so;
//   - past the 3,000 files GitHub lists, the rest of the diff comes from the local git history
//     (which a pull request's .gitattributes cannot blind), or its files' findings are reported
//     but not judged;
//   - every text is cut to GitHub's limits, so that one long message does not lose the check run;
//   - a review GitHub refuses (422) is posted comment by comment, losing only the one at fault;
//   - with the diff unreadable, findings are reported but do not fail the step;
//   - an API that never answers costs a bounded time (per-request timeouts and a budget);
//   - SARIF is never written through a symlink the pull request added;
//   - a list item written as `-` (which crashed the fixes) leaves every channel written.
// Retries, timeouts and the budget are shortened through the environment, to keep this fast.
//
// The bundle must be built first (node scripts/build.mjs).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHub, GITHUB_LIMITS, patchInsertingLines, patchNewFile, type Fault, type FakePullFile } from '../action/fake-github.js';
import { cleanUpLater, cleanUpScenarios, expectSound, FAKE_BASE, FAKE_HEAD, PR, pullScenario, type PullScenario } from '../action/pull-scenario.js';
import { githubOpenApi } from '../action/openapi.js';
import { BROKEN, LEGACY, CLEAN, FIXED, OWNER, REPO, TOKEN, assertBundle, type ActionRun, type Sandbox, type WorkflowCommand } from '../action/run-action.js';

const CUT = '… (cut)';

/** kubelet-broken.yaml before the pull request, which adds its lines 14-20 (the endpoints). */
const BROKEN_BASE = BROKEN.split('\n').filter((_, i) => i < 13 || i >= 20).join('\n');
const BROKEN_PATCH = patchInsertingLines(BROKEN, 14, 20);

// ---- plumbing ---------------------------------------------------------------------------------

afterAll(cleanUpScenarios);
beforeAll(() => {
  assertBundle();
  githubOpenApi();
});

function annotations(run: ActionRun): WorkflowCommand[] {
  return run.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file !== undefined);
}

function plain(run: ActionRun, command: 'error' | 'warning' | 'notice'): WorkflowCommand[] {
  return run.commands.filter((c) => c.command === command && Object.keys(c.properties).length === 0);
}

const where = (run: ActionRun) => annotations(run).map((c) => `${c.properties.file}:${c.properties.line} ${c.properties.title}`);
const checkRunWhere = (s: PullScenario) => [...s.fake.checkRuns.values()].flatMap((r) => r.annotations.map((a) => `${a.path}:${a.start_line} ${a.title}`));

/** The findings of kubelet-broken.yaml on the lines the pull request adds, and the one on line 10 it does not. */
const BROKEN_ADDED = [
  'examples/kubelet-broken.yaml:15 kubelet-readonly-port',
  'examples/kubelet-broken.yaml:18 kubelet-auth-missing',
  'examples/kubelet-broken.yaml:18 kubelet-scheme',
  'examples/kubelet-broken.yaml:18 kubelet-honor-labels',
  'examples/kubelet-broken.yaml:18 kubelet-tls-config',
  'examples/kubelet-broken.yaml:19 kubelet-metrics-path',
];
const BROKEN_UNCHANGED = 'examples/kubelet-broken.yaml:10 kubelet-namespace-selector';
const LEGACY_FINDING = 'deploy/kubelet-legacy.yaml:11 kubelet-readonly-port';
const FIXED_FINDING = 'examples/kubelet-fixed.yaml:24 deprecated-bearer-token-file';

// ---- 1. files without a patch ---------------------------------------------------------------------

describe('a changed file GitHub sends no patch for (too large)', () => {
  // kubelet-broken.yaml changed too much for GitHub to show; deploy/kubelet-legacy.yaml was only
  // renamed (no patch either, and no changes): its finding stays out.
  const files: FakePullFile[] = [
    { filename: 'examples/kubelet-broken.yaml', status: 'modified', additions: 4800, deletions: 1200 },
    { filename: 'deploy/kubelet-legacy.yaml', status: 'renamed', previous_filename: 'kubelet-legacy.yaml' },
    { filename: 'examples/kubelet-fixed.yaml', status: 'added', patch: patchNewFile(FIXED) },
  ];

  test.each(['added', 'diff_context'])('filter-mode %s: every finding in it is reported and counts, and the summary says why', async (mode) => {
    const s = await pullScenario({ files, with: { 'filter-mode': mode } });
    expectSound(s);
    const expected = [...BROKEN_ADDED, BROKEN_UNCHANGED, FIXED_FINDING].sort();
    expect(where(s.run).sort()).toEqual(expected);
    expect(checkRunWhere(s).sort()).toEqual(expected);
    expect(s.run.status).toBe(1);
    const note = '1 file has no diff from GitHub (too large); all its findings are reported.';
    expect(s.run.summary).toContain(note);
    expect([...s.fake.checkRuns.values()][0].create.output.summary).toContain(note);
    expect(s.run.stdout).toContain(note);
    // GitHub shows no diff to comment on: no suggestion is offered there.
    expect(s.fake.postedComments.map((c) => c.path)).not.toContain('examples/kubelet-broken.yaml');
  });
});

// ---- 2. more files than GitHub lists ----------------------------------------------------------------

describe('a pull request with more changed files than the 3,000 GitHub lists', () => {
  const notes = Array.from({ length: 3000 }, (_, i) => ({ filename: `docs/notes/${String(i).padStart(4, '0')}.md`, status: 'added' as const, patch: `@@ -0,0 +1 @@\n+Note ${i}` }));
  // kubelet-broken.yaml is listed; kubelet-fixed.yaml, the 3,002nd file, is not.
  const files: FakePullFile[] = [{ filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH }, ...notes, { filename: 'examples/kubelet-fixed.yaml', status: 'added', patch: patchNewFile(FIXED) }];

  test('without the git history: files past the listing are reported but not judged, and the summary says so', async () => {
    const s = await pullScenario({ files });
    expectSound(s);
    expect(s.fake.calls('pulls/list-files')).toHaveLength(30);
    // Judged: the listed file, by its diff (line 10 is not in it). Not judged: the rest, reported.
    expect(where(s.run).sort()).toEqual([...BROKEN_ADDED, FIXED_FINDING, LEGACY_FINDING].sort());
    const note = "GitHub listed 3000 of the pull request's 3002 changed files (it lists at most 3,000): findings in files it did not list are reported but not judged, and do not fail the step.";
    expect(s.run.summary).toContain(note);
    expect(plain(s.run, 'warning').map((w) => w.message)).toEqual([expect.stringMatching(/^scrapelint: GitHub listed 3000 of the pull request's 3002 changed files .*could not be read from git .*fetch-depth: 0/)]);
    // The listed file's errors still fail the step; the legacy file's error alone would not.
    expect(plain(s.run, 'error').map((e) => e.message)).toEqual(['scrapelint: 3 findings at or above "error" (4 errors, 3 warnings, 1 info).']);
    expect(s.run.status).toBe(1);
  });

  test('a listing shorter than 3,000 files is the whole diff, even if the event counted more files', async () => {
    // The pull request lost files between the event and the run (a force-push): the listing is current.
    const s = await pullScenario({ files: [{ filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH }], changedFiles: 3002 });
    expectSound(s);
    expect(where(s.run).sort()).toEqual(BROKEN_ADDED.slice().sort());
    expect(plain(s.run, 'warning')).toEqual([]);
    expect(s.run.summary).not.toContain('GitHub listed');
    expect(s.run.status).toBe(1);
  });

  test('with the base and head commits checked out: the rest of the diff is read from git', async () => {
    const s = await pullScenario({ files, gitBase: { 'examples/kubelet-broken.yaml': BROKEN_BASE, 'examples/kubelet-fixed.yaml': null } });
    expectSound(s);
    // kubelet-fixed.yaml is new (git says so); deploy/kubelet-legacy.yaml is untouched.
    expect(where(s.run).sort()).toEqual([...BROKEN_ADDED, FIXED_FINDING].sort());
    expect(s.run.summary).toContain("GitHub listed 3000 of the pull request's 3002 changed files (it lists at most 3,000); the others were read from the local git history.");
    expect(plain(s.run, 'warning')).toEqual([]);
    expect(s.run.status).toBe(1);
  });
});

// ---- 3. GitHub's size limits -------------------------------------------------------------------------

describe("texts over GitHub's size limits", () => {
  // An object name of 70,000 characters makes deprecated-api-version's message (which names the
  // object) longer than an annotation or a review comment may be; the fix is one short line.
  const longName = 'n'.repeat(70_000);
  const HUGE = `apiVersion: monitoring.coreos.com/v1alpha1
kind: ServiceMonitor
metadata:
  name: ${longName}
  namespace: apps
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
    - port: web
      interval: 30s
`;
  // A comment of 70,000 characters on the line kubelet-metrics-path fixes: its suggestion (the
  // whole line) is longer than a review comment may be, and is never cut.
  const lines = BROKEN.split('\n');
  lines[18] = `${lines[18]} # ${'c'.repeat(70_000)}`;
  const LONG_LINE = lines.join('\n');

  let s: PullScenario;
  beforeAll(async () => {
    s = await pullScenario({
      examples: false,
      workspace: { 'apps/huge.yaml': HUGE, 'kubelet.yaml': LONG_LINE },
      files: [
        { filename: 'apps/huge.yaml', status: 'added', patch: patchNewFile(HUGE) },
        { filename: 'kubelet.yaml', status: 'added', patch: patchNewFile(LONG_LINE) },
      ],
    });
  });

  test('the check run, its annotations and the review go through, every request within the limits', () => {
    expectSound(s);
    expect(s.fake.checkRuns.size).toBe(1);
    expect(s.fake.reviews).toHaveLength(1);
    expect(plain(s.run, 'warning').map((w) => w.message)).toEqual(['scrapelint: 1 suggestion left out: longer than a review comment may be (65,536 characters).']);
    expect(s.run.status).toBe(1);
  });

  test('a long message is cut with a visible mark: in the check run, in the workflow command, in the review comment', () => {
    const annotation = [...s.fake.checkRuns.values()][0].annotations.find((a) => a.title === 'deprecated-api-version');
    expect(annotation.message.endsWith(CUT)).toBe(true);
    expect(Buffer.byteLength(annotation.message)).toBeLessThanOrEqual(GITHUB_LIMITS.annotationMessage);
    expect(annotation.message.startsWith(`ServiceMonitor apps/${'n'.repeat(1000)}`)).toBe(true);

    const command = annotations(s.run).find((c) => c.properties.title === 'deprecated-api-version')!;
    expect(command.message.endsWith(CUT)).toBe(true);
    expect(command.message.length).toBeLessThanOrEqual(4096);

    const comment = s.fake.postedComments.find((c) => c.path === 'apps/huge.yaml')!;
    expect(Buffer.byteLength(comment.body)).toBeLessThanOrEqual(GITHUB_LIMITS.reviewCommentBody);
    expect(comment.body).toContain(CUT);
    // The suggestion and the marker are whole.
    expect(comment.body).toMatch(/\n```suggestion\napiVersion: monitoring\.coreos\.com\/v1\n```\n\n<!-- scrapelint:[0-9a-f]{32} -->$/);
  });

  test('a suggestion too long for a review comment is left out, never cut', () => {
    const bodies = s.fake.postedComments.filter((c) => c.path === 'kubelet.yaml').map((c) => c.body);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => b.includes('kubelet-metrics-path'))).toEqual([]);
    for (const body of bodies) expect(body).not.toContain(CUT);
  });

  describe('the fake refuses what GitHub refuses (so that the tests above can fail)', () => {
    const api = (fake: FakeGitHub, method: string, path: string, body: unknown) =>
      fetch(`${fake.url}${path}`, {
        method,
        headers: { authorization: `token ${TOKEN}`, 'user-agent': 'scrapelint-test', accept: 'application/vnd.github+json', 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
      });
    const over = 'x'.repeat(70_000);

    test('a check run whose summary or annotation message is too long, a review comment whose body is', async () => {
      const fake = await FakeGitHub.start({ owner: OWNER, repo: REPO, token: TOKEN, pull: { number: PR, headSha: FAKE_HEAD, baseSha: FAKE_BASE, files: [{ filename: 'a.yaml', status: 'added', patch: '@@ -0,0 +1 @@\n+a: 1' }] } });
      cleanUpLater(() => fake.stop());
      const annotation = { path: 'a.yaml', start_line: 1, end_line: 1, annotation_level: 'failure', message: over };
      const run = { name: 'scrapelint', head_sha: FAKE_HEAD, status: 'completed', conclusion: 'failure', output: { title: 't', summary: 's', annotations: [annotation] } };
      expect((await api(fake, 'POST', `/repos/${OWNER}/${REPO}/check-runs`, run)).status).toBe(422);
      expect((await api(fake, 'POST', `/repos/${OWNER}/${REPO}/check-runs`, { ...run, output: { title: 't', summary: over } })).status).toBe(422);
      const comment = { path: 'a.yaml', line: 1, side: 'RIGHT', body: over };
      expect((await api(fake, 'POST', `/repos/${OWNER}/${REPO}/pulls/${PR}/reviews`, { commit_id: FAKE_HEAD, event: 'COMMENT', body: 'b', comments: [comment] })).status).toBe(422);
      expect((await api(fake, 'POST', `/repos/${OWNER}/${REPO}/pulls/${PR}/comments`, { commit_id: FAKE_HEAD, ...comment })).status).toBe(422);
      const errors = fake.errors.splice(0);
      expect(errors.filter((e) => /GitHub would answer 422/.test(e))).toEqual([
        expect.stringMatching(/output\.annotations\[0\]\.message is over 64 KB/),
        expect.stringMatching(/output\.summary: Only 65535 characters are allowed; 70000 were supplied/),
        expect.stringMatching(/create-review: .*body is too long/),
        expect.stringMatching(/create-review-comment: .*body is too long/),
      ]);
      expect((await api(fake, 'POST', `/repos/${OWNER}/${REPO}/pulls/${PR}/comments`, { commit_id: FAKE_HEAD, ...comment, body: 'ok' })).status).toBe(201);
      expect(fake.errors).toEqual([]);
    });
  });
});

// ---- 4. a review GitHub refuses ------------------------------------------------------------------------

describe('a review GitHub refuses (422) because of one file', () => {
  test('the comments are posted one at a time: only those GitHub refuses again are lost, and the log says how many and why', async () => {
    const faults: Fault[] = [
      { operationId: 'pulls/create-review', kind: 'unprocessable', path: 'deploy/second.yaml' },
      { operationId: 'pulls/create-review-comment', kind: 'unprocessable', path: 'deploy/second.yaml' },
    ];
    const s = await pullScenario({
      workspace: { 'deploy/second.yaml': BROKEN },
      files: [
        { filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH },
        { filename: 'deploy/second.yaml', status: 'added', patch: patchNewFile(BROKEN) },
      ],
      faults,
    });
    expectSound(s);
    expect(s.fake.calls('pulls/create-review').map((r) => r.status)).toEqual([422]);
    const statuses = s.fake.calls('pulls/create-review-comment').map((r) => `${r.body.path} ${r.status}`);
    expect(statuses.filter((x) => x === 'examples/kubelet-broken.yaml 201')).toHaveLength(6);
    const refused = statuses.filter((x) => x === 'deploy/second.yaml 422').length;
    expect(refused).toBeGreaterThan(0);
    expect(statuses).toHaveLength(6 + refused);
    expect(s.fake.reviewComments.map((c) => c.path)).toEqual(Array(6).fill('examples/kubelet-broken.yaml'));
    expect(s.fake.reviewComments.every((c) => c.commit_id === FAKE_HEAD)).toBe(true);
    const warnings = plain(s.run, 'warning').map((w) => w.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^scrapelint: GitHub refused the review \\(.*422.*\\); its ${6 + refused} comments were posted one at a time: 6 posted, ${refused} dropped \\(deploy/second\\.yaml:\\d+(, deploy/second\\.yaml:\\d+)*: [^;]*injected 422[^;]*\\)\\.$`));
    expect(s.fake.checkRuns.size).toBe(1);
    expect(s.run.status).toBe(1);
  });
});

// ---- 5. the diff cannot be read ---------------------------------------------------------------------------

describe('every API call fails', () => {
  const faults: Fault[] = ['pulls/list-files', 'checks/create', 'pulls/list-review-comments', 'pulls/create-review'].map((operationId) => ({ operationId, kind: 'server-error' as const }));

  test('a clean pull request stays green: findings elsewhere are reported but not judged, with a warning', async () => {
    const s = await pullScenario({ workspace: { 'apps/web.yaml': CLEAN, 'deploy/kubelet-legacy.yaml': LEGACY }, examples: false, files: [{ filename: 'apps/web.yaml', status: 'added', patch: patchNewFile(CLEAN) }], faults });
    expectSound(s);
    expect(s.fake.calls('pulls/list-files').map((r) => r.status)).toEqual([500, 500, 500, 500, 500]);
    expect(where(s.run)).toEqual([LEGACY_FINDING]);
    const warnings = plain(s.run, 'warning').map((w) => w.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^scrapelint: could not read the pull request's diff \(GitHub: .*500.*; git: .*\)\. The findings are not judged: every one is reported, and none fails the step\.$/),
      expect.stringMatching(/^scrapelint: could not write the checks: /),
    ]);
    expect(s.run.summary).toContain("The pull request's diff could not be read: every finding is reported, but none is judged, and none fails the step.");
    expect(s.run.summary).toContain('deploy/kubelet-legacy.yaml:11');
    expect(plain(s.run, 'error')).toEqual([]);
    expect(s.run.outputs).toMatchObject({ errors: '1' });
    expect(s.run.status).toBe(0);
  });

  test('with the git history checked out, the diff is read from git and judged: the broken pull request fails, the untouched file is not reported', async () => {
    const s = await pullScenario({
      files: [{ filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH }],
      gitBase: { 'examples/kubelet-broken.yaml': BROKEN_BASE },
      faults,
    });
    expectSound(s);
    expect(where(s.run).sort()).toEqual(BROKEN_ADDED.slice().sort());
    expect(plain(s.run, 'warning').map((w) => w.message)).toEqual([
      expect.stringMatching(/^scrapelint: could not read the pull request's changed files from GitHub \(.*\); they were read from the local git history\.$/),
      expect.stringMatching(/^scrapelint: could not write the checks: /),
      expect.stringMatching(/^scrapelint: could not write the pull-request reviews: /),
    ]);
    expect(s.run.status).toBe(1);
  });

  test("a .gitattributes that marks manifests as binary (-diff) does not hide their lines from git's diff", async () => {
    const s = await pullScenario({
      workspace: { '.gitattributes': '*.yaml -diff\n', 'deploy/kubelet-legacy.yaml': LEGACY },
      files: [{ filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH }],
      gitBase: { 'examples/kubelet-broken.yaml': BROKEN_BASE },
      faults,
    });
    expectSound(s);
    expect(where(s.run).sort()).toEqual(BROKEN_ADDED.slice().sort());
    expect(s.run.status).toBe(1);
  });
});

// ---- 6. an API that never answers -------------------------------------------------------------------------

describe('an API that never answers', () => {
  const hang: Fault[] = ['pulls/list-files', 'checks/create', 'pulls/list-review-comments', 'pulls/create-review'].map((operationId) => ({ operationId, kind: 'hang' as const }));
  const files: FakePullFile[] = [{ filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH }];

  test('each request times out and is retried, then its channel is reported as failed and the run goes on', async () => {
    const s = await pullScenario({ files, faults: hang, env: { SCRAPELINT_REQUEST_TIMEOUT_MS: '100' } });
    expectSound(s);
    expect(s.fake.calls('pulls/list-files')).toHaveLength(5);
    expect(s.fake.calls('checks/create')).toHaveLength(5);
    const warnings = plain(s.run, 'warning').map((w) => w.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^scrapelint: could not read the pull request's diff \(GitHub: GET \S*\/pulls\/7\/files\S*: no answer within 0\.1 s \(5 tries\); git: .*the workspace is not a git checkout/),
      expect.stringMatching(/^scrapelint: could not write the checks: POST .*check-runs: no answer within 0\.1 s \(5 tries\)$/),
    ]);
    expect(s.run.summary).toContain('## scrapelint');
    expect(annotations(s.run).length).toBeGreaterThan(0);
    expect(s.run.status).toBe(0); // nothing could be judged
  });

  test('once the time allowed for the API is used up, no request is tried again or sent', async () => {
    const s = await pullScenario({ files, faults: hang, env: { SCRAPELINT_REQUEST_TIMEOUT_MS: '60000', SCRAPELINT_API_BUDGET_MS: '300' } });
    expectSound(s);
    expect(s.fake.calls('pulls/list-files')).toHaveLength(1);
    expect(s.fake.calls('checks/create')).toHaveLength(0);
    const warnings = plain(s.run, 'warning').map((w) => w.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^scrapelint: could not read the pull request's diff \(GitHub: GET .*: no answer within the 0\.3 s allowed for the GitHub API \(SCRAPELINT_API_BUDGET_MS\)/),
      expect.stringMatching(/^scrapelint: could not write the checks: POST \S*check-runs: not sent: the 0\.3 s allowed for the GitHub API \(SCRAPELINT_API_BUDGET_MS\) had run out$/),
    ]);
    expect(s.run.summary).toContain('## scrapelint');
  });
});


// ---- 7. SARIF through a symbolic link ------------------------------------------------------------------

describe('a sarif-file the pull request made a symbolic link', () => {
  // On pull_request_target the workspace holds the pull request's files: a link named like the
  // SARIF file, or a folder on its path, pointing at a file of the runner's.
  const files: FakePullFile[] = [{ filename: 'examples/kubelet-broken.yaml', status: 'modified', patch: BROKEN_PATCH }];
  const PRECIOUS = 'the runner keeps this\n';

  test.each([
    ['the file', 'scrapelint.sarif', (s: Sandbox) => symlinkSync(join(s.runnerTemp, 'precious'), join(s.workspace, 'scrapelint.sarif'))],
    ['a folder on its path', 'reports/precious', (s: Sandbox) => symlinkSync(s.runnerTemp, join(s.workspace, 'reports'))],
  ])('%s: nothing is written through it, a warning says why, and the step passes or fails on the findings alone', async (_, sarifFile, link) => {
    const s = await pullScenario({
      files,
      with: { 'sarif-file': sarifFile },
      prepare: (sandbox) => {
        mkdirSync(sandbox.runnerTemp, { recursive: true });
        writeFileSync(join(sandbox.runnerTemp, 'precious'), PRECIOUS);
        link(sandbox);
      },
    });
    expectSound(s);
    expect(readFileSync(join(s.sandbox.runnerTemp, 'precious'), 'utf8')).toBe(PRECIOUS);
    expect(plain(s.run, 'warning').map((w) => w.message)).toEqual([expect.stringMatching(new RegExp(`^scrapelint: could not write the SARIF file: cannot write ${sarifFile}: .*symbolic link`))]);
    expect(s.run.outputs['sarif-file']).toBeUndefined();
    expect(s.fake.checkRuns.size).toBe(1);
    expect(s.run.status).toBe(1);
  });
});

// ---- 8. a list item written as `-` ---------------------------------------------------------------------

describe('a list item written as `-` with its mapping on the next lines', () => {
  // Building the kubelet fixes for it crashed ("Invalid count value: -2", src/yaml/edits.ts); in
  // the Action a crash leaves no channel written at all.
  const DASH = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: kubelet, namespace: kube-system}\nspec:\n  selector: {matchLabels: {k8s-app: kubelet}}\n  endpoints:\n  -\n    port: https-metrics\n';

  test('every channel is written: annotations, the check run, the review, the job summary and SARIF', async () => {
    const s = await pullScenario({ examples: false, workspace: { 'kubelet.yaml': DASH }, files: [{ filename: 'kubelet.yaml', status: 'added', patch: patchNewFile(DASH) }], with: { 'sarif-file': 'scrapelint.sarif' } });
    expectSound(s);
    expect(where(s.run)).toEqual(expect.arrayContaining(['kubelet.yaml:8 kubelet-scheme', 'kubelet.yaml:8 kubelet-auth-missing']));
    expect(checkRunWhere(s)).toHaveLength(annotations(s.run).length);
    expect(s.fake.postedComments.length).toBeGreaterThan(0);
    expect(s.run.summary).toContain('kubelet.yaml:8');
    expect(JSON.parse(readFileSync(join(s.sandbox.workspace, 'scrapelint.sarif'), 'utf8')).runs[0].results.length).toBe(annotations(s.run).length);
    expect(s.run.status).toBe(1);
  });
});

// ---- 9. a repository file that is a link to /dev/zero ------------------------------------------------

describe('a .scrapelint.yaml the pull request made a link to /dev/zero', () => {
  // The Action once read it until it had used 3.8 GB, printing nothing.
  test('the step fails at once with one line naming the file; nothing is read from it', async () => {
    const s = await pullScenario({
      files: [{ filename: '.scrapelint.yaml', status: 'added', patch: '' }],
      prepare: (sandbox) => symlinkSync('/dev/zero', join(sandbox.workspace, '.scrapelint.yaml')),
      timeoutMs: 30_000,
    });
    expect(plain(s.run, 'error').map((e) => e.message)).toEqual([
      expect.stringMatching(/^scrapelint: cannot read \.scrapelint\.yaml: it is a symbolic link that leads outside the repository \(to \/dev\/zero\)$/),
    ]);
    expect(s.run.status).toBe(1);
    expect(s.run.stderr).not.toMatch(/\n\s+at /);
  });
});
