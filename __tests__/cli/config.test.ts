// Configuration, suppressions, custom rules and the baseline, through the built CLI (dist/cli.js)
// in temporary repositories (a `.git` folder marks the root): discovery, --config, --no-config,
// every key of .scrapelint.yaml, flags winning over the file, mistakes as one line and exit 2,
// `init`, and the JSON summary's `suppressed` and `baselined`. Needs `npm run build` first.
import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { starterConfig, starterWorkflow } from '../../src/cli/init.js';
import { packageVersion } from '../../src/node/rules-dir.js';
import { loadConfiguration } from '../../src/node/configuration.js';
import { lint } from '../../src/engine/lint.js';
import { toSarif } from '../../src/report/sarif.js';
import { ROOT, expectCleanError, parseReport, runCli, tempDirs, writeTree, type JsonReport, type RunResult } from './helpers.js';

const dirs = tempDirs('scrapelint-config-');
afterAll(() => dirs.cleanup());

/** A temporary repository (with a `.git` folder) holding `files`. */
function repo(files: Record<string, string>): string {
  const dir = dirs.make();
  writeTree(dir, { '.git/': '', ...files });
  return dir;
}

type Report = JsonReport & { summary: JsonReport['summary'] & { suppressed: number; baselined: number } };

/** Runs with --format json in `cwd` and returns the report; fails with the output when the run is not a lint result. */
function lintJson(cwd: string, args: string[] = ['.']): { report: Report; result: RunResult } {
  const result = runCli(['--format', 'json', ...args], { cwd });
  if (result.status !== 0 && result.status !== 1) throw new Error(`exit ${result.status}\n${result.stderr}\n${result.stdout.slice(0, 2000)}`);
  expect(result.stderr).toBe('');
  return { report: parseReport(result.stdout) as Report, result };
}

/** `file:line:column rule-id severity` of each finding. */
function found(cwd: string, args?: string[]): string[] {
  return lintJson(cwd, args).report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
}

/** A kubelet monitor on the read-only port: one finding, kubelet-readonly-port (error) at 7:11. */
const KUBELET = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
    honorLabels: true
`;

/** The README's configuration error. */
const TYPO = 'rules:\n  kubelet-readonly-prot: warning\n';
const TYPO_MESSAGE = 'rules.kubelet-readonly-prot: unknown rule "kubelet-readonly-prot". Did you mean "kubelet-readonly-port"?';

describe('the manifest the tests lint', () => {
  test('has one error without a configuration', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET });
    expect(found(dir)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
    expect(runCli(['.'], { cwd: dir }).status).toBe(1);
  });
});

describe('finding the configuration file', () => {
  test('.scrapelint.yaml at the repository root applies in a subfolder', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules: {kubelet-readonly-port: warning}\n', 'deploy/kubelet/kubelet.yaml': KUBELET });
    const cwd = join(dir, 'deploy', 'kubelet');
    expect(found(cwd)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port warning']);
    expect(runCli(['.'], { cwd }).status).toBe(0);
  });

  test('the nearest file wins', () => {
    const dir = repo({
      '.scrapelint.yaml': 'rules: {kubelet-readonly-port: warning}\n',
      'deploy/.scrapelint.yaml': 'rules: {kubelet-readonly-port: info}\n',
      'deploy/kubelet/kubelet.yaml': KUBELET,
    });
    expect(found(join(dir, 'deploy', 'kubelet'))).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port info']);
  });

  test('.scrapelint.yml is found too', () => {
    const dir = repo({ '.scrapelint.yml': 'rules: {kubelet-readonly-port: warning}\n', 'deploy/kubelet.yaml': KUBELET });
    expect(found(join(dir, 'deploy'))).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port warning']);
  });

  test('a file above the repository root is not used', () => {
    const outer = dirs.make();
    writeTree(outer, { '.scrapelint.yaml': 'rules: {kubelet-readonly-port: off}\n', 'repo/.git/': '', 'repo/deploy/kubelet.yaml': KUBELET });
    expect(found(join(outer, 'repo', 'deploy'))).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
    // Not even read: a broken file there is no error either.
    writeFileSync(join(outer, '.scrapelint.yaml'), TYPO);
    expect(found(join(outer, 'repo'))).toEqual(['deploy/kubelet.yaml:7:11 kubelet-readonly-port error']);
  });

  test('a .git file (a worktree or a submodule) marks the root as well', () => {
    const outer = dirs.make();
    writeTree(outer, { '.scrapelint.yaml': 'rules: {kubelet-readonly-port: off}\n', 'sub/.git': 'gitdir: ../.git/modules/sub\n', 'sub/kubelet.yaml': KUBELET });
    expect(found(join(outer, 'sub'))).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
  });

  test('--config PATH (and -c) names the file, wherever it is', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules: {kubelet-readonly-port: warning}\n', 'ci/strict.yaml': 'rules: {kubelet-readonly-port: info}\n', 'kubelet.yaml': KUBELET });
    expect(found(dir, ['--config', 'ci/strict.yaml', 'kubelet.yaml'])).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port info']);
    expect(found(dir, ['-c', 'ci/strict.yaml', 'kubelet.yaml'])).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port info']);
    const elsewhere = dirs.make();
    writeTree(elsewhere, { 'shared.yml': 'rules: {kubelet-readonly-port: off}\n' });
    expect(found(dir, ['--config', join(elsewhere, 'shared.yml'), 'kubelet.yaml'])).toEqual([]);
  });

  test('--config with a file that does not exist is exit 2', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET });
    expect(expectCleanError(runCli(['--config', 'nope.yaml', '.'], { cwd: dir }))).toBe('scrapelint: no such configuration file: nope.yaml');
  });

  test('--no-config uses the built-in defaults, even next to a broken file', () => {
    const dir = repo({ '.scrapelint.yaml': TYPO, 'kubelet.yaml': KUBELET });
    expect(found(dir, ['--no-config', '.'])).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
    expectCleanError(runCli(['.'], { cwd: dir }));
  });

  test('--config and --no-config together are a usage error', () => {
    const dir = repo({ 'c.yaml': '', 'kubelet.yaml': KUBELET });
    expect(expectCleanError(runCli(['--config', 'c.yaml', '--no-config', '.'], { cwd: dir }))).toBe('scrapelint: --config and --no-config cannot be used together');
  });
});

describe('configuration mistakes: one line on stderr with file:line:column, exit 2', () => {
  test.each([
    ['a typo in a rule id', TYPO, `.scrapelint.yaml:2:3: ${TYPO_MESSAGE}`],
    ['an unknown key', 'rules:\n  kubelet-readonly-port: warning\nrulez: {}\n', '.scrapelint.yaml:3:1: rulez: unknown field "rulez" (did you mean "rules"?)'],
    ['a wrong type', 'ignore: charts/\n', '.scrapelint.yaml:1:9: ignore: must be array'],
    ['a severity that is not one', 'rules:\n  kubelet-readonly-port: warn\n', '.scrapelint.yaml:2:26: rules.kubelet-readonly-port: must be one of "error", "warning", "info", "off" (did you mean "warning"?)'],
    ['a typo in an override', 'overrides:\n  - files: [legacy/**]\n    rules: {kubelet-honor-label: off}\n', '.scrapelint.yaml:3:13: overrides[0].rules.kubelet-honor-label: unknown rule "kubelet-honor-label". Did you mean "kubelet-honor-labels"?'],
    ['a YAML syntax error', 'rules: {kubelet-readonly-port: warning\nignore: []\n', '.scrapelint.yaml:2:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }'],
    ['a prometheus selector that does not parse', 'prometheus: {selector: "release<kps"}\n', '.scrapelint.yaml:1:24: prometheus.selector: cannot read "release<kps" in label selector "release<kps" (write key=value, key!=value, key in (a,b), key or !key)'],
  ])('%s', (_name, config, expected) => {
    const dir = repo({ '.scrapelint.yaml': config, 'kubelet.yaml': KUBELET });
    const result = runCli(['.'], { cwd: dir });
    expect(expectCleanError(result)).toBe(`scrapelint: invalid configuration: ${expected}`);
    expect(result.stderr).toBe(`scrapelint: invalid configuration: ${expected}\n`);
    expect(result.stdout).toBe('');
  });

  test('from a subfolder, the file is named relative to the working directory', () => {
    const dir = repo({ '.scrapelint.yaml': TYPO, 'deploy/kubelet.yaml': KUBELET });
    expect(expectCleanError(runCli(['.'], { cwd: join(dir, 'deploy') }))).toBe(`scrapelint: invalid configuration: ../.scrapelint.yaml:2:3: ${TYPO_MESSAGE}`);
  });

  test('with --config, in JSON output, and for `scrapelint rules` as well', () => {
    const dir = repo({ 'ci/scrapelint.yaml': TYPO, 'kubelet.yaml': KUBELET });
    const expected = `scrapelint: invalid configuration: ci/scrapelint.yaml:2:3: ${TYPO_MESSAGE}`;
    expect(expectCleanError(runCli(['--format', 'json', '--config', 'ci/scrapelint.yaml', '.'], { cwd: dir }))).toBe(expected);
    expect(expectCleanError(runCli(['rules', '--config', 'ci/scrapelint.yaml'], { cwd: dir }))).toBe(expected);
  });
});

describe('rules: severities', () => {
  test('a severity override, and off', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules:\n  kubelet-readonly-port: warning\n', 'kubelet.yaml': KUBELET });
    expect(found(dir)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port warning']);
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
    expect(runCli(['--fail-on', 'warning', '.'], { cwd: dir }).status).toBe(1);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'rules:\n  kubelet-readonly-port: off\n');
    expect(found(dir)).toEqual([]);
  });

  test('a severity turns on a rule that is off by default', () => {
    const web = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: web, scheme: https, tlsConfig: {insecureSkipVerify: true}}]
`;
    const dir = repo({ 'web.yaml': web });
    expect(found(dir)).toEqual([]);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'rules: {insecure-skip-verify: warning}\n');
    expect(found(dir)).toEqual(['web.yaml:6:74 insecure-skip-verify warning']);
  });
});

describe('overrides and ignore: patterns relative to the configuration file', () => {
  const files = {
    '.scrapelint.yaml': `ignore:
  - charts/**/templates/
overrides:
  - files: [legacy/**]
    rules: {kubelet-readonly-port: info}
  - files: [legacy/old/*.yaml]
    rules: {kubelet-readonly-port: off}
`,
    'kubelet.yaml': KUBELET,
    'legacy/kubelet.yaml': KUBELET,
    'legacy/old/kubelet.yaml': KUBELET,
    'charts/kps/templates/kubelet.yaml': KUBELET,
    'charts/kps/kubelet.yaml': KUBELET,
  };

  test('a path override applies to its files; a later entry wins', () => {
    const dir = repo(files);
    expect(found(dir)).toEqual(['charts/kps/kubelet.yaml:7:11 kubelet-readonly-port error', 'kubelet.yaml:7:11 kubelet-readonly-port error', 'legacy/kubelet.yaml:7:11 kubelet-readonly-port info']);
  });

  test('the same from a subfolder: patterns stay relative to the configuration file', () => {
    const dir = repo(files);
    expect(found(join(dir, 'legacy'), ['.', '../charts'])).toEqual(['../charts/kps/kubelet.yaml:7:11 kubelet-readonly-port error', 'kubelet.yaml:7:11 kubelet-readonly-port info']);
  });

  test('an ignored path is not linted, even when named on the command line', () => {
    const dir = repo(files);
    const { report } = lintJson(dir, ['charts/kps/templates/kubelet.yaml', 'charts/kps/templates']);
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(0);
  });

  test('ignore patterns are .gitignore patterns: negation', () => {
    const dir = repo({ '.scrapelint.yaml': 'ignore: ["*.yaml", "!keep.yaml"]\n', 'keep.yaml': KUBELET, 'drop.yaml': KUBELET });
    expect(found(dir)).toEqual(['keep.yaml:7:11 kubelet-readonly-port error']);
  });

  test('--config in another folder: patterns relative to that folder', () => {
    const dir = repo({ 'ci/scrapelint.yaml': 'overrides:\n  - files: [kubelet.yaml]\n    rules: {kubelet-readonly-port: off}\n', 'kubelet.yaml': KUBELET, 'ci/kubelet.yaml': KUBELET });
    expect(found(dir, ['--config', 'ci/scrapelint.yaml', '.'])).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
  });
});

describe('settings of the across-resources rules, and flags winning over the file', () => {
  const MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  labels: {app: web}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: metrics}]
`;
  const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  ports: [{name: metrics, port: 9090}]
`;
  const ids = (dir: string, args?: string[]) => found(dir, args).map((f) => f.split(' ')[1]);

  test('namespace: the namespace of objects that name none (unknown without it); --namespace wins', () => {
    const dir = repo({ 'monitor.yaml': MONITOR, 'service.yaml': SERVICE });
    expect(ids(dir)).toEqual([]);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'namespace: default\n');
    expect(ids(dir)).toEqual(['namespace-not-selected']);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'namespace: shop\n');
    expect(ids(dir)).toEqual([]);
    expect(ids(dir, ['--namespace', 'default', '.'])).toEqual(['namespace-not-selected']);
    expect(ids(dir, ['-n', 'default', '.'])).toEqual(['namespace-not-selected']);
  });

  test('units: folders applied as a whole, so their objects meet; by default each folder on its own', () => {
    const dir = repo({ 'deploy/apps/monitor.yaml': MONITOR, 'deploy/services/service.yaml': SERVICE, '.scrapelint.yaml': 'namespace: default\n' });
    expect(ids(dir)).toEqual([]);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'namespace: default\nunits: [deploy/]\n');
    expect(ids(dir)).toEqual(['namespace-not-selected']);
    // Relative to the configuration file, wherever scrapelint runs.
    expect(ids(join(dir, 'deploy'), ['.'])).toEqual(['namespace-not-selected']);
  });

  test('prometheus.selector as a string', () => {
    const dir = repo({ 'monitor.yaml': MONITOR, '.scrapelint.yaml': 'namespace: shop\nprometheus:\n  selector: release=kps\n', 'service.yaml': SERVICE });
    const { report } = lintJson(dir);
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['5:3 monitor-not-selected']);
    expect(report.findings[0].message).toContain('`release: kps`');
  });

  test('prometheus.selector as a label selector', () => {
    const dir = repo({ 'monitor.yaml': MONITOR, 'service.yaml': SERVICE, '.scrapelint.yaml': 'namespace: shop\nprometheus:\n  selector:\n    matchLabels: {release: kps}\n' });
    expect(ids(dir)).toEqual(['monitor-not-selected']);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'namespace: shop\nprometheus:\n  selector:\n    matchExpressions: [{key: app, operator: In, values: [web, api]}]\n');
    expect(ids(dir)).toEqual([]);
  });

  test('--prometheus-selector wins over prometheus.selector', () => {
    const dir = repo({ 'monitor.yaml': MONITOR, 'service.yaml': SERVICE, '.scrapelint.yaml': 'namespace: shop\nprometheus: {selector: release=kps}\n' });
    expect(ids(dir, ['--prometheus-selector', 'app=web', '.'])).toEqual([]);
  });

  // BUG: the message credits the command line for a selector that came from the configuration:
  // "The Prometheus selects ServiceMonitors with `release: kps` (--prometheus-selector), ..."
  // (src/ruleset/functions/across-resources/monitor-not-selected.ts hard-codes the flag).
  // Expected: it names where the selector came from (prometheus.selector in .scrapelint.yaml).
  test('the monitor-not-selected message does not credit --prometheus-selector for the file setting', () => {
    const dir = repo({ 'monitor.yaml': MONITOR, '.scrapelint.yaml': 'namespace: shop\nprometheus:\n  selector: release=kps\n', 'service.yaml': SERVICE });
    const { report } = lintJson(dir);
    expect(report.findings[0].message).not.toContain('--prometheus-selector');
    expect(report.findings[0].message).toContain('prometheus.selector');
  });

  test('kubelet.selectorLabels: which selector marks a kubelet monitor (instead of the defaults)', () => {
    const custom = KUBELET.replace('name: kubelet,', 'name: node-metrics,').replace('{k8s-app: kubelet}', '{app: my-kubelet}');
    const dir = repo({ 'custom.yaml': custom, 'standard.yaml': KUBELET });
    expect(found(dir)).toEqual(['standard.yaml:7:11 kubelet-readonly-port error']);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'kubelet:\n  selectorLabels: {app: my-kubelet}\n');
    expect(found(dir)).toEqual(['custom.yaml:7:11 kubelet-readonly-port error']);
  });

  test('platform.kubeletReadOnlyPort: enabled makes kubelet-readonly-port a warning; a rules entry still wins', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET, '.scrapelint.yaml': 'platform:\n  kubeletReadOnlyPort: enabled\n' });
    expect(found(dir)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port warning']);
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'platform:\n  kubeletReadOnlyPort: disabled\n');
    expect(found(dir)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'platform: {kubeletReadOnlyPort: enabled}\nrules: {kubelet-readonly-port: error}\n');
    expect(found(dir)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
  });
});

describe('suppressions through the CLI', () => {
  const suppressed = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: kube-system
  annotations: {scrapelint.dev/ignore: kubelet-honor-labels}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  # scrapelint-disable-next-line kubelet-readonly-port -- the read-only port is on in this cluster
  - port: http-metrics
    path: /metrics/cadvisor
  - port: http-metrics # scrapelint-disable-line kubelet-readonly-port
    path: /metrics/probes
    honorLabels: true
  - port: http-metrics # scrapelint-disable-line kubelet-scheme -- stale
    path: /metrics/resource
    honorLabels: true
`;

  test('suppressed findings are counted in the JSON summary; an unused directive is a warning', () => {
    const dir = repo({ 'kubelet.yaml': suppressed });
    const { report, result } = lintJson(dir);
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`)).toEqual([
      '16:11 kubelet-readonly-port error',
      '16:24 unused-suppression warning',
      // The annotation suppresses nothing: honorLabels is only missing on a dead port, left to kubelet-readonly-port.
      '6:40 unused-suppression warning',
    ].sort((a, b) => parseInt(a, 10) - parseInt(b, 10)));
    expect(report.findings.find((f) => f.line === 16 && f.ruleId === 'unused-suppression')?.message).toBe('`# scrapelint-disable-line` suppresses no `kubelet-scheme` finding here: remove it.');
    expect(report.summary).toEqual(expect.objectContaining({ errors: 1, warnings: 2, suppressed: 2, baselined: 0 }));
    expect(result.status).toBe(1);
  });

  test('unused-suppression can be turned off for a path', () => {
    const dir = repo({ 'generated/kubelet.yaml': suppressed, '.scrapelint.yaml': 'overrides:\n  - files: [generated/]\n    rules: {unused-suppression: off}\n' });
    expect(found(dir)).toEqual(['generated/kubelet.yaml:16:11 kubelet-readonly-port error']);
  });
});

describe('custom rules', () => {
  const CUSTOM_DIR = join(ROOT, 'docs', 'custom-rules');
  const examples = {
    'lint/rules/team-label-required.yaml': readFileSync(join(CUSTOM_DIR, 'team-label-required.yaml'), 'utf8'),
    'lint/rules/max-scrape-interval.yaml': readFileSync(join(CUSTOM_DIR, 'max-scrape-interval.yaml'), 'utf8'),
  };
  const BATCH = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: batch, namespace: jobs}
spec:
  selector: {matchLabels: {app: batch}}
  endpoints: [{port: metrics, interval: 5m}]
`;

  test('the two documented examples fire with their own ids and messages', () => {
    const dir = repo({ ...examples, '.scrapelint.yaml': 'customRules:\n  - lint/rules/\n', 'deploy/batch.yaml': BATCH });
    const { report } = lintJson(dir);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`)).toEqual([
      'deploy/batch.yaml:3:1 team-label-required warning',
      'deploy/batch.yaml:6:41 max-scrape-interval warning',
    ]);
    expect(report.findings.map((f) => f.message)).toEqual([
      'ServiceMonitor jobs/batch has no `team` label: add `team: <your team>` to metadata.labels so that its alerts reach the team that owns it.',
      '`interval: 5m` is longer than the maximum of 1m: rate() over 2m windows needs two samples. Scrape at least once a minute.',
    ]);
  });

  test('`scrapelint rules` lists them with their description and documentation link', () => {
    const dir = repo({ ...examples, '.scrapelint.yaml': 'customRules: [lint/rules/team-label-required.yaml, lint/rules/max-scrape-interval.yaml]\n' });
    const result = runCli(['rules', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { id: string; severity: string; description: string; docsUrl: string }[];
    expect(listed.find((r) => r.id === 'team-label-required')).toEqual(
      expect.objectContaining({
        severity: 'warning',
        description: 'Every monitor carries a `team` label, so that its alerts reach the team that owns it.',
        docsUrl: 'https://github.com/scrapelint/scrapelint/blob/main/docs/custom-rules/team-label-required.yaml',
      }),
    );
    expect(listed.find((r) => r.id === 'max-scrape-interval')?.docsUrl).toBe('https://github.com/scrapelint/scrapelint/blob/main/docs/custom-rules/max-scrape-interval.yaml');
    // Built-in rules keep their own documentation.
    expect(listed.find((r) => r.id === 'kubelet-readonly-port')?.docsUrl).toBe('https://github.com/scrapelint/scrapelint/blob/main/docs/rules/kubelet-readonly-port.md');
    const text = runCli(['rules'], { cwd: dir }).stdout;
    expect(text).toMatch(/^team-label-required +warning +Every monitor carries a `team` label/m);
  });

  test('SARIF (the Action) carries the custom rule with its docs text and link (the configuration loaded in process, as the Action does)', () => {
    const dir = repo({ ...examples, '.scrapelint.yaml': 'customRules: [lint/rules/]\n', 'deploy/batch.yaml': BATCH });
    const configuration = loadConfiguration({ cwd: dir });
    const { findings } = lint([{ file: 'deploy/batch.yaml', text: BATCH }], configuration.lintOptions);
    const sarif = toSarif(findings, configuration.rules, { version: '0.0.0' }) as {
      runs: { tool: { driver: { rules: { id: string; fullDescription: { text: string }; helpUri: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[];
    };
    const { rules: described } = sarif.runs[0].tool.driver;
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'team-label-required')!;
    expect(described[result.ruleIndex]).toEqual(
      expect.objectContaining({
        id: 'team-label-required',
        fullDescription: { text: expect.stringMatching(/^Alertmanager routes alerts by the `team` label/) },
        helpUri: 'https://github.com/scrapelint/scrapelint/blob/main/docs/custom-rules/team-label-required.yaml',
      }),
    );
  });

  test('without docs.url, a custom rule links its rule file', () => {
    const rule = examples['lint/rules/team-label-required.yaml'].replace(/^ {2}url: .*\n/m, '');
    const dir = repo({ 'lint/team-label-required.yaml': rule, '.scrapelint.yaml': 'customRules: [lint/]\n' });
    const listed = JSON.parse(runCli(['rules', '--format', 'json'], { cwd: dir }).stdout) as { id: string; docsUrl: string }[];
    expect(listed.find((r) => r.id === 'team-label-required')?.docsUrl).toBe('lint/team-label-required.yaml');
  });

  test('the rules and overrides of the configuration apply to custom rules', () => {
    const dir = repo({
      ...examples,
      '.scrapelint.yaml': 'customRules: [lint/rules/]\nrules: {team-label-required: error}\noverrides:\n  - files: [batch/]\n    rules: {max-scrape-interval: off}\n',
      'deploy/batch.yaml': BATCH,
      'batch/batch.yaml': BATCH,
    });
    expect(found(dir)).toEqual([
      'batch/batch.yaml:3:1 team-label-required error',
      'deploy/batch.yaml:3:1 team-label-required error',
      'deploy/batch.yaml:6:41 max-scrape-interval warning',
    ]);
  });

  test('a custom rule id in the configuration without the custom rules loaded is a typo', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules: {team-label-required: error}\n', 'batch.yaml': BATCH });
    expect(expectCleanError(runCli(['.'], { cwd: dir }))).toMatch(/^scrapelint: invalid configuration: \.scrapelint\.yaml:1:9: rules\.team-label-required: unknown rule "team-label-required"\./);
  });

  const RULE = `id: my-rule
severity: warning
kinds: [ServiceMonitor]
description: Every endpoint names its port.
docs: {why: Ports by number break when the Service changes., bad: x, fixed: x}
checks:
  - given: $.spec.endpoints[*]
    match: {not: {required: [port]}}
    message: This endpoint has no port name.
`;

  test.each([
    ['a schema mistake (a misspelt field)', 'lint/my-rule.yaml', RULE.replace('    message:', '    mesage:'), 'lint/my-rule.yaml:9:5: checks[0].mesage: unknown field "mesage" (did you mean "message"?)'],
    ['a wrong severity', 'lint/my-rule.yaml', RULE.replace('severity: warning', 'severity: warnin'), 'lint/my-rule.yaml:2:11: severity: must be one of "error", "warning", "info" (did you mean "warning"?)'],
    [
      'a YAML syntax error',
      'lint/my-rule.yaml',
      RULE.replace('kinds: [ServiceMonitor]', 'kinds: [ServiceMonitor'),
      'lint/my-rule.yaml:4:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('%s: file:line:column, exit 2', (_name, path, text, expected) => {
    const dir = repo({ [path]: text, '.scrapelint.yaml': 'customRules: [lint/]\n', 'batch.yaml': BATCH });
    const line = expectCleanError(runCli(['.'], { cwd: dir }));
    expect(line).toBe(`scrapelint: invalid rule file: ${expected}`);
  });

  test('an id that a built-in rule has: at the id, exit 2', () => {
    const dir = repo({ 'lint/kubelet-readonly-port.yaml': RULE.replace('id: my-rule', 'id: kubelet-readonly-port'), '.scrapelint.yaml': 'customRules: [lint/]\n', 'batch.yaml': BATCH });
    expect(expectCleanError(runCli(['.'], { cwd: dir }))).toMatch(
      /^scrapelint: invalid rule file: lint\/kubelet-readonly-port\.yaml:1:5: id: rule id "kubelet-readonly-port" is also defined in \S*rules[/\\]kubelet-readonly-port\.yaml$/,
    );
  });

  test('an unknown function: at the function, exit 2', () => {
    const text = RULE.replace('    match: {not: {required: [port]}}\n', '    function: duration-at-mots\n    options: {field: interval, max: 1m}\n');
    const dir = repo({ 'lint/my-rule.yaml': text, '.scrapelint.yaml': 'customRules: [lint/]\n', 'batch.yaml': BATCH });
    expect(expectCleanError(runCli(['.'], { cwd: dir }))).toMatch(/^scrapelint: invalid rule file: lint\/my-rule\.yaml:8:15: checks\[0\]\.function: unknown function "duration-at-mots"; known functions: .*\bduration-at-most\b/);
  });

  // BUG (minor): several mistakes in custom rule files are one multi-line message: only the first
  // line carries "scrapelint: invalid rule file: ", the others are bare `file:line:column: ...`
  // (RuleLoadError joins them with "\n"; main.ts prefixes the whole). Expected: exit 2 and one
  // complete line per mistake, each with the prefix (or a single line), so that every line says
  // what it is.
  test('several mistakes: one complete line each', () => {
    const twoFunctions = RULE.replace('    match: {not: {required: [port]}}\n', '    function: nope-one\n').replace(/\nchecks:\n/, '\nchecks:\n  - given: $.spec\n    function: nope-two\n    message: x\n');
    const dir = repo({ 'lint/my-rule.yaml': twoFunctions, 'lint/other-rule.yaml': RULE.replace('id: my-rule', 'id: other-rule').replace('severity: warning', 'severity: warnin'), '.scrapelint.yaml': 'customRules: [lint/]\n' });
    const result = runCli(['.'], { cwd: dir });
    expect(result.status).toBe(2);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines.map((l) => l.replace(/; known functions: .*$/, ''))).toEqual([
      'scrapelint: invalid rule file: lint/my-rule.yaml:8:15: checks[0].function: unknown function "nope-two"',
      'scrapelint: invalid rule file: lint/my-rule.yaml:11:15: checks[1].function: unknown function "nope-one"',
      'scrapelint: invalid rule file: lint/other-rule.yaml:2:11: severity: must be one of "error", "warning", "info" (did you mean "warning"?)',
    ]);
  });

  test('a customRules entry that does not exist: at the entry in the configuration, exit 2', () => {
    const dir = repo({ 'lint/my-rule.yaml': RULE, '.scrapelint.yaml': 'customRules:\n  - lint/\n  - lint/missing.yaml\n', 'batch.yaml': BATCH });
    expect(expectCleanError(runCli(['.'], { cwd: dir }))).toBe('scrapelint: invalid configuration: .scrapelint.yaml:3:5: customRules[1]: no such file or folder: lint/missing.yaml');
  });

  test('custom rule paths are relative to the configuration file', () => {
    const dir = repo({ 'lint/my-rule.yaml': RULE, '.scrapelint.yaml': 'customRules: [lint/]\n', 'deploy/web.yaml': BATCH.replace('port: metrics, ', '') });
    expect(found(join(dir, 'deploy'))).toEqual(['web.yaml:6:15 my-rule warning']);
  });
});

describe('baseline', () => {
  /** Two kubelet endpoints on the read-only port: two errors, at 7:11 and 10:11. */
  const TWO = `${KUBELET}  - port: http-metrics\n    path: /metrics/resource\n    honorLabels: true\n`;
  /** TWO moved down by ten lines, with a third read-only endpoint: a new error at 23:11. */
  const MOVED = `${TWO.replace('metadata: {name: kubelet, namespace: kube-system}\n', `metadata:\n  name: kubelet\n  namespace: kube-system\n  labels:\n${Array.from({ length: 7 }, (_, i) => `    team-${i}: platform\n`).join('')}`)}  - port: http-metrics\n    path: /metrics/probes\n    honorLabels: true\n`;

  test('the fixtures: TWO has two errors; MOVED has them ten lines down, and a third', () => {
    const dir = repo({ 'deploy/kubelet.yaml': TWO });
    expect(found(dir)).toEqual(['deploy/kubelet.yaml:7:11 kubelet-readonly-port error', 'deploy/kubelet.yaml:10:11 kubelet-readonly-port error']);
    writeFileSync(join(dir, 'deploy', 'kubelet.yaml'), MOVED);
    expect(found(dir)).toEqual([
      'deploy/kubelet.yaml:17:11 kubelet-readonly-port error',
      'deploy/kubelet.yaml:20:11 kubelet-readonly-port error',
      'deploy/kubelet.yaml:23:11 kubelet-readonly-port error',
    ]);
  });

  test('--write-baseline records the findings; after the code moves by ten lines only the new finding is reported', () => {
    const dir = repo({ 'deploy/kubelet.yaml': TWO });
    const write = runCli(['--write-baseline', 'deploy/'], { cwd: dir });
    expect(write.status).toBe(0);
    expect(write.stderr).toBe('');
    expect(write.stdout).toContain('Wrote 2 findings to the baseline .scrapelint-baseline.json.');
    const written = JSON.parse(readFileSync(join(dir, '.scrapelint-baseline.json'), 'utf8')) as { version: number; entries: unknown[] };
    expect(written).toEqual({
      version: 1,
      entries: [
        { ruleId: 'kubelet-readonly-port', file: 'deploy/kubelet.yaml', object: 'ServiceMonitor kube-system/kubelet', path: 'spec.endpoints[0].port', count: 1 },
        { ruleId: 'kubelet-readonly-port', file: 'deploy/kubelet.yaml', object: 'ServiceMonitor kube-system/kubelet', path: 'spec.endpoints[1].port', count: 1 },
      ],
    });
    // Unchanged: nothing reported, exit 0, and the text report says why.
    const same = runCli(['deploy/'], { cwd: dir });
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('2 findings are in the baseline .scrapelint-baseline.json and not reported.');
    expect(lintJson(dir, ['deploy/']).report.summary).toEqual(expect.objectContaining({ errors: 0, baselined: 2, suppressed: 0 }));
    // Moved by ten lines, with a new finding.
    writeFileSync(join(dir, 'deploy', 'kubelet.yaml'), MOVED);
    const { report, result } = lintJson(dir, ['deploy/']);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['deploy/kubelet.yaml:23:11 kubelet-readonly-port']);
    expect(report.summary).toEqual(expect.objectContaining({ errors: 1, baselined: 2 }));
    expect(result.status).toBe(1);
  });

  test('stale entries are counted in a note; --prune-baseline drops them', () => {
    const dir = repo({ 'deploy/kubelet.yaml': TWO });
    expect(runCli(['--write-baseline', '.'], { cwd: dir }).status).toBe(0);
    // The second endpoint is fixed.
    writeFileSync(join(dir, 'deploy', 'kubelet.yaml'), KUBELET);
    const stale = runCli(['.'], { cwd: dir });
    expect(stale.status).toBe(0);
    expect(stale.stdout).toContain('1 finding is in the baseline .scrapelint-baseline.json and not reported.');
    expect(stale.stdout).toContain('1 baseline entry no longer matches any finding: run scrapelint --prune-baseline to drop it.');
    const prune = runCli(['--prune-baseline', '.'], { cwd: dir });
    expect(prune.status).toBe(0);
    expect(prune.stdout).toMatch(/Pruned 1 baseline entry .*from \.scrapelint-baseline\.json\./);
    expect(JSON.parse(readFileSync(join(dir, '.scrapelint-baseline.json'), 'utf8'))).toEqual({
      version: 1,
      entries: [{ ruleId: 'kubelet-readonly-port', file: 'deploy/kubelet.yaml', object: 'ServiceMonitor kube-system/kubelet', path: 'spec.endpoints[0].port', count: 1 }],
    });
    const after = runCli(['.'], { cwd: dir });
    expect(after.stdout).not.toContain('no longer match');
    expect(after.status).toBe(0);
  });

  test('--baseline PATH, and the configuration`s baseline relative to the configuration file', () => {
    const dir = repo({ 'deploy/kubelet.yaml': TWO, 'ci/': '' });
    expect(runCli(['--baseline', 'ci/base.json', '--write-baseline', '.'], { cwd: dir }).status).toBe(0);
    expect(existsSync(join(dir, 'ci', 'base.json'))).toBe(true);
    expect(existsSync(join(dir, '.scrapelint-baseline.json'))).toBe(false);
    expect(lintJson(dir, ['--baseline', 'ci/base.json', '.']).report.summary.baselined).toBe(2);
    expect(lintJson(dir).report.summary.baselined).toBe(0);
    writeFileSync(join(dir, '.scrapelint.yaml'), 'baseline: ci/base.json\n');
    expect(lintJson(dir).report.summary.baselined).toBe(2);
  });

  test('--baseline naming a file that does not exist, or a file that is not a baseline, is exit 2', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET, 'not-json.json': '{', 'eslint.json': '{"a.js": {"no-undef": {"count": 1}}}' });
    expect(expectCleanError(runCli(['--baseline', 'nope.json', '.'], { cwd: dir }))).toBe('scrapelint: no such baseline file: nope.json');
    expect(expectCleanError(runCli(['--baseline', 'not-json.json', '.'], { cwd: dir }))).toMatch(/^scrapelint: not-json\.json: not JSON \(/);
    expect(expectCleanError(runCli(['--baseline', 'eslint.json', '.'], { cwd: dir }))).toBe(
      'scrapelint: eslint.json: not a scrapelint baseline (version 1 with entries of ruleId, file and count)',
    );
    writeFileSync(join(dir, '.scrapelint-baseline.json'), 'not json');
    expect(expectCleanError(runCli(['.'], { cwd: dir }))).toMatch(/^scrapelint: \.scrapelint-baseline\.json: not JSON \(/);
  });

  // BUG: writing the baseline into a folder that does not exist is reported as
  // "scrapelint: internal error: ENOENT: no such file or directory, open '/tmp/.../nodir/base.json'
  // (please report it; set SCRAPELINT_DEBUG=1 for details)" (exit 2). Expected: one clean line
  // naming the file as given (an input error, not an internal one). Suspected code:
  // writeBaselineFile in src/node/baseline-file.ts does not turn write errors into InputError.
  test('a baseline that cannot be written is a clean error naming the file', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET });
    expect(expectCleanError(runCli(['--baseline', 'nodir/base.json', '--write-baseline', '.'], { cwd: dir }))).toMatch(/^scrapelint: .*nodir\/base\.json/);
  });

  test('flags that do not go together are usage errors', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET });
    expect(expectCleanError(runCli(['--write-baseline', '--prune-baseline', '.'], { cwd: dir }))).toBe('scrapelint: --write-baseline and --prune-baseline cannot be used together');
    expect(expectCleanError(runCli(['--write-baseline', '--fix', '.'], { cwd: dir }))).toBe('scrapelint: the baseline options cannot be used with --fix');
  });

  // BUG: entries carry file names relative to the working directory (findings' `file`), but the
  // baseline lives beside the configuration (the repository root). Run from a subfolder, nothing
  // matches: today the two recorded errors are reported again (exit 1) with "2 baseline entries
  // no longer match any finding: run scrapelint --prune-baseline to drop them." — and
  // --prune-baseline from there would empty the baseline. Suspected code: applyBaselineFile in
  // src/cli/main.ts (and the Action) keys by `finding.file`; keys should be relative to the
  // baseline file's folder (or the configuration's).
  test('run from a subfolder, the baseline at the repository root still matches', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules: {}\n', 'deploy/kubelet.yaml': TWO });
    expect(runCli(['--write-baseline', '.'], { cwd: dir }).status).toBe(0);
    const { report, result } = lintJson(join(dir, 'deploy'));
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([]);
    expect(report.summary.baselined).toBe(2);
    expect(result.status).toBe(0);
  });

  // BUG: a run over some of the files counts the entries of every other file as stale, and
  // --prune-baseline then deletes them. Today `scrapelint a/` prints "2 baseline entries no longer
  // match any finding: run scrapelint --prune-baseline to drop them." and `--prune-baseline a/`
  // leaves only a/'s entry. ESLint (the model) leaves files it did not lint alone
  // (SuppressionsService.applySuppressions drops unused entries "that were not included in the
  // results"). Suspected code: applyBaseline in src/engine/baseline.ts does not know which files
  // were linted; applyBaselineFile in src/cli/main.ts.
  test('a run over some files neither reports nor prunes the entries of the other files', () => {
    const dir = repo({ 'a/kubelet.yaml': KUBELET, 'b/kubelet.yaml': TWO });
    expect(runCli(['--write-baseline', '.'], { cwd: dir }).status).toBe(0);
    const partial = runCli(['a/'], { cwd: dir });
    expect(partial.status).toBe(0);
    expect(partial.stdout).not.toContain('no longer match');
    expect(runCli(['--prune-baseline', 'a/'], { cwd: dir }).status).toBe(0);
    const entries = (JSON.parse(readFileSync(join(dir, '.scrapelint-baseline.json'), 'utf8')) as { entries: { file: string }[] }).entries;
    expect(entries.map((e) => e.file)).toEqual(['a/kubelet.yaml', 'b/kubelet.yaml', 'b/kubelet.yaml']);
  });
});

describe('scrapelint init', () => {
  test('writes a commented .scrapelint.yaml and the workflow; the configuration is valid', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET });
    const result = runCli(['init'], { cwd: dir });
    expect(result).toEqual(expect.objectContaining({ status: 0, stderr: '', stdout: 'Wrote .scrapelint.yaml\nWrote .github/workflows/scrapelint.yml\n' }));
    expect(readFileSync(join(dir, '.scrapelint.yaml'), 'utf8')).toBe(starterConfig(packageVersion()));
    // No clone information in .git: the workflow runs on pushes to main.
    expect(readFileSync(join(dir, '.github', 'workflows', 'scrapelint.yml'), 'utf8')).toBe(starterWorkflow('main'));
    // The starter file is found and accepted: the run lints as without it.
    expect(found(dir)).toEqual(['kubelet.yaml:7:11 kubelet-readonly-port error']);
  });

  test('refuses to overwrite either file without --force (exit 2); --force overwrites', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules: {kubelet-readonly-port: warning}\n' });
    const refused = runCli(['init'], { cwd: dir });
    expect(expectCleanError(refused)).toBe('scrapelint: .scrapelint.yaml exists; not overwritten (use --force)');
    expect(readFileSync(join(dir, '.scrapelint.yaml'), 'utf8')).toBe('rules: {kubelet-readonly-port: warning}\n');
    // The file that did not exist was written.
    expect(refused.stdout).toBe('Wrote .github/workflows/scrapelint.yml\n');
    const again = runCli(['init'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr.split('\n').filter(Boolean)).toEqual([
      'scrapelint: .scrapelint.yaml exists; not overwritten (use --force)',
      'scrapelint: .github/workflows/scrapelint.yml exists; not overwritten (use --force)',
    ]);
    const forced = runCli(['init', '--force'], { cwd: dir });
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, '.scrapelint.yaml'), 'utf8')).toBe(starterConfig(packageVersion()));
  });

  test("the workflow runs on the repository's default branch: origin's HEAD, else the branch checked out", () => {
    const trunk = repo({ '.git/HEAD': 'ref: refs/heads/trunk\n' });
    expect(runCli(['init'], { cwd: trunk }).status).toBe(0);
    expect(readFileSync(join(trunk, '.github', 'workflows', 'scrapelint.yml'), 'utf8')).toContain('  push:\n    branches: ["trunk"]\n');
    const cloned = repo({ '.git/HEAD': 'ref: refs/heads/feature/x\n', '.git/refs/remotes/origin/HEAD': 'ref: refs/remotes/origin/develop\n' });
    expect(runCli(['init'], { cwd: cloned }).status).toBe(0);
    expect(readFileSync(join(cloned, '.github', 'workflows', 'scrapelint.yml'), 'utf8')).toContain('  push:\n    branches: ["develop"]\n');
  });

  test('--force is only for init, and init takes no paths', () => {
    const dir = repo({ 'kubelet.yaml': KUBELET });
    expect(expectCleanError(runCli(['--force', '.'], { cwd: dir }))).toBe('scrapelint: --force is for "scrapelint init"');
    expectCleanError(runCli(['init', 'deploy'], { cwd: dir }), /"init" takes no arguments/);
    expect(existsSync(join(dir, '.scrapelint.yaml'))).toBe(false);
  });
});

describe('scrapelint rules with a configuration, and rules <id>', () => {
  test('the list shows the severity each rule has in this configuration, and its default', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules:\n  kubelet-scheme: warning\n  insecure-skip-verify: info\n  crd-schema: off\n' });
    const rows = runCli(['rules'], { cwd: dir }).stdout.split('\n');
    const row = (id: string) => rows.find((r) => r.startsWith(`${id} `))!;
    expect(row('kubelet-scheme')).toMatch(/^kubelet-scheme +warning +.*\(in this configuration; error by default\)$/);
    expect(row('insecure-skip-verify')).toMatch(/^insecure-skip-verify +info +.*\(in this configuration; off by default\)$/);
    expect(row('crd-schema')).toMatch(/^crd-schema +error +.*\(off in this configuration; error by default\)$/);
    const listed = JSON.parse(runCli(['rules', '--format', 'json'], { cwd: dir }).stdout) as { id: string; severity: string; enabled: boolean }[];
    expect(listed.filter((r) => ['kubelet-scheme', 'insecure-skip-verify', 'crd-schema'].includes(r.id)).map(({ id, severity, enabled }) => ({ id, severity, enabled }))).toEqual([
      { id: 'crd-schema', severity: 'error', enabled: false },
      { id: 'insecure-skip-verify', severity: 'info', enabled: true },
      { id: 'kubelet-scheme', severity: 'warning', enabled: true },
    ]);
  });

  test('rules <id> prints the rule page, with its severity here; an unknown id gets a did-you-mean and exit 2', () => {
    const dir = repo({ '.scrapelint.yaml': 'rules:\n  kubelet-scheme: warning\n' });
    const page = runCli(['rules', 'kubelet-scheme'], { cwd: dir });
    expect(page.status).toBe(0);
    expect(page.stdout.startsWith('# kubelet-scheme\n')).toBe(true);
    expect(page.stdout.trimEnd().endsWith('In this configuration: warning (error by default).')).toBe(true);
    expect(expectCleanError(runCli(['rules', 'kubelet-schme'], { cwd: dir }))).toBe('scrapelint: unknown rule "kubelet-schme" (did you mean kubelet-scheme?); "scrapelint rules" lists them');
  });
});
