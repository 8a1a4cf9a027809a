// The one-line and machine formats of the built CLI: compact, github and sarif, and -o to a file.
import { afterAll, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs('scrapelint-formats-');
afterAll(() => dirs.cleanup());

/** A repository with the broken kubelet example and a file whose name and message need escaping. */
function repo(): string {
  const dir = dirs.make();
  writeTree(dir, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    'deploy/kubelet.yaml': BROKEN,
    'deploy/a,b:c.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: x, namespace: y}\nspec:\n  selector: {}\n  endpoints:\n  - port: web\n    interval: 1:30\n',
  });
  return dir;
}

test('compact: file:line:col: severity message [rule], one per line, then the count', () => {
  const dir = repo();
  const json = JSON.parse(runCli(['--no-config', '--format', 'json', 'deploy/'], { cwd: dir }).stdout) as { findings: { file: string; line: number; column: number; severity: string; message: string; ruleId: string }[] };
  const result = runCli(['--no-config', '--format', 'compact', 'deploy/'], { cwd: dir });
  expect(result.status).toBe(1);
  const expected = json.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.message} [${f.ruleId}]`);
  expect(result.stdout).toBe(`${expected.join('\n')}\n\n${expected.length} problems\n`);
  expect(result.stdout).toContain('deploy/a,b:c.yaml:8:15: error `interval: 1:30` is not a duration');
});

test('github: a workflow command per finding, with its properties escaped, and nothing else', () => {
  const dir = repo();
  const result = runCli(['--no-config', '-f', 'github', 'deploy/'], { cwd: dir });
  expect(result.status).toBe(1);
  const lines = result.stdout.trimEnd().split('\n');
  expect(lines.every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,(endColumn=\d+,)?title=[a-z0-9-]+::\S/.test(l))).toBe(true);
  // `,` and `:` in a file name are escaped, so the runner reads the whole name.
  expect(lines.some((l) => l.startsWith('::error file=deploy/a%2Cb%3Ac.yaml,line=8,col=15,endLine=8,endColumn=19,title=invalid-duration::'))).toBe(true);
  expect(lines.some((l) => /^::error file=deploy\/kubelet\.yaml,line=\d+,col=\d+,.*title=kubelet-readonly-port::/.test(l))).toBe(true);
});

test('sarif: SARIF 2.1.0 with the rules that reported, 1-based regions and fingerprints', () => {
  const dir = repo();
  const result = runCli(['--no-config', '-f', 'sarif', 'deploy/'], { cwd: dir });
  expect(result.status).toBe(1);
  const sarif = JSON.parse(result.stdout);
  expect(sarif.version).toBe('2.1.0');
  const run = sarif.runs[0];
  expect(run.tool.driver.name).toBe('scrapelint');
  const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
  expect(run.results.length).toBeGreaterThan(0);
  for (const r of run.results) {
    expect(ids).toContain(r.ruleId);
    expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(Object.keys(r.partialFingerprints).length).toBeGreaterThan(0);
  }
  expect(run.results.some((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === 'kubelet-readonly-port' && r.locations[0].physicalLocation.artifactLocation.uri === 'deploy/kubelet.yaml')).toBe(true);
});

test('-o writes the report to a file inside the repository, without colours, and nothing to stdout', () => {
  const dir = repo();
  const result = runCli(['--no-config', '--color', '-o', 'reports/scrapelint.txt', 'deploy/'], { cwd: dir });
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const report = readFileSync(join(dir, 'reports', 'scrapelint.txt'), 'utf8');
  expect(report).toContain('kubelet-readonly-port');
  expect(report).not.toMatch(/\u001b\[/);
});

test('-o outside the repository is one line and exit 2, and writes nothing', () => {
  const dir = repo();
  const outside = join(dirs.make(), 'report.json');
  const result = runCli(['--no-config', '-f', 'json', '-o', outside, 'deploy/'], { cwd: dir });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^scrapelint: cannot write the report .*: it is outside /);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(existsSync(outside)).toBe(false);
});

test('an unknown format, and a format `rules` cannot list, are usage errors', () => {
  const dir = repo();
  const bad = runCli(['--format', 'xml', 'deploy/'], { cwd: dir });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('invalid value "xml" for --format: expected one of text, compact, json, sarif, github');
  const rules = runCli(['rules', '--format', 'sarif'], { cwd: dir });
  expect(rules.status).toBe(2);
  expect(rules.stderr).toContain('"rules" lists the rules as text or json, not sarif');
});
