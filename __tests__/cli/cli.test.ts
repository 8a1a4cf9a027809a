// The built CLI (dist/cli.js), spawned as a user runs it: exit codes, error lines, the text and
// JSON reports, colours, standard input, folder walking and .gitignore, `rules`, --help/--version.
// Needs `npm run build` first (the tests say so if dist/cli.js is missing).
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ANSI,
  BROKEN,
  CLI,
  EXAMPLES,
  FIXED,
  MISSING_BUILD_MESSAGE,
  ROOT,
  cleanEnv,
  expectCleanError,
  filesOf,
  hasScript,
  parseReport,
  positionOf,
  ruleFileIds,
  run,
  runCli,
  shellQuote,
  tempDirs,
  writeTree,
  type JsonFinding,
} from './helpers.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A folder holding the two examples, as the README's `scrapelint examples/` sees them. */
function examplesDir(): string {
  const dir = temp.make();
  copyFileSync(join(EXAMPLES, 'kubelet-broken.yaml'), join(dir, 'kubelet-broken.yaml'));
  copyFileSync(join(EXAMPLES, 'kubelet-fixed.yaml'), join(dir, 'kubelet-fixed.yaml'));
  return dir;
}

/** kubelet-fixed.yaml with a mistyped path: one warning (kubelet-metrics-path) and one info (deprecated-bearer-token-file). */
const WARNING_ONLY = FIXED.replace('path: /metrics/cadvisor', 'path: /metrics/cAdvisor');

/** The broken example as JSON (a ServiceMonitor on the read-only port). */
const BROKEN_JSON = `${JSON.stringify(
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'kubelet', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { 'k8s-app': 'kubelet' } }, endpoints: [{ port: 'http-metrics' }] },
  },
  null,
  2,
)}\n`;

const brief = (f: JsonFinding) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, column: f.column });

test('dist/cli.js has been built', () => {
  if (!existsSync(CLI)) throw new Error(MISSING_BUILD_MESSAGE);
});

describe('exit codes and --fail-on', () => {
  test('the broken example exits 1 with the kubelet findings at their line:col', () => {
    const dir = examplesDir();
    const result = runCli(['--format', 'json', 'kubelet-broken.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(filesOf(report)).toEqual(['kubelet-broken.yaml']);
    expect(report.findings.map(brief)).toEqual(
      expect.arrayContaining([
        { ruleId: 'kubelet-namespace-selector', severity: 'warning', line: 10, column: 1 },
        { ruleId: 'kubelet-readonly-port', severity: 'error', line: 15, column: 13 },
        { ruleId: 'kubelet-auth-missing', severity: 'error', line: 18, column: 7 },
        { ruleId: 'kubelet-honor-labels', severity: 'warning', line: 18, column: 7 },
        { ruleId: 'kubelet-tls-config', severity: 'warning', line: 18, column: 7 },
        { ruleId: 'kubelet-scheme', severity: 'error', line: 18, column: 13 },
        { ruleId: 'kubelet-metrics-path', severity: 'warning', line: 19, column: 13 },
      ]),
    );
    const readonly = report.findings.find((f) => f.ruleId === 'kubelet-readonly-port')!;
    expect({ endLine: readonly.endLine, endColumn: readonly.endColumn }).toEqual({ endLine: 15, endColumn: 25 });
  });

  test('the fixed example exits 0 (no error or warning)', () => {
    const dir = examplesDir();
    const result = runCli(['--format', 'json', 'kubelet-fixed.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const { summary } = parseReport(result.stdout);
    expect(summary.errors).toBe(0);
    expect(summary.warnings).toBe(0);
  });

  test('the README command `scrapelint examples/` exits 1', () => {
    const result = runCli(['examples/'], { cwd: ROOT });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('examples/kubelet-broken.yaml');
    expect(result.stdout).toContain('kubelet-readonly-port');
  });

  // [file, --fail-on (undefined: the default), expected exit code]
  const cases: [string, string | undefined, number][] = [
    ['broken (errors)', undefined, 1],
    ['broken (errors)', 'error', 1],
    ['broken (errors)', 'warning', 1],
    ['broken (errors)', 'info', 1],
    ['broken (errors)', 'none', 0],
    ['warning + info', undefined, 0],
    ['warning + info', 'error', 0],
    ['warning + info', 'warning', 1],
    ['warning + info', 'info', 1],
    ['warning + info', 'none', 0],
    ['fixed (info only)', undefined, 0],
    ['fixed (info only)', 'error', 0],
    ['fixed (info only)', 'warning', 0],
    ['fixed (info only)', 'info', 1],
    ['fixed (info only)', 'none', 0],
    ['clean (no findings)', 'info', 0],
  ];
  const texts: Record<string, string> = {
    'broken (errors)': BROKEN,
    'warning + info': WARNING_ONLY,
    'fixed (info only)': FIXED,
    'clean (no findings)': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: x, namespace: y}\nspec:\n  selector: {matchLabels: {app: x}}\n  endpoints:\n  - port: metrics\n',
  };

  test('the warning fixture has exactly one warning and one info', () => {
    const dir = temp.make();
    writeTree(dir, { 'm.yaml': WARNING_ONLY });
    const report = parseReport(runCli(['--format', 'json', '--fail-on', 'none', 'm.yaml'], { cwd: dir }).stdout);
    expect(report.findings.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['deprecated-bearer-token-file', 'info'],
      ['kubelet-metrics-path', 'warning'],
    ]);
  });

  test.each(cases)('%s with --fail-on %s exits %d', (name, failOn, expected) => {
    const dir = temp.make();
    writeTree(dir, { 'm.yaml': texts[name] });
    for (const format of ['text', 'json']) {
      const args = [...(failOn ? ['--fail-on', failOn] : []), '--format', format, 'm.yaml'];
      const result = runCli(args, { cwd: dir });
      expect({ format, status: result.status, stderr: result.stderr }).toEqual({ format, status: expected, stderr: '' });
    }
  });

  test('no paths lints the working folder (default ".")', () => {
    const dir = temp.make();
    writeTree(dir, { 'deploy/kubelet.yaml': BROKEN });
    const result = runCli(['--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(filesOf(parseReport(result.stdout))).toEqual(['deploy/kubelet.yaml']);
  });

  test('a folder with no YAML or JSON file is an error (a mistyped path), unless --no-error-on-unmatched-pattern', () => {
    const dir = temp.make();
    writeTree(dir, { 'README.md': '# nothing to lint\n' });
    const result = runCli(['.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('scrapelint: no YAML or JSON file in . (pass --no-error-on-unmatched-pattern if that is expected)\n');
    const allowed = runCli(['--no-error-on-unmatched-pattern', '.'], { cwd: dir });
    expect({ status: allowed.status, stderr: allowed.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('files without a monitoring object: exit 0, and a warning on stderr to check the paths', () => {
    const dir = temp.make();
    writeTree(dir, { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n' });
    const result = runCli(['cm.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('scrapelint: warning: no monitoring object (ServiceMonitor, PodMonitor, Probe, ScrapeConfig, Prometheus, PrometheusAgent) in the file read; check the paths\n');
  });

  test('--quiet reports errors only; --max-warnings N fails a run with more warnings', () => {
    const dir = temp.make();
    writeTree(dir, { 'm.yaml': WARNING_ONLY });
    const quiet = runCli(['--quiet', '--format', 'json', 'm.yaml'], { cwd: dir });
    expect({ status: quiet.status, findings: parseReport(quiet.stdout).findings }).toEqual({ status: 0, findings: [] });
    const many = runCli(['--max-warnings', '0', 'm.yaml'], { cwd: dir });
    expect(many.status).toBe(1);
    expect(many.stderr).toBe('scrapelint: 1 warning, more than --max-warnings 0\n');
    expect(runCli(['--max-warnings', '1', 'm.yaml'], { cwd: dir }).status).toBe(0);
    expect(runCli(['--max-warnings', 'x', 'm.yaml'], { cwd: dir }).stderr).toContain('invalid value "x" for --max-warnings');
  });

  test('"help" is the help; a misspelt flag or value gets a did-you-mean', () => {
    const dir = temp.make();
    const help = runCli(['help'], { cwd: dir });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: scrapelint');
    const flag = runCli(['--formt', 'json', '.'], { cwd: dir });
    expect(flag.status).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe("scrapelint: unknown option '--formt' (did you mean --format?)");
    expect(runCli(['--format', 'jsno', '.'], { cwd: dir }).stderr.split('\n')[0]).toBe('scrapelint: invalid value "jsno" for --format: expected one of text, compact, json, sarif, github (did you mean json?)');
  });
});

describe('usage and input errors: exit 2, one line on stderr, no stack trace', () => {
  test('unknown flag', () => {
    const dir = examplesDir();
    const line = expectCleanError(runCli(['--bogus', '.'], { cwd: dir }));
    expect(line).toContain('--bogus');
  });

  test('bad --format value', () => {
    const dir = examplesDir();
    const result = runCli(['--format', 'xml', '.'], { cwd: dir });
    const line = expectCleanError(result);
    expect(line).toContain('xml');
    expect(line).toContain('--format');
    expect(result.stdout).toBe('');
  });

  test('--format without a value', () => {
    expectCleanError(runCli(['--format'], { cwd: examplesDir() }), /format/);
  });

  test('bad --fail-on value', () => {
    const line = expectCleanError(runCli(['--fail-on', 'fatal', '.'], { cwd: examplesDir() }));
    expect(line).toContain('fatal');
  });

  test('--color together with --no-color', () => {
    expectCleanError(runCli(['--color', '--no-color', '.'], { cwd: examplesDir() }));
  });

  test('nonexistent path', () => {
    const dir = examplesDir();
    const result = runCli(['no/such/place.yaml'], { cwd: dir });
    const line = expectCleanError(result);
    expect(line).toContain('no/such/place.yaml');
    expect(result.stdout).toBe('');
  });

  test('nonexistent path next to a file with findings still exits 2', () => {
    const dir = examplesDir();
    expectCleanError(runCli(['kubelet-broken.yaml', 'missing-folder/'], { cwd: dir }), /missing-folder/);
    expectCleanError(runCli(['--format', 'json', 'kubelet-broken.yaml', 'missing.yaml'], { cwd: dir }), /missing\.yaml/);
  });

  test('"-" twice', () => {
    expectCleanError(runCli(['-', '-'], { cwd: temp.make(), input: BROKEN }));
  });

  test('`rules` with an argument', () => {
    expectCleanError(runCli(['rules', 'extra'], { cwd: temp.make() }), /rules/);
  });

  const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo'], { encoding: 'utf8' }).status === 0;
  (hasMkfifo ? test : test.skip)('a named path that is neither a file nor a folder (a FIFO)', () => {
    const dir = temp.make();
    expect(spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status).toBe(0);
    expectCleanError(runCli(['pipe.yaml'], { cwd: dir }), /pipe\.yaml/);
  });

  test('stdout closed early (`scrapelint . | head -1`): no stack trace, at most one line on stderr', async () => {
    const dir = temp.make();
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`m${String(i).padStart(3, '0')}.yaml`] = BROKEN; // about 1.5 MB of report
    writeTree(dir, files);
    const child = spawn(process.execPath, [CLI, '.'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(typeof status).toBe('number');
    expect(stderr).not.toMatch(/^\s+at |throw er|Unhandled 'error'/m);
    expect(stderr.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(1);
  });

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (isRoot ? test.skip : test)('an unreadable file (I/O error; skipped as root)', () => {
    const dir = temp.make();
    writeTree(dir, { 'secret.yaml': BROKEN });
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    try {
      expectCleanError(runCli(['secret.yaml'], { cwd: dir }), /secret\.yaml/);
    } finally {
      chmodSync(join(dir, 'secret.yaml'), 0o644);
    }
  });
});

describe('--format json', () => {
  const KEYS = ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'ruleId', 'severity'];

  test('follows the contract: findings with relative forward-slash files, fixes, summary counts', () => {
    const dir = temp.make();
    writeTree(dir, { 'manifests/kubelet-broken.yaml': BROKEN, 'manifests/nested/kubelet-fixed.yaml': FIXED });
    const result = runCli(['--format', 'json', 'manifests'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(ANSI.test(result.stdout)).toBe(false);
    const report = parseReport(result.stdout);
    expect(Object.keys(report).sort()).toEqual(['findings', 'summary']);
    expect(filesOf(report)).toEqual(['manifests/kubelet-broken.yaml', 'manifests/nested/kubelet-fixed.yaml']);

    for (const f of report.findings) {
      const keys = Object.keys(f).filter((k) => k !== 'fix').sort();
      expect(keys).toEqual(KEYS);
      expect(typeof f.ruleId).toBe('string');
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(0);
      for (const n of [f.line, f.column, f.endLine, f.endColumn]) {
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(1);
      }
      expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)).toBe(true);
      expect(f.file).not.toMatch(/\\|^\//);
    }

    const { summary } = report;
    const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
    expect(summary).toEqual({
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      fixable: report.findings.filter((f) => f.fix !== undefined).length,
      suggestions: report.findings.filter((f) => (f as { suggestions?: unknown }).suggestions !== undefined).length,
      files: 2,
      // Removed by inline suppressions and by the baseline (none here).
      suppressed: 0,
      baselined: 0,
      // Documents that do not parse and are none of scrapelint's business (none here).
      unreadable: 0,
      // The monitoring objects read: one ServiceMonitor in each example.
      objects: 2,
    });
    expect(summary.errors).toBeGreaterThanOrEqual(3);
    expect(summary.infos).toBeGreaterThanOrEqual(1);
  });

  test('fix edits are present for fixable findings and agree with the source', () => {
    const dir = temp.make();
    writeTree(dir, { 'kubelet.yaml': BROKEN });
    const report = parseReport(runCli(['--format', 'json', 'kubelet.yaml'], { cwd: dir }).stdout);
    const readonly = report.findings.find((f) => f.ruleId === 'kubelet-readonly-port');
    expect(readonly?.fix?.edits.length).toBeGreaterThan(0);
    // Rules whose fix is obvious: each must come with one.
    for (const id of ['kubelet-readonly-port', 'kubelet-scheme', 'kubelet-metrics-path', 'kubelet-honor-labels', 'kubelet-tls-config']) {
      const finding = report.findings.find((f) => f.ruleId === id);
      expect({ id, fix: finding?.fix !== undefined }).toEqual({ id, fix: true });
    }
    for (const f of report.findings) {
      for (const edit of f.fix?.edits ?? []) {
        expect(Object.keys(edit).sort()).toEqual(['end', 'range', 'start', 'text']);
        const [start, end] = edit.range;
        expect(Number.isInteger(start) && Number.isInteger(end) && start <= end && end <= BROKEN.length).toBe(true);
        expect(typeof edit.text).toBe('string');
        expect(edit.start).toEqual(positionOf(BROKEN, start));
        expect(edit.end).toEqual(positionOf(BROKEN, end));
      }
    }
    // The read-only-port endpoint would become a copy of the https-metrics one (which scrapes
    // /metrics/cadvisor once its path is fixed): its fix drops it, and the finding goes away.
    const first = readonly!.fix!.edits[0];
    expect(BROKEN.slice(first.range[0], first.range[1])).toBe('    - port: http-metrics # cAdvisor: container CPU and memory\n      path: /metrics/cadvisor\n      interval: 30s\n');
    expect(first.text).toBe('');
    let fixed = BROKEN;
    for (const edit of [...readonly!.fix!.edits].sort((a, b) => b.range[0] - a.range[0])) {
      fixed = fixed.slice(0, edit.range[0]) + edit.text + fixed.slice(edit.range[1]);
    }
    const again = parseReport(runCli(['--format', 'json', '-'], { cwd: dir, input: fixed }).stdout);
    expect(again.findings.map((f) => f.ruleId)).not.toContain('kubelet-readonly-port');
  });

  test('file names are relative to the working folder however the path is given', () => {
    const dir = temp.make();
    writeTree(dir, { 'a/b/kubelet.yaml': BROKEN });
    const given = [join(dir, 'a', 'b', 'kubelet.yaml'), './a/../a/b/kubelet.yaml', 'a/b/', join(dir, 'a')];
    for (const path of given) {
      const report = parseReport(runCli(['--format', 'json', path], { cwd: dir }).stdout);
      expect({ path, files: filesOf(report) }).toEqual({ path, files: ['a/b/kubelet.yaml'] });
    }
    // From a sibling folder: a relative path that goes up.
    const report = parseReport(runCli(['--format', 'json', join(dir, 'a')], { cwd: join(dir, 'a', 'b') }).stdout);
    expect(filesOf(report)).toEqual(['kubelet.yaml']);
    writeTree(dir, { 'c/': '' });
    const up = parseReport(runCli(['--format', 'json', '../a/b/kubelet.yaml'], { cwd: join(dir, 'c') }).stdout);
    expect(filesOf(up)).toEqual(['../a/b/kubelet.yaml']);
  });

  test('JSON input files are linted with positions in the JSON text', () => {
    const dir = temp.make();
    writeTree(dir, { 'kubelet.json': BROKEN_JSON });
    const result = runCli(['--format', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    const finding = parseReport(result.stdout).findings.find((f) => f.ruleId === 'kubelet-readonly-port')!;
    expect(finding.file).toBe('kubelet.json');
    const lineText = BROKEN_JSON.split('\n')[finding.line - 1];
    expect(lineText.slice(finding.column - 1)).toMatch(/^"?http-metrics/);
  });

  test('never has colour, even with FORCE_COLOR=1 or --color', () => {
    const dir = examplesDir();
    for (const [args, env] of [
      [['--format', 'json', '.'], { FORCE_COLOR: '1' }],
      [['--format', 'json', '--color', '.'], {}],
    ] as const) {
      const result = runCli(args, { cwd: dir, env });
      expect(ANSI.test(result.stdout)).toBe(false);
      parseReport(result.stdout);
    }
  });
});

describe('text format', () => {
  const lines = (s: string) => s.replace(/\r\n/g, '\n').split('\n');
  const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

  test('groups by file with line:col, severity, message, rule id, the source line and a caret', () => {
    const dir = temp.make();
    writeTree(dir, { 'k8s/kubelet-broken.yaml': BROKEN, 'k8s/kubelet-fixed.yaml': FIXED });
    const result = runCli(['k8s'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(ANSI.test(result.stdout)).toBe(false);
    const out = lines(result.stdout);

    const header = out.indexOf('k8s/kubelet-broken.yaml');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(out).toContain('k8s/kubelet-fixed.yaml');

    const at = out.findIndex((l) => /^\s+15:13\s+error\s+.+\s+kubelet-readonly-port\s*$/.test(l));
    expect(at).toBeGreaterThan(header);
    // The finding belongs to the broken file's group: no other header between them.
    expect(out.slice(header + 1, at).some((l) => /^\S/.test(l))).toBe(false);

    const sourceText = BROKEN.split('\n')[14];
    const source = out[at + 1];
    const caret = out[at + 2];
    expect(source).toMatch(/^\s+15 \| /);
    const sourceStart = source.indexOf('| ') + 2;
    expect(source.slice(sourceStart)).toBe(sourceText);
    expect(caret).toMatch(/^\s+\| \s*\^+\s*$/);
    const caretStart = caret.indexOf('| ') + 2;
    expect(caretStart).toBe(sourceStart);
    expect(caret.indexOf('^') - caretStart).toBe(12); // column 13
    expect((caret.match(/\^/g) ?? []).length).toBe(12); // to endColumn 25: "http-metrics"

    for (const [where, severity, rule] of [
      ['18:13', 'error', 'kubelet-scheme'],
      ['19:13', 'warning', 'kubelet-metrics-path'],
      ['24:7', 'info', 'deprecated-bearer-token-file'],
    ]) {
      expect(out.some((l) => new RegExp(`^\\s+${where}\\s+${severity}\\s+.+\\s+${rule}\\s*$`).test(l))).toBe(true);
    }
    expect(result.stdout).toMatch(/\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\)/);
  });

  test('a clean run says so', () => {
    const dir = temp.make();
    writeTree(dir, { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' });
    const result = runCli(['.'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/no problems/i);
  });

  test('no ANSI escape codes when not a TTY', () => {
    const result = runCli(['.'], { cwd: examplesDir() });
    expect(result.status).toBe(1);
    expect(ANSI.test(result.stdout)).toBe(false);
    expect(ANSI.test(result.stderr)).toBe(false);
  });

  test('no ANSI escape codes with NO_COLOR=1 (even with FORCE_COLOR=1) or --no-color', () => {
    const dir = examplesDir();
    for (const [args, env] of [
      [['.'], { NO_COLOR: '1' }],
      [['.'], { NO_COLOR: '1', FORCE_COLOR: '1' }],
      [['--no-color', '.'], { FORCE_COLOR: '1' }],
      [['.'], { FORCE_COLOR: '0' }],
    ] as const) {
      const result = runCli(args, { cwd: dir, env });
      expect({ args, env, ansi: ANSI.test(result.stdout) }).toEqual({ args, env, ansi: false });
      expect(result.status).toBe(1);
    }
  });

  test('colours with --color and with FORCE_COLOR=1; the same text once stripped', () => {
    const dir = examplesDir();
    const plain = runCli(['.'], { cwd: dir }).stdout;
    for (const [args, env] of [
      [['--color', '.'], {}],
      [['.'], { FORCE_COLOR: '1' }],
    ] as const) {
      const result = runCli(args, { cwd: dir, env });
      expect({ args, env, ansi: ANSI.test(result.stdout) }).toEqual({ args, env, ansi: true });
      expect(strip(result.stdout)).toBe(plain);
      expect(result.status).toBe(1);
    }
  });

  const script = hasScript();
  (script ? test : test.skip)('on a terminal: colours by default, none with NO_COLOR=1 (via util-linux script)', () => {
    const dir = examplesDir();
    const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)} kubelet-broken.yaml`;
    const onTty = (env: Record<string, string>) =>
      run('script', ['-qec', command, '/dev/null'], { cwd: dir, env: cleanEnv({ TERM: 'xterm', ...env }), input: '' });
    const colored = onTty({});
    expect(colored.status).toBe(1);
    expect(ANSI.test(colored.stdout)).toBe(true);
    expect(strip(colored.stdout)).toContain('kubelet-readonly-port');
    const noColor = onTty({ NO_COLOR: '1' });
    expect(noColor.status).toBe(1);
    expect(ANSI.test(noColor.stdout)).toBe(false);
    expect(noColor.stdout).toContain('kubelet-readonly-port');
  });
});

describe('standard input', () => {
  test('"-" reads one stream, reported as <stdin>', () => {
    const dir = temp.make();
    const result = runCli(['--format', 'json', '-'], { cwd: dir, input: BROKEN });
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(filesOf(report)).toEqual(['<stdin>']);
    expect(report.findings.map(brief)).toContainEqual({ ruleId: 'kubelet-readonly-port', severity: 'error', line: 15, column: 13 });
    expect(report.summary.files).toBe(1);
  });

  test('several documents in one stream', () => {
    const dir = temp.make();
    const result = runCli(['--format', 'json', '-'], { cwd: dir, input: `${FIXED}---\n${BROKEN}` });
    expect(result.status).toBe(1);
    const offset = FIXED.split('\n').length; // lines of FIXED (ends with a newline) plus the --- line
    const readonly = parseReport(result.stdout).findings.find((f) => f.ruleId === 'kubelet-readonly-port')!;
    expect([readonly.line, readonly.column]).toEqual([offset + 15, 13]);
  });

  test('--stdin-filename names the stream in JSON and text', () => {
    const dir = temp.make();
    const json = runCli(['--format', 'json', '--stdin-filename', 'deploy/kubelet.yaml', '-'], { cwd: dir, input: BROKEN });
    expect(json.status).toBe(1);
    expect(filesOf(parseReport(json.stdout))).toEqual(['deploy/kubelet.yaml']);

    const text = runCli(['-', '--stdin-filename', 'deploy/kubelet.yaml'], { cwd: dir, input: BROKEN });
    expect(text.status).toBe(1);
    const out = text.stdout.split('\n');
    expect(out).toContain('deploy/kubelet.yaml');
    expect(out.some((l) => /^\s+15 \| {5}- port: http-metrics/.test(l))).toBe(true); // the source excerpt from stdin
  });

  test('"-" together with files', () => {
    const dir = temp.make();
    writeTree(dir, { 'fixed.yaml': FIXED });
    const result = runCli(['--format', 'json', '--fail-on', 'none', 'fixed.yaml', '-'], { cwd: dir, input: BROKEN });
    expect(result.status).toBe(0);
    const report = parseReport(result.stdout);
    expect(filesOf(report)).toEqual(['<stdin>', 'fixed.yaml']);
    expect(report.summary.files).toBe(2);
  });

  test('--stdin-filename given as an absolute or ./ path is reported relative to the working folder', () => {
    const dir = temp.make();
    for (const name of [join(dir, 'deploy', 'kubelet.yaml'), './deploy/kubelet.yaml']) {
      const result = runCli(['--format', 'json', '--stdin-filename', name, '-'], { cwd: dir, input: BROKEN });
      expect({ name, files: filesOf(parseReport(result.stdout)) }).toEqual({ name, files: ['deploy/kubelet.yaml'] });
    }
  });

  test('empty standard input is clean', () => {
    const result = runCli(['-'], { cwd: temp.make(), input: '' });
    expect(result.status).toBe(0);
    // An empty stream (a chart that renders nothing) is clean, and worth a word.
    expect(result.stderr).toBe('scrapelint: warning: no monitoring object (ServiceMonitor, PodMonitor, Probe, ScrapeConfig, Prometheus, PrometheusAgent) in the file read; check the paths\n');
  });
});

describe('finding files', () => {
  const repo = () => {
    const root = temp.make();
    writeTree(root, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/config.yaml': BROKEN, // never linted: .git is skipped
      '.gitignore': 'build/\n*.generated.yaml\n/sub/ignored-by-root/\n',
      'a.yaml': BROKEN,
      'b.yml': BROKEN,
      'c.json': BROKEN_JSON,
      'notes.txt': BROKEN, // not a manifest extension
      'README.md': '# not linted\n',
      'node_modules/pkg/sm.yaml': BROKEN,
      'build/sm.yaml': BROKEN,
      'x.generated.yaml': BROKEN,
      'sub/.gitignore': 'gen/\n*.json\n!keep.json\n',
      'sub/gen/sm.yaml': BROKEN,
      'sub/keep.json': BROKEN_JSON,
      'sub/drop.json': BROKEN_JSON,
      'sub/ignored-by-root/sm.yaml': BROKEN,
      'sub/node_modules/m.yaml': BROKEN,
      'sub/deep/z.yaml': BROKEN,
      'sub/deep/other.generated.yaml': BROKEN,
      'sub/deep/.git/x.yaml': BROKEN,
    });
    return root;
  };
  const lintedFiles = (args: string[], cwd: string) => {
    const result = runCli(['--format', 'json', '--fail-on', 'none', ...args], { cwd });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    return filesOf(parseReport(result.stdout));
  };

  test('walks for .yaml, .yml and .json; skips node_modules, .git and .gitignore (root and nested)', () => {
    const root = repo();
    expect(lintedFiles(['.'], root)).toEqual(['a.yaml', 'b.yml', 'c.json', 'sub/deep/z.yaml', 'sub/keep.json']);
    expect(lintedFiles(['sub'], root)).toEqual(['sub/deep/z.yaml', 'sub/keep.json']);
  });

  test('applies the .gitignore of ancestor folders up to the repository root (the folder with .git)', () => {
    const root = repo();
    expect(lintedFiles(['.'], join(root, 'sub'))).toEqual(['deep/z.yaml', 'keep.json']);
    expect(lintedFiles(['.'], join(root, 'sub', 'deep'))).toEqual(['z.yaml']);
    // A folder named from outside the repository gets the same treatment.
    const outside = temp.make();
    const files = lintedFiles([join(root, 'sub')], outside);
    expect(files.map((f) => resolve(outside, f))).toEqual([`${root}/sub/deep/z.yaml`, `${root}/sub/keep.json`]);
    expect(files.every((f) => f.startsWith('../'))).toBe(true);
  });

  test('outside a repository, .gitignore files above the named folder do not apply', () => {
    const root = temp.make();
    writeTree(root, { '.gitignore': '*.yaml\n', 'sub/a.yaml': BROKEN });
    expect(lintedFiles(['.'], join(root, 'sub'))).toEqual(['a.yaml']);
    // ...but one in the named folder itself does.
    expect(lintedFiles(['.'], root)).toEqual([]);
  });

  test('lints explicitly named files whatever their name or ignore status', () => {
    const root = repo();
    const named = ['build/sm.yaml', 'x.generated.yaml', 'sub/gen/sm.yaml', 'node_modules/pkg/sm.yaml', 'notes.txt', 'sub/drop.json'];
    expect(lintedFiles(named, root)).toEqual([...named].sort());
    const result = runCli(['sub/gen/sm.yaml'], { cwd: root });
    expect(result.status).toBe(1);
  });

  test('a file named twice, or named and inside a named folder, is linted once', () => {
    const root = repo();
    const result = runCli(['--format', 'json', 'a.yaml', './a.yaml', '.'], { cwd: root });
    const report = parseReport(result.stdout);
    expect(report.summary.files).toBe(5);
    const readonly = report.findings.filter((f) => f.ruleId === 'kubelet-readonly-port' && f.file === 'a.yaml');
    expect(readonly).toHaveLength(1);
  });

  test('a folder named rules is linted with ./rules', () => {
    const dir = temp.make();
    writeTree(dir, { 'rules/sm.yaml': BROKEN });
    const result = runCli(['--format', 'json', './rules'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(filesOf(parseReport(result.stdout))).toEqual(['rules/sm.yaml']);
  });
});

describe('scrapelint rules', () => {
  const expected = ruleFileIds();

  test('lists every rule of rules/*.yaml with its severity and description', () => {
    const result = runCli(['rules'], { cwd: temp.make() });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.stdout.trimEnd().split('\n');
    const listed = rows.map((row) => {
      const m = /^(\S+)\s+(error|warning|info)\s+(\S.*)$/.exec(row);
      if (!m) throw new Error(`unexpected row: ${JSON.stringify(row)}`);
      return { id: m[1], severity: m[2], description: m[3] };
    });
    expect(listed.map(({ id, severity }) => ({ id, severity })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected);
    for (const rule of listed) expect(rule.description.length).toBeGreaterThan(10);
  });

  test('--format json parses and lists the same rules', () => {
    const result = runCli(['rules', '--format', 'json'], { cwd: temp.make() });
    expect(result.status).toBe(0);
    const rules = JSON.parse(result.stdout) as { id: string; severity: string; description: string }[];
    expect(Array.isArray(rules)).toBe(true);
    expect(rules.map(({ id, severity }) => ({ id, severity })).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected);
    for (const rule of rules) expect(typeof rule.description).toBe('string');
  });

  test('--color does not affect `rules --format json`', () => {
    const result = runCli(['rules', '--format', 'json', '--color'], { cwd: temp.make(), env: { FORCE_COLOR: '1' } });
    expect(ANSI.test(result.stdout)).toBe(false);
    JSON.parse(result.stdout);
  });
});

describe('--help and --version', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  test.each([['--help'], ['-h']])('%s prints the usage and exits 0', (flag) => {
    const result = runCli([flag], { cwd: temp.make() });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: scrapelint/);
    for (const word of ['--format', '--fail-on', '--stdin-filename', 'rules', 'Exit codes']) expect(result.stdout).toContain(word);
  });

  test.each([['--version'], ['-v']])('%s prints the package version and exits 0', (flag) => {
    const result = runCli([flag], { cwd: temp.make() });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${version}\n`);
  });

  test('--help wins over paths that do not exist', () => {
    const result = runCli(['--help', 'nowhere'], { cwd: temp.make() });
    expect(result.status).toBe(0);
  });
});
