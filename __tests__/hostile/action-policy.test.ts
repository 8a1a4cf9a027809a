// The Action against a pull request that changes its own policy, and against hostile values in
// Markdown. The bundled dist/index.js runs as the runner runs it, against the loopback fake of
// GitHub's REST API (__tests__/action/fake-github.ts, which answers repos/get-content from the
// scenario's files at the base commit):
//   - a pull request's own .scrapelint.yaml with `ignore: ["**"]`, a suppression comment on the
//     lines it adds, or a baseline it adds or changes: the check still passes on the findings,
//     but a warning, the check run and the job summary say what changed;
//   - `config-from: base`: the base commit's configuration, custom rules and baseline are used
//     (from the git history, or through the API), and a base configuration that cannot be read
//     fails the step with one line;
//   - values with backticks, mentions, HTML and links in the job summary, the check run and the
//     review comments show as text and open nothing.
//
// The bundle must be built first (node scripts/build.mjs).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { patchInsertingLines, patchNewFile } from '../action/fake-github.js';
import { cleanUpScenarios, expectSound, FAKE_BASE, pullScenario, type PullScenario, type PullScenarioOptions } from '../action/pull-scenario.js';
import { githubOpenApi } from '../action/openapi.js';
import { BROKEN, LEGACY, BUNDLE, OWNER, REPO, ROOT, assertBundle, type ActionRun, type WorkflowCommand } from '../action/run-action.js';

const CLI = join(dirname(BUNDLE), 'cli.js');

/** kubelet-broken.yaml before the pull request, which adds its lines 14-20 (the endpoints). */
const BROKEN_BASE = BROKEN.split('\n').filter((_, i) => i < 13 || i >= 20).join('\n');
const BROKEN_PATCH = patchInsertingLines(BROKEN, 14, 20);
const KUBELET = 'deploy/kubelet.yaml';

// ---- plumbing ---------------------------------------------------------------------------------

/** A pull request whose checkout is `workspace` alone (no examples/). Getters stay getters (baseContents is read after prepare). */
const scenario = (o: PullScenarioOptions & { workspace: Record<string, string> }) => pullScenario(Object.defineProperties({ examples: false } as PullScenarioOptions, Object.getOwnPropertyDescriptors(o)));
afterAll(cleanUpScenarios);
beforeAll(() => {
  assertBundle();
  githubOpenApi();
});

/** The policy annotations (title "scrapelint policy") of a run. */
const policyCommands = (run: ActionRun): WorkflowCommand[] => run.commands.filter((c) => c.properties.title === 'scrapelint policy');
const checkRun = (s: PullScenario) => [...s.fake.checkRuns.values()][0];
const contentRequests = (s: PullScenario) => s.fake.calls('repos/get-content').map((r) => `${decodeURIComponent(r.pathParams.path)}@${r.query.ref === s.base ? 'base' : r.query.ref}`);

/** The CLI's findings for files of a workspace, as "file:line rule". */
function cliFindings(cwd: string, ...args: string[]): string[] {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return (JSON.parse(result.stdout).findings as { file: string; line: number; ruleId: string }[]).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
}

// ---- Markdown, as GitHub reads it (independent of src/report/markdown.ts) ---------------------

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** A GFM table row's cells, split where cmark-gfm splits them (a backslash escapes any punctuation, pipes too), `\|` unescaped. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && PUNCTUATION.test(row[i + 1] ?? '')) {
      cell += row[i] + row[i + 1];
      i++;
    } else if (row[i] === '|') {
      out.push(cell);
      cell = '';
    } else cell += row[i];
  }
  out.push(cell);
  return out.slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/**
 * What of a line of Markdown GitHub would make live: HTML tags, links and images, mentions,
 * issue references and bare URLs that it links. Code spans (CommonMark: a run of n backticks to
 * the next run of exactly n) and backslash-escaped punctuation are inert.
 */
function liveMarkup(line: string): string[] {
  let visible = '';
  for (let i = 0; i < line.length; ) {
    if (line[i] === '\\' && PUNCTUATION.test(line[i + 1] ?? '')) {
      visible += '\u0000\u0000';
      i += 2;
      continue;
    }
    if (line[i] === '`') {
      let n = 1;
      while (line[i + n] === '`') n++;
      const rest = line.slice(i + n);
      const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`).exec(rest);
      if (close) {
        visible += '\u0000'.repeat(n + close.index + n);
        i += n + close.index + n;
        continue;
      }
      visible += '\u0000'.repeat(n);
      i += n;
      continue;
    }
    visible += line[i++];
  }
  const live: string[] = [];
  for (const [what, pattern] of [
    ['HTML', /<[A-Za-z/!?]/g],
    ['link', /\[[^\]\u0000]*\]\(/g],
    ['mention', /(?<![A-Za-z0-9])@[A-Za-z0-9]/g],
    ['issue reference', /#\d/g],
    ['URL', /(?:https?|ftp):\/\/|www\./gi],
    ['emphasis', /[*_~]/g],
  ] as const) {
    for (const match of visible.matchAll(pattern)) live.push(`${what} at ${match.index}: ${line.slice(match.index, match.index + 30)}`);
  }
  return live;
}

// ---- 1. the pull request's own configuration: ignore ["**"] -----------------------------------

describe('a pull request that adds .scrapelint.yaml with ignore ["**"]', () => {
  let s: PullScenario;
  beforeAll(async () => {
    s = await scenario({
      workspace: { [KUBELET]: BROKEN, '.scrapelint.yaml': 'ignore: ["**"]\n' },
      files: [
        { filename: KUBELET, status: 'modified', patch: BROKEN_PATCH },
        { filename: '.scrapelint.yaml', status: 'added', patch: patchNewFile('ignore: ["**"]\n') },
      ],
      baseContents: { [KUBELET]: BROKEN_BASE },
    });
  });

  const LINE = 'This pull request adds the configuration `.scrapelint.yaml`: `ignore` now `["**"]` (was unset); 2 files that the base commit\'s configuration lints are not linted now (`.scrapelint.yaml`, `deploy/kubelet.yaml`).';

  test('passes on the findings (none: nothing is linted), as before', () => {
    expectSound(s);
    expect(s.run.status).toBe(0);
    expect(s.run.summary).toContain('✅ No problems found in 0 files.');
    expect(checkRun(s).conclusion).toBe('success');
  });

  test('says what changed: a warning on the file, the check run and the job summary', () => {
    expect(policyCommands(s.run).map((c) => [c.command, c.properties.file, c.message])).toEqual([['warning', '.scrapelint.yaml', `scrapelint: ${LINE}`]]);
    expect(s.run.summary).toContain(`⚠️ ${LINE}`);
    expect(checkRun(s).create.output.summary).toContain(`⚠️ ${LINE}`);
  });

  test("reads the base commit's configuration through the contents API at the base SHA", () => {
    expect(contentRequests(s)).toEqual(['.scrapelint.yaml@base', '.scrapelint.yml@base', '.scrapelint-baseline.json@base']);
  });
});

// ---- 2. a suppression comment on an added line --------------------------------------------------

describe('a pull request that adds a disable comment', () => {
  const lines = BROKEN.split('\n');
  const HEAD = [...lines.slice(0, 13), '    # scrapelint-disable -- trust me', ...lines.slice(13)].join('\n');
  let s: PullScenario;
  beforeAll(async () => {
    s = await scenario({
      workspace: { [KUBELET]: HEAD },
      files: [{ filename: KUBELET, status: 'modified', patch: patchInsertingLines(HEAD, 14, 21) }],
      baseContents: { [KUBELET]: BROKEN_BASE },
    });
  });

  test('the findings it silences are gone, and the warning names the comment', () => {
    expectSound(s);
    expect(s.run.status).toBe(0);
    const line = 'This pull request adds 1 suppression: `deploy/kubelet.yaml:14` `# scrapelint-disable -- trust me`.';
    expect(policyCommands(s.run).map((c) => [c.command, c.properties.file, c.properties.line, c.message])).toEqual([['warning', KUBELET, '14', `scrapelint: ${line}`]]);
    expect(s.run.summary).toContain(`⚠️ ${line}`);
    expect(checkRun(s).create.output.summary).toContain(line);
  });

  test('the configuration and the baseline, which it does not touch, are not read from the base', () => {
    expect(contentRequests(s)).toEqual([]);
  });
});

// ---- 3. the baseline -----------------------------------------------------------------------------

describe('a pull request that changes the baseline', () => {
  let s: PullScenario;
  let baselined: string[];
  beforeAll(async () => {
    let baseBaseline = '';
    s = await scenario({
      workspace: { [KUBELET]: BROKEN, 'deploy/legacy.yaml': LEGACY },
      files: [
        { filename: KUBELET, status: 'modified', patch: BROKEN_PATCH },
        { filename: '.scrapelint-baseline.json', status: 'modified', patch: '@@ -1,1 +1,1 @@\n-{}\n+{}' },
      ],
      prepare: (sandbox) => {
        // The base's baseline holds the legacy file's finding; the pull request adds its own.
        baselined = cliFindings(sandbox.workspace, KUBELET);
        spawnSync(process.execPath, [CLI, '--write-baseline', 'deploy/legacy.yaml'], { cwd: sandbox.workspace });
        baseBaseline = readFileSync(join(sandbox.workspace, '.scrapelint-baseline.json'), 'utf8');
        spawnSync(process.execPath, [CLI, '--write-baseline', 'deploy/'], { cwd: sandbox.workspace });
      },
      get baseContents() {
        return { [KUBELET]: BROKEN_BASE, 'deploy/legacy.yaml': LEGACY, '.scrapelint-baseline.json': baseBaseline };
      },
    });
  });

  test('passes (every finding is baselined), and says how many findings the change baselined', () => {
    expectSound(s);
    expect(s.run.status).toBe(0);
    expect(baselined.length).toBe(7);
    const line =
      'This pull request changes the baseline `.scrapelint-baseline.json`: 7 findings newly baselined, so not reported (`deploy/kubelet.yaml:10 kubelet-namespace-selector`, `deploy/kubelet.yaml:15 kubelet-readonly-port`, `deploy/kubelet.yaml:18 kubelet-auth-missing`, `deploy/kubelet.yaml:18 kubelet-honor-labels`, `deploy/kubelet.yaml:18 kubelet-tls-config` and 2 more).';
    expect(policyCommands(s.run).map((c) => [c.command, c.properties.file, c.message])).toEqual([['warning', '.scrapelint-baseline.json', `scrapelint: ${line}`]]);
    expect(s.run.summary).toContain(`⚠️ ${line}`);
    expect(checkRun(s).create.output.summary).toContain(line);
  });
});

// ---- 4. config-from: base ----------------------------------------------------------------------

const TEAM_RULE = readFileSync(join(ROOT, 'docs', 'custom-rules', 'team-label-required.yaml'), 'utf8');

describe('config-from base, with the git history: the base commit\'s configuration and custom rules', () => {
  let s: PullScenario;
  beforeAll(async () => {
    s = await scenario({
      // The pull request drops the custom rule folder and ignores everything.
      workspace: { [KUBELET]: BROKEN, '.scrapelint.yaml': 'ignore: ["**"]\n' },
      gitBase: { [KUBELET]: BROKEN_BASE, '.scrapelint.yaml': 'customRules: [lint/]\n', 'lint/team-label-required.yaml': TEAM_RULE },
      files: [
        { filename: KUBELET, status: 'modified', patch: BROKEN_PATCH },
        { filename: '.scrapelint.yaml', status: 'modified', patch: '@@ -1 +1 @@\n-customRules: [lint/]\n+ignore: ["**"]' },
        { filename: 'lint/team-label-required.yaml', status: 'removed', patch: '@@ -1,1 +0,0 @@\n-id: team-label-required' },
      ],
      with: { 'config-from': 'base', 'filter-mode': 'file' },
    });
  });

  test('lints with the base configuration: its custom rule runs, nothing is ignored, the step fails on the errors', () => {
    expectSound(s);
    expect(s.run.status).toBe(1);
    expect(s.run.stdout).toContain(`scrapelint: config-from: base: the configuration .scrapelint.yaml and no baseline of the base commit ${s.base.slice(0, 12)} (git history).`);
    const titles = checkRun(s).annotations.map((a: { path: string; title: string }) => `${a.path} ${a.title}`);
    expect(titles).toContain(`${KUBELET} team-label-required`);
    expect(titles).toContain(`${KUBELET} kubelet-readonly-port`);
    expect(checkRun(s).conclusion).toBe('failure');
  });

  test("says what the pull request changes, as a notice: it does not apply", () => {
    const line =
      "This pull request changes the configuration `.scrapelint.yaml`: `customRules` now unset (was `[\"lint/\"]`); `ignore` now `[\"**\"]` (was unset); 2 files that the base commit's configuration lints would not be linted (`.scrapelint.yaml`, `deploy/kubelet.yaml`). It does not apply to this run: config-from: base reads the base commit's.";
    expect(policyCommands(s.run).map((c) => [c.command, c.properties.file, c.message])).toEqual([['notice', '.scrapelint.yaml', `scrapelint: ${line}`]]);
    expect(s.run.summary).toContain(`⚠️ ${line}`);
  });

  test('reads nothing through the API when git has the base commit', () => {
    expect(contentRequests(s)).toEqual([]);
  });
});

describe('config-from base, through the contents API', () => {
  let s: PullScenario;
  beforeAll(async () => {
    s = await scenario({
      workspace: { [KUBELET]: BROKEN, '.scrapelint.yaml': 'rules:\n  kubelet-readonly-port: off\n' },
      files: [
        { filename: KUBELET, status: 'modified', patch: BROKEN_PATCH },
        { filename: '.scrapelint.yaml', status: 'modified', patch: '@@ -1,2 +1,2 @@\n rules:\n-  kubelet-readonly-port: error\n+  kubelet-readonly-port: off' },
      ],
      baseContents: { [KUBELET]: BROKEN_BASE, '.scrapelint.yaml': 'rules:\n  kubelet-readonly-port: error\n' },
      with: { 'config-from': 'base' },
    });
  });

  test('the rule the pull request turns off still reports, from the base configuration', () => {
    expectSound(s);
    expect(s.run.status).toBe(1);
    expect(checkRun(s).annotations.map((a: { start_line: number; title: string }) => `${a.start_line} ${a.title}`)).toContain('15 kubelet-readonly-port');
    expect(contentRequests(s)).toEqual(['.scrapelint.yaml@base', '.scrapelint-baseline.json@base']);
    const line =
      "This pull request changes the configuration `.scrapelint.yaml`: `rules.kubelet-readonly-port` now `off` (was `error`). It does not apply to this run: config-from: base reads the base commit's.";
    expect(policyCommands(s.run).map((c) => [c.command, c.message])).toEqual([['notice', `scrapelint: ${line}`]]);
    expect(checkRun(s).create.output.summary).toContain(line);
  });
});

describe('config-from base, when the base commit cannot be read: one line, and the step fails', () => {
  const base = {
    workspace: { [KUBELET]: BROKEN, '.scrapelint.yaml': 'ignore: ["**"]\n' },
    files: [{ filename: KUBELET, status: 'modified' as const, patch: BROKEN_PATCH }],
  };
  const oneLine = (s: PullScenario, pattern: RegExp) => {
    expectSound(s);
    expect(s.run.status).toBe(1);
    const errors = s.run.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(pattern);
    expect(errors[0].message).not.toContain('\n');
    // Never the pull request's own configuration instead: nothing is linted or published.
    expect(s.fake.writes()).toEqual([]);
    expect(s.run.summary).toBe('');
  };

  test('the contents API failing', async () => {
    const s = await scenario({ ...base, with: { 'config-from': 'base' }, faults: [{ operationId: 'repos/get-content', kind: 'server-error' }] });
    oneLine(s, new RegExp(`^scrapelint: config-from: base: cannot read \\.scrapelint\\.yaml at the base commit ${FAKE_BASE.slice(0, 12)}: GitHub: .*500`));
  });

  test('no git history and no token', async () => {
    const s = await scenario({ ...base, with: { 'config-from': 'base', 'github-token': '' } });
    oneLine(s, /^scrapelint: config-from: base: cannot read \.scrapelint\.yaml at the base commit [0-9a-f]{12}: the checkout does not hold the base commit \(actions\/checkout with `fetch-depth: 0` fetches it\), and there is no github-token/);
  });

  test('an invalid base configuration', async () => {
    const s = await scenario({ ...base, with: { 'config-from': 'base' }, baseContents: { '.scrapelint.yaml': 'rules:\n  kubelet-readonly-prot: off\n' } });
    oneLine(s, /^scrapelint: config-from: base: invalid configuration at the base commit [0-9a-f]{12}: \.scrapelint\.yaml:2:3: rules\.kubelet-readonly-prot: unknown rule/);
  });
});

// ---- 5. hostile values in Markdown -------------------------------------------------------------

describe('values with backticks, mentions, HTML and links, in the summary and the review', () => {
  const FILE = 'deploy/we`ird @acme (x).yaml';
  const VALUE = '/metrics/cadvisor?x=`@acme/security <script>alert(1)</script> [click](https://evil.example) | www.evil.example *bold* ~x~ $m$';
  const MANIFEST = `apiVersion: monitoring.coreos.com/v1
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
      path: ${JSON.stringify(VALUE)}
`;
  let s: PullScenario;
  beforeAll(async () => {
    s = await scenario({ workspace: { [FILE]: MANIFEST }, files: [{ filename: FILE, status: 'added', patch: patchNewFile(MANIFEST) }], with: { 'fail-on': 'none' } });
  });

  const row = (summary: string) => {
    const rows = summary.split('\n').filter((l) => l.includes('path-query-string'));
    expect(rows).toHaveLength(1);
    return cells(rows[0]);
  };

  test('the job summary: the row keeps its four cells, and its message opens nothing', () => {
    expectSound(s);
    const [severity, where, rule, message] = row(s.run.summary);
    expect(row(s.run.summary)).toHaveLength(4);
    expect(severity).toBe('🔴 error');
    expect(where).toBe(`[\`\`deploy/we\`ird @acme (x).yaml:12\`\`](https://github.com/${OWNER}/${REPO}/blob/${s.head}/deploy/we%60ird%20@acme%20%28x%29.yaml#L12)`);
    expect(rule).toMatch(/^\[path-query-string\]\(https:\/\/github\.com\/scrapelint\/scrapelint\/blob\/main\/docs\/rules\/path-query-string\.md\)$/);
    expect(liveMarkup(message)).toEqual([]);
    // What the reader sees is still the value.
    for (const part of ['acme/security', 'script', 'alert(1)', 'evil.example', 'bold']) expect(message).toContain(part);
  });

  test('the check run summary too', () => {
    const [, , , message] = row(checkRun(s).create.output.summary);
    expect(liveMarkup(message)).toEqual([]);
  });

  test('the review comment: its message opens nothing, and the suggestion is the exact fix', () => {
    const comment = s.fake.postedComments.find((c) => c.body.includes('path-query-string'))!;
    expect(comment.path).toBe(FILE);
    const [first] = comment.body.split('\n');
    expect(first.startsWith('**error** [`path-query-string`](https://github.com/scrapelint/scrapelint/blob/main/docs/rules/path-query-string.md): ')).toBe(true);
    expect(liveMarkup(first.slice(first.indexOf('): ') + 3))).toEqual([]);
    const fence = /\n(`{3,})suggestion\n([\s\S]*?)\n\1\n/.exec(comment.body);
    expect(fence?.[2]).toBe(`      path: "/metrics/cadvisor"\n      params:\n        x:\n          - ${JSON.stringify(VALUE.slice(VALUE.indexOf('=') + 1))}`);
  });
});
