// --fix and --fix-dry-run through the built CLI (dist/cli.js), in temporary folders, as a user
// runs them: the bytes written, the diff printed, what remains and the exit status, --fix-type and
// --rule, usage errors, file modes and symbolic links, and the real-world corpus of
// ../shared/corpus (skipped with a message when absent). Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { structuredPatch } from 'diff';
import { parse } from 'yaml';
import { assertBuilt, BROKEN, FIXED, ROOT, expectCleanError, parseReport, run, runCli, tempDirs, writeTree, type JsonFinding, type JsonReport } from './helpers.js';

const temp = tempDirs('scrapelint-fix-');
afterAll(() => temp.cleanup());
beforeAll(() => assertBuilt());

/** examples/kubelet-broken.yaml after one --fix, reviewed by hand (shared with __tests__/engine/fixer.test.ts). */
const BROKEN_FIXED = readFileSync(join(ROOT, '__tests__', 'fixtures', 'fix', 'kubelet-broken.fixed.yaml'), 'utf8');
const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** What --fix-dry-run prints for examples/kubelet-broken.yaml, before the report. */
// The dead first endpoint is dropped (the second scrapes /metrics/cadvisor on https-metrics
// once its path is fixed); the line diff shows it as the second one's lines going.
const BROKEN_DIFF = `--- a/examples/kubelet-broken.yaml
+++ b/examples/kubelet-broken.yaml
@@ -12,9 +12,14 @@
     matchLabels:
       k8s-app: kubelet
   endpoints:
-    - port: http-metrics # cAdvisor: container CPU and memory
+    - port: https-metrics
       path: /metrics/cadvisor
       interval: 30s
-    - port: https-metrics
-      path: /metrics/cAdvisor
-      interval: 30s
+      bearerTokenFile: ${TOKEN}
+      honorLabels: true
+      tlsConfig:
+        insecureSkipVerify: true
+      scheme: https
+  namespaceSelector:
+    matchNames:
+      - kube-system
`;

const ONE_SPACE = (s: string) => s.split('\n').map((l) => (l === '' || l.startsWith('#') ? l : ` ${l}`)).join('\n');
const CRLF = (s: string) => s.replace(/\n/g, '\r\n');
const BOM = (s: string) => `\uFEFF${s}`;
const NO_FINAL_NEWLINE = (s: string) => s.replace(/\n$/, '');

/** A temporary folder with examples/kubelet-broken.yaml (and whatever else is given). */
function brokenDir(files: Record<string, string> = {}): string {
  const dir = temp.make();
  writeTree(dir, { 'examples/kubelet-broken.yaml': BROKEN, ...files });
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const bytes = (dir: string, file: string) => readFileSync(join(dir, file));

/** The report after the "Applied/Would apply ... what remains:" line of the text output. */
function preamble(stdout: string): string {
  const match = /^(Applied|Would apply) \d+ fix(es)? in \d+ files?; what remains:$/m.exec(stdout);
  if (!match) throw new Error(`no "Applied ... what remains:" line in:\n${stdout}`);
  return match[0];
}

/** Every file under `dir` (relative paths, sorted), with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Files whose bytes differ between two snapshots (or that appeared or went). */
function changedFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => !before.get(n) || !after.get(n) || !before.get(n)!.equals(after.get(n)!)).sort();
}

function hasGit(): boolean {
  return spawnSync('git', ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * git, with no user or system configuration (no autocrlf, no colour, no pager), and never looking
 * above `cwd` for a repository (so that `git apply` patches the files of `cwd`).
 */
function git(args: string[], cwd: string, input?: string) {
  return run('git', ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', '-c', 'color.ui=false', ...args], {
    cwd,
    input,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_PAGER: 'cat', GIT_CEILING_DIRECTORIES: dirname(cwd) },
  });
}

/** `git diff --no-index` of two files (the diff a user sees), relabelled a/<name> b/<name>. */
function gitDiff(before: string, after: string, name: string): string {
  const dir = temp.make();
  writeFileSync(join(dir, 'before'), before);
  writeFileSync(join(dir, 'after'), after);
  const result = git(['diff', '--no-index', '--no-color', 'before', 'after'], dir);
  return result.stdout.replace(/a\/before/g, `a/${name}`).replace(/b\/after/g, `b/${name}`);
}

// ---------------------------------------------------------------------------------------------

describe('--fix on examples/kubelet-broken.yaml: the catalogue endpoint in one run', () => {
  test('one run writes one working endpoint per path; only infos remain, so the exit status is 0', () => {
    const dir = brokenDir();
    const result = runCli(['--fix', 'examples/kubelet-broken.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(preamble(result.stdout)).toBe('Applied 7 fixes in 1 file; what remains:');
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN_FIXED);
    // One endpoint, the catalogue's working endpoint (examples/kubelet-fixed.yaml), key order aside:
    // the dead one would have become a copy of it, so the fix dropped it.
    const fixed = parse(read(dir, 'examples/kubelet-broken.yaml')) as { spec: { endpoints: unknown[]; namespaceSelector: unknown } };
    const catalogue = parse(FIXED) as { spec: { endpoints: unknown[]; namespaceSelector: unknown } };
    expect(fixed.spec.endpoints).toEqual([catalogue.spec.endpoints[0]]);
    expect(fixed.spec.namespaceSelector).toEqual(catalogue.spec.namespaceSelector);
    // The file is linted again: none of the fixed rules remain, nothing fixable remains.
    const again = parseReport(runCli(['--format', 'json', 'examples/kubelet-broken.yaml'], { cwd: dir }).stdout);
    expect(again.findings.map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual(['18 deprecated-bearer-token-file info']);
    expect(again.summary.fixable).toBe(0);
    const diff = gitDiff(BROKEN, read(dir, 'examples/kubelet-broken.yaml'), 'examples/kubelet-broken.yaml');
    console.log(`examples/kubelet-broken.yaml after one --fix (git diff):\n${diff}`);
    // git may align the lines otherwise than scrapelint's diff; the change is the same.
    expect(diff).toContain('-    - port: http-metrics # cAdvisor: container CPU and memory');
    expect(diff).toContain('-      path: /metrics/cAdvisor');
  });

  test('a second --fix changes nothing', () => {
    const dir = brokenDir();
    runCli(['--fix', '.'], { cwd: dir });
    const before = snapshot(dir);
    const second = runCli(['--fix', '.'], { cwd: dir });
    expect(second.status).toBe(0);
    expect(preamble(second.stdout)).toBe('Applied 0 fixes in 0 files; what remains:');
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
  });

  test('the report after --fix is what a fresh lint of the written files reports', () => {
    const dir = brokenDir();
    const fixing = parseReport(runCli(['--fix', '--format', 'json', '.'], { cwd: dir }).stdout);
    const fresh = parseReport(runCli(['--format', 'json', '.'], { cwd: dir }).stdout);
    expect(fixing).toEqual(fresh);
    expect(fixing).not.toHaveProperty('diffs');
  });

  test('no temporary file is left next to the fixed file', () => {
    const dir = brokenDir();
    runCli(['--fix', '.'], { cwd: dir });
    expect(readdirSync(join(dir, 'examples'))).toEqual(['kubelet-broken.yaml']);
  });
});

describe('--fix-dry-run: a unified diff, nothing written', () => {
  test('prints the diff, then what would remain; the file is untouched; the exit status is what --fix would give', () => {
    const dir = brokenDir();
    const mtime = statSync(join(dir, 'examples/kubelet-broken.yaml')).mtimeMs;
    const result = runCli(['--fix-dry-run', 'examples/kubelet-broken.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith(`${BROKEN_DIFF}Would apply 7 fixes in 1 file; what remains:\n`)).toBe(true);
    expect(result.stdout).toMatch(/1 problem \(0 errors, 0 warnings, 1 info\)/);
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN);
    expect(statSync(join(dir, 'examples/kubelet-broken.yaml')).mtimeMs).toBe(mtime);
    expect(readdirSync(join(dir, 'examples'))).toEqual(['kubelet-broken.yaml']);
  });

  test('JSON: `diffs` holds the diff by file; findings are what would remain', () => {
    const dir = brokenDir();
    const result = runCli(['--fix-dry-run', '--format', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(0);
    const report = parseReport(result.stdout) as JsonReport & { diffs: { file: string; diff: string }[] };
    expect(report.diffs).toEqual([{ file: 'examples/kubelet-broken.yaml', diff: BROKEN_DIFF }]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['deprecated-bearer-token-file']);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, infos: 1, fixable: 0 });
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN);
  });

  test('the printed diff, applied with git apply, gives exactly what --fix writes (CRLF, BOM, no final newline, one-space indent)', () => {
    if (!hasGit()) {
      console.log('git is not installed: the git apply check is skipped');
      return;
    }
    const files = {
      'plain.yaml': BROKEN,
      'crlf.yaml': CRLF(BROKEN),
      'bom.yaml': BOM(BROKEN),
      'nofinal.yaml': NO_FINAL_NEWLINE(BROKEN),
      'onespace.yaml': ONE_SPACE(BROKEN),
      'all.yaml': BOM(CRLF(NO_FINAL_NEWLINE(ONE_SPACE(BROKEN)))),
    };
    const dryDir = temp.make();
    writeTree(dryDir, files);
    const report = parseReport(runCli(['--fix-dry-run', '--format', 'json', '.'], { cwd: dryDir }).stdout) as JsonReport & { diffs: { file: string; diff: string }[] };
    expect(report.diffs.map((d) => d.file).sort()).toEqual(Object.keys(files).sort());
    expect(changedFiles(new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])), snapshot(dryDir))).toEqual([]);
    for (const { diff } of report.diffs) {
      const result = git(['apply', '-'], dryDir, diff);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const fixDir = temp.make();
    writeTree(fixDir, files);
    expect(runCli(['--fix', '.'], { cwd: fixDir }).status).toBe(0);
    const byDryRun = snapshot(dryDir);
    const byFix = snapshot(fixDir);
    for (const name of Object.keys(files)) expect([name, byDryRun.get(name)!.toString('utf8')]).toEqual([name, byFix.get(name)!.toString('utf8')]);
  });

  test('standard input: `--fix-dry-run -` prints the diff for <stdin> (or the --stdin-filename)', () => {
    const dir = temp.make();
    const plain = runCli(['--fix-dry-run', '-'], { cwd: dir, input: BROKEN });
    expect(plain.status).toBe(0);
    expect(plain.stdout.startsWith(BROKEN_DIFF.replace(/examples\/kubelet-broken\.yaml/g, '<stdin>'))).toBe(true);
    const named = runCli(['--fix-dry-run', '--stdin-filename', 'deploy/kubelet.yaml', '-'], { cwd: dir, input: BROKEN });
    expect(named.stdout.startsWith(BROKEN_DIFF.replace(/examples\/kubelet-broken\.yaml/g, 'deploy/kubelet.yaml'))).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('`--fix -` is a usage error: standard input cannot be written', () => {
    const dir = temp.make();
    const result = runCli(['--fix', '-'], { cwd: dir, input: BROKEN });
    expectCleanError(result, /--fix cannot write to standard input/);
    expect(result.stdout).toBe('');
  });
});

describe('the bytes that need not change do not, through the CLI', () => {
  const FLOW = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: monitoring}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  namespaceSelector: {matchNames: [kube-system]}
  endpoints:
    - {port: http-metrics, path: /metrics/cAdvisor, interval: 30s} # flow
`;
  const FLOW_FIXED = FLOW.replace(
    '{port: http-metrics, path: /metrics/cAdvisor, interval: 30s}',
    `{port: https-metrics, path: /metrics/cadvisor, interval: 30s, scheme: https, honorLabels: true, bearerTokenFile: ${TOKEN}, tlsConfig: {insecureSkipVerify: true}}`,
  );
  const OTHER_DOCS = `# one: a working ServiceMonitor
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: monitoring}
spec:
    selector:
        matchLabels: {app: web}
    endpoints:
    -   port: web     # "web" is a named port
        path: '/metrics'
---   # two: a ConfigMap that mentions a broken endpoint
apiVersion: v1
kind: ConfigMap
metadata:
  name: notes
data:
  note: |
    - port: http-metrics
      path: /metrics/cAdvisor
---
`;
  const files: Record<string, [string, string]> = {
    'crlf.yaml': [CRLF(BROKEN), CRLF(BROKEN_FIXED)],
    'bom.yaml': [BOM(BROKEN), BOM(BROKEN_FIXED)],
    'no-final-newline.yaml': [NO_FINAL_NEWLINE(BROKEN), NO_FINAL_NEWLINE(BROKEN_FIXED)],
    'one-space.yaml': [ONE_SPACE(BROKEN), ONE_SPACE(BROKEN_FIXED)],
    'all-at-once.yaml': [BOM(CRLF(NO_FINAL_NEWLINE(ONE_SPACE(BROKEN)))), BOM(CRLF(NO_FINAL_NEWLINE(ONE_SPACE(BROKEN_FIXED))))],
    'flow.yaml': [FLOW, FLOW_FIXED],
    'multi-document.yaml': [OTHER_DOCS + BROKEN, OTHER_DOCS + BROKEN_FIXED],
  };

  test('CRLF, BOM, no final newline, one-space indent, flow style, comments, and a multi-document file whose third document alone changes', () => {
    const dir = temp.make();
    writeTree(dir, Object.fromEntries(Object.entries(files).map(([name, [text]]) => [name, text])));
    const result = runCli(['--fix', '.'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(preamble(result.stdout)).toMatch(/^Applied \d+ fixes in 7 files; what remains:$/);
    for (const [name, [, expected]] of Object.entries(files)) {
      expect([name, bytes(dir, name)]).toEqual([name, Buffer.from(expected, 'utf8')]);
    }
    // The multi-document file: the first two documents byte for byte.
    expect(read(dir, 'multi-document.yaml').startsWith(OTHER_DOCS)).toBe(true);
    expect(bytes(dir, 'bom.yaml').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes(dir, 'all-at-once.yaml').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(read(dir, 'crlf.yaml').replace(/\r\n/g, '')).not.toContain('\n');
    expect(read(dir, 'no-final-newline.yaml').endsWith('- kube-system')).toBe(true);
    // And a second --fix changes nothing.
    const before = snapshot(dir);
    const second = runCli(['--fix', '.'], { cwd: dir });
    expect(preamble(second.stdout)).toBe('Applied 0 fixes in 0 files; what remains:');
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
  });
});

describe('--fix-type and --rule limit which findings are fixed', () => {
  // An error (kubelet-scheme) and a warning (kubelet-honor-labels) on the kubelet endpoint, an
  // info (path-leading-slash) on the app's, and an info no fix can remove (deprecated-bearer-token-file).
  const MIXED = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: monitoring
spec:
  selector:
    matchLabels:
      k8s-app: kubelet
  namespaceSelector:
    matchNames:
      - kube-system
  endpoints:
    - port: https-metrics
      path: /metrics/cadvisor
      bearerTokenFile: ${TOKEN}
      tlsConfig:
        insecureSkipVerify: true
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: app
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
    - port: web
      path: metrics
`;
  const SCHEME = (s: string) => s.replace('        insecureSkipVerify: true\n---', '        insecureSkipVerify: true\n      scheme: https\n---');
  const HONOR = (s: string) => s.replace('        insecureSkipVerify: true\n---', '        insecureSkipVerify: true\n      honorLabels: true\n---');
  const SLASH = (s: string) => s.replace('path: metrics', 'path: /metrics');

  const cases: [string[], string, number, string[]][] = [
    // flags, the file after, exit status, the rules that remain
    [['--fix-type', 'error'], SCHEME(MIXED), 0, ['deprecated-bearer-token-file', 'kubelet-honor-labels', 'path-leading-slash']],
    [['--fix-type', 'warning'], HONOR(MIXED), 1, ['deprecated-bearer-token-file', 'kubelet-scheme', 'path-leading-slash']],
    [['--fix-type', 'info'], SLASH(MIXED), 1, ['deprecated-bearer-token-file', 'kubelet-honor-labels', 'kubelet-scheme']],
    [['--fix-type', 'error,info'], SLASH(SCHEME(MIXED)), 0, ['deprecated-bearer-token-file', 'kubelet-honor-labels']],
    [['--fix-type', 'error', '--fix-type', 'info'], SLASH(SCHEME(MIXED)), 0, ['deprecated-bearer-token-file', 'kubelet-honor-labels']],
    [['--rule', 'path-leading-slash'], SLASH(MIXED), 1, ['deprecated-bearer-token-file', 'kubelet-honor-labels', 'kubelet-scheme']],
    [['--rule', 'kubelet-honor-labels', '--rule', 'path-leading-slash'], SLASH(HONOR(MIXED)), 1, ['deprecated-bearer-token-file', 'kubelet-scheme']],
    [['--rule', 'kubelet-honor-labels,path-leading-slash'], SLASH(HONOR(MIXED)), 1, ['deprecated-bearer-token-file', 'kubelet-scheme']],
    [['--rule', 'kubelet-scheme', '--fix-type', 'warning'], MIXED, 1, ['deprecated-bearer-token-file', 'kubelet-honor-labels', 'kubelet-scheme', 'path-leading-slash']],
  ];

  test.each(cases)('--fix %j', (flags, expected, status, remaining) => {
    const dir = temp.make();
    writeTree(dir, { 'mixed.yaml': MIXED });
    const result = runCli(['--fix', '--format', 'json', ...flags, 'mixed.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(read(dir, 'mixed.yaml')).toBe(expected);
    expect(result.status).toBe(status);
    expect([...new Set(parseReport(result.stdout).findings.map((f) => f.ruleId))].sort()).toEqual(remaining);
  });

  test('--fix-dry-run honours them too, and writes nothing', () => {
    const dir = temp.make();
    writeTree(dir, { 'mixed.yaml': MIXED });
    const result = runCli(['--fix-dry-run', '--fix-type', 'info', 'mixed.yaml'], { cwd: dir });
    expect(result.stdout).toContain('-      path: metrics\n+      path: /metrics\n');
    expect(result.stdout).not.toContain('+      scheme: https');
    expect(result.stdout).not.toContain('+      honorLabels: true');
    expect(preamble(result.stdout)).toBe('Would apply 1 fix in 1 file; what remains:');
    expect(read(dir, 'mixed.yaml')).toBe(MIXED);
  });

  test('--rule on examples/kubelet-broken.yaml: only that line changes; the errors that remain give exit status 1', () => {
    const dir = brokenDir();
    const result = runCli(['--fix', '--rule', 'kubelet-metrics-path', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(preamble(result.stdout)).toBe('Applied 1 fix in 1 file; what remains:');
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN.replace('path: /metrics/cAdvisor', 'path: /metrics/cadvisor'));
  });

  const usage: [string[], RegExp][] = [
    [['--fix', '--rule', 'no-such-rule', '.'], /unknown rule "no-such-rule" for --rule/],
    [['--fix-dry-run', '--rule', 'kubelet-scheme,no-such-rule', '.'], /unknown rule "no-such-rule" for --rule/],
    [['--fix', '--fix-type', 'fatal', '.'], /invalid value "fatal" for --fix-type: expected one of error, warning, info/],
    [['--fix', '--fix-type', 'error,warn', '.'], /invalid value "warn" for --fix-type/],
    [['--fix-type', 'error', '.'], /--fix-type and --rule need --fix or --fix-dry-run/],
    [['--rule', 'kubelet-scheme', '.'], /--fix-type and --rule need --fix or --fix-dry-run/],
    [['--fix', '--fix-dry-run', '.'], /--fix and --fix-dry-run cannot be used together/],
  ];

  test.each(usage)('usage error: %j', (args, pattern) => {
    const dir = brokenDir();
    const result = runCli(args, { cwd: dir });
    expectCleanError(result, pattern);
    expect(result.stdout).toBe('');
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN);
  });
});

describe('the exit status after fixing reflects what remains', () => {
  const NO_SELECTOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: app
spec:
  endpoints:
  - port: web
    path: metrics
`;

  test('0 when only infos remain; 1 with --fail-on info', () => {
    const dir = brokenDir();
    expect(runCli(['--fix', '--fail-on', 'info', '.'], { cwd: dir }).status).toBe(1);
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN_FIXED);
    expect(runCli(['--fix', '.'], { cwd: dir }).status).toBe(0);
  });

  test('1 when an error no fix removes remains; the fixes are written all the same', () => {
    const dir = brokenDir({ 'app.yaml': NO_SELECTOR });
    const result = runCli(['--fix', '--format', 'json', '.'], { cwd: dir });
    expect(result.status).toBe(1);
    const report = parseReport(result.stdout);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['app.yaml:5 crd-schema']);
    expect(read(dir, 'app.yaml')).toBe(NO_SELECTOR.replace('path: metrics', 'path: /metrics'));
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN_FIXED);
  });

  test('1 before fixing, 0 after, for the same file', () => {
    const dir = brokenDir();
    expect(runCli(['.'], { cwd: dir }).status).toBe(1);
    expect(runCli(['--fix-dry-run', '.'], { cwd: dir }).status).toBe(0);
    expect(runCli(['.'], { cwd: dir }).status).toBe(1);
    expect(runCli(['--fix', '.'], { cwd: dir }).status).toBe(0);
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
  });
});

describe('safety', () => {
  test('the file mode (0640) is kept', () => {
    const dir = brokenDir();
    const path = join(dir, 'examples/kubelet-broken.yaml');
    chmodSync(path, 0o640);
    expect(runCli(['--fix', '.'], { cwd: dir }).status).toBe(0);
    expect(read(dir, 'examples/kubelet-broken.yaml')).toBe(BROKEN_FIXED);
    expect(statSync(path).mode & 0o7777).toBe(0o640);
  });

  test('a symbolic link named on the command line is not written through: a note on stderr, the target unchanged, the report as on disk', () => {
    const dir = temp.make();
    writeTree(dir, { 'tree/real/target.yaml': BROKEN });
    symlinkSync('real/target.yaml', join(dir, 'tree/link.yaml'));
    const result = runCli(['--fix', '--format', 'json', 'link.yaml'], { cwd: join(dir, 'tree') });
    expect(result.stderr).toBe('scrapelint: link.yaml: not fixed, it is a symbolic link\n');
    expect(read(dir, 'tree/real/target.yaml')).toBe(BROKEN);
    expect(lstatSync(join(dir, 'tree/link.yaml')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'tree')).sort()).toEqual(['link.yaml', 'real']);
    // What remains is the file as it is: its errors, and the exit status they give.
    const report = parseReport(result.stdout);
    expect(report.findings.map((f) => f.ruleId)).toContain('kubelet-readonly-port');
    expect(report.summary.errors).toBe(3);
    expect(result.status).toBe(1);
  });

  test('a symbolic link named on the command line that leads out of the repository is not read: one line, exit code 2, the target unchanged', () => {
    const dir = temp.make();
    writeTree(dir, { 'outside/target.yaml': BROKEN, 'tree/': '' });
    symlinkSync('../outside/target.yaml', join(dir, 'tree/link.yaml'));
    const result = runCli(['--fix', '--format', 'json', 'link.yaml'], { cwd: join(dir, 'tree') });
    expect(result.stderr).toMatch(/^scrapelint: cannot read link\.yaml: it is a symbolic link that leads outside the repository \(to .*\/outside\/target\.yaml\)\n$/);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
    expect(read(dir, 'outside/target.yaml')).toBe(BROKEN);
  });

  test('a symbolic link inside a linted folder is not followed: not linted, its target unchanged', () => {
    const dir = temp.make();
    writeTree(dir, { 'outside/target.yaml': BROKEN, 'tree/real.yaml': BROKEN });
    symlinkSync('../outside/target.yaml', join(dir, 'tree/link.yaml'));
    symlinkSync('../outside', join(dir, 'tree/linked-folder'));
    const result = runCli(['--fix', '--format', 'json', '.'], { cwd: join(dir, 'tree') });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(read(dir, 'tree/real.yaml')).toBe(BROKEN_FIXED);
    expect(read(dir, 'outside/target.yaml')).toBe(BROKEN);
    expect(lstatSync(join(dir, 'tree/link.yaml')).isSymbolicLink()).toBe(true);
    expect(parseReport(result.stdout).summary.files).toBe(1);
  });

  test('the summary line counts only the files written (a symbolic link is not)', () => {
    const dir = temp.make();
    writeTree(dir, { 'tree/real/target.yaml': BROKEN });
    symlinkSync('real/target.yaml', join(dir, 'tree/link.yaml'));
    const result = runCli(['--fix', 'link.yaml'], { cwd: join(dir, 'tree') });
    expect(preamble(result.stdout)).toBe('Applied 0 fixes in 0 files; what remains:');
  });

  // A file whose bytes are not UTF-8 (a Latin-1 "é", 0xE9) would not survive a rewrite: it is left
  // alone, with a note, and reported as it is.
  test('a file that is not UTF-8 is not rewritten, with a note', () => {
    const dir = temp.make();
    mkdirSync(join(dir, 'examples'));
    const original = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' (Latin-1)\n'), Buffer.from(BROKEN)]);
    writeFileSync(join(dir, 'examples/kubelet-broken.yaml'), original);
    const result = runCli(['--fix', '.'], { cwd: dir });
    expect(bytes(dir, 'examples/kubelet-broken.yaml')).toEqual(original);
    expect(result.stderr).toContain('scrapelint: examples/kubelet-broken.yaml: not fixed, it is not UTF-8 text');
    expect(result.status).toBe(1);
  });
});

// ---- the real-world corpus ---------------------------------------------------------------------

function makeWritable(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  chmodSync(path, stats.mode | (stats.isDirectory() ? 0o700 : 0o600));
  if (stats.isDirectory()) for (const name of readdirSync(path)) makeWritable(join(path, name));
}

const CORPUS = process.env.SCRAPELINT_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');
const CORPUS_FILES = join(CORPUS, 'files');

if (!existsSync(CORPUS_FILES)) {
  test.skip(`corpus: ${CORPUS_FILES} not found, so the --fix corpus test is skipped (the project's own tests stand alone)`, () => {});
} else {
  describe('--fix on a copy of the corpus, one repository folder at a time', () => {
    let dir = '';
    let repos: string[] = [];
    const original = new Map<string, Buffer>();
    const before: JsonFinding[] = [];
    const fixReports: JsonFinding[] = [];
    const after: JsonFinding[] = [];
    const dryDiffs = new Map<string, string>();

    beforeAll(() => {
      dir = temp.make();
      cpSync(CORPUS_FILES, dir, { recursive: true });
      // The shared corpus is read-only; a checkout is not (--fix leaves read-only files alone).
      makeWritable(dir);
      repos = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      for (const [name, content] of snapshot(dir)) original.set(name, content);
      const lintJson = (args: string[]) => {
        const result = runCli(['--format', 'json', ...args], { cwd: dir });
        if (result.status !== 0 && result.status !== 1) throw new Error(`scrapelint ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
        return parseReport(result.stdout) as JsonReport & { diffs?: { file: string; diff: string }[] };
      };
      for (const repo of repos) before.push(...lintJson([repo]).findings);
      for (const repo of repos) for (const d of lintJson(['--fix-dry-run', repo]).diffs ?? []) dryDiffs.set(d.file, d.diff);
      if (changedFiles(original, snapshot(dir)).length > 0) throw new Error('--fix-dry-run changed files');
      for (const repo of repos) fixReports.push(...lintJson(['--fix', repo]).findings);
      for (const repo of repos) after.push(...lintJson([repo]).findings);
    }, 300_000);

    const fixed = () => changedFiles(original, snapshot(dir));
    const key = (f: JsonFinding) => `${f.file}\0${f.ruleId}`;

    test('--fix-dry-run changed no file, and announced exactly the files --fix changed', () => {
      expect([...dryDiffs.keys()].sort()).toEqual(fixed());
      expect(fixed().length).toBeGreaterThan(0);
    });

    test('the report of --fix is what a fresh lint says afterwards', () => {
      expect(fixReports).toEqual(after);
    });

    test('no finding of a rule whose fixes were applied remains in the file it was fixed in; nothing fixable remains', () => {
      const fixedRules = new Set(before.filter((f) => f.fix && fixed().includes(f.file)).map(key));
      const remainingFixed = after.filter((f) => fixedRules.has(key(f)));
      const refused = after.filter((f) => /The fix was not applied/.test(f.message));
      const stillFixable = after.filter((f) => f.fix);
      const gone = (rule: string) => before.filter((f) => f.ruleId === rule && f.fix).length;
      console.log(
        [
          `corpus --fix: ${fixed().length} files changed in ${repos.length} repository folders;`,
          `rules fixed: ${[...new Set([...fixedRules].map((k) => k.split('\0')[1]))].sort().map((r) => `${r} (${gone(r)})`).join(', ')}`,
          `findings of fixed rules remaining where they were fixed: ${remainingFixed.length}${remainingFixed.map((f) => `\n  ${f.file}:${f.line} ${f.ruleId}: ${f.message}`).join('')}`,
          `fixes refused (not applied, saying why): ${refused.length}${refused.map((f) => `\n  ${f.file}:${f.line} ${f.ruleId}: ${f.message}`).join('')}`,
        ].join('\n'),
      );
      expect(remainingFixed.map((f) => `${f.file}:${f.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
      expect(stillFixable.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
    });

    test('findings the fixes brought (new after fixing) are reported for review', () => {
      const count = (list: JsonFinding[]) => {
        const m = new Map<string, number>();
        for (const f of list) m.set(`${f.file} ${f.ruleId} ${f.severity}`, (m.get(`${f.file} ${f.ruleId} ${f.severity}`) ?? 0) + 1);
        return m;
      };
      const b = count(before);
      const a = count(after);
      const appeared = [...a].filter(([k, n]) => n > (b.get(k) ?? 0)).map(([k, n]) => `${k}: ${b.get(k) ?? 0} -> ${n}`);
      console.log(`corpus --fix: findings that appeared after fixing (review; an info on an added bearerTokenFile is expected):\n  ${appeared.join('\n  ') || '(none)'}`);
      // No parse error and no crd-schema error is ever brought by a fix (the fixer's guard).
      expect(appeared.filter((line) => / (parse-error|crd-schema) /.test(line))).toEqual([]);
    });

    test('a second --fix changes no file (byte for byte)', () => {
      const once = snapshot(dir);
      for (const repo of repos) {
        const second = runCli(['--fix', repo], { cwd: dir });
        expect([repo, preamble(second.stdout)]).toEqual([repo, 'Applied 0 fixes in 0 files; what remains:']);
      }
      expect(changedFiles(once, snapshot(dir))).toEqual([]);
    });

    test('each changed file differs from the original only at the lines the fixes touch', () => {
      const summary: string[] = [];
      const stray: string[] = [];
      for (const file of fixed()) {
        const old = original.get(file)!.toString('utf8');
        const now = readFileSync(join(dir, file), 'utf8');
        // The lines the fixes offered before fixing touch (1-based, first to last line of each fix).
        const spans = before
          .filter((f) => f.file === file && f.fix)
          .map((f) => [Math.min(...f.fix!.edits.map((e) => e.start.line)), Math.max(...f.fix!.edits.map((e) => e.end.line))] as const);
        const patch = structuredPatch(file, file, old, now, undefined, undefined, { context: 0 });
        let removed = 0;
        let added = 0;
        for (const hunk of patch.hunks) {
          removed += hunk.oldLines;
          added += hunk.newLines;
          // A pure insertion sits after line oldStart; a replacement covers oldStart .. oldStart+oldLines-1.
          const from = hunk.oldStart;
          const to = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart + hunk.oldLines - 1;
          const covered = spans.some(([s, e]) => from >= s - 1 && to <= e + 1);
          if (!covered) stray.push(`${file}: hunk @@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ is away from every fix (fixes at lines ${spans.map(([s, e]) => (s === e ? s : `${s}-${e}`)).join(', ')})\n${hunk.lines.join('\n')}`);
        }
        summary.push(`${file}: ${removed} line(s) replaced or removed, ${added} added, in ${patch.hunks.length} hunk(s)`);
        // The repository's own diff of the file, as `git diff` shows it.
        summary.push(gitDiff(old, now, file));
      }
      console.log(`corpus --fix, the changed files and their diffs:\n${summary.join('\n')}`);
      expect(stray).toEqual([]);
    });

    test('what the dry run printed is what --fix wrote', () => {
      if (!hasGit()) {
        console.log('git is not installed: the git apply check is skipped');
        return;
      }
      const check = temp.make();
      for (const [name, content] of original) {
        mkdirSync(join(check, name, '..'), { recursive: true });
        writeFileSync(join(check, name), content);
      }
      for (const [file, diff] of dryDiffs) {
        const result = git(['apply', '-'], check, diff);
        expect([file, result.status, result.stderr]).toEqual([file, 0, '']);
      }
      expect(changedFiles(snapshot(check), snapshot(dir))).toEqual([]);
    });
  });
}
