// The flags of the across-resources rules: --namespace and --prometheus-selector, and the other
// object of a finding in the JSON output.
import { afterAll, describe, expect, test } from '@jest/globals';
import { expectCleanError, parseReport, runCli, tempDirs, writeTree } from './helpers.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

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

describe('--namespace', () => {
  test('objects without a namespace are in the one named; without --namespace it is unknown and the rules stand down', () => {
    const dir = dirs.make();
    writeTree(dir, { 'deploy/monitor.yaml': MONITOR, 'deploy/service.yaml': SERVICE });
    const unknown = parseReport(runCli(['--format', 'json', '.'], { cwd: dir }).stdout);
    expect(unknown.findings.filter((f) => f.ruleId === 'namespace-not-selected')).toEqual([]);
    const inDefault = parseReport(runCli(['--format', 'json', '--namespace', 'default', '.'], { cwd: dir }).stdout);
    const finding = inDefault.findings.find((f) => f.ruleId === 'namespace-not-selected');
    expect(finding).toMatchObject({ file: 'deploy/monitor.yaml', line: 6 });
    expect(finding?.message).toContain('Service `shop/web` (deploy/service.yaml:1)');
    expect((finding as unknown as { related: { file: string; line: number }[] }).related).toEqual([
      expect.objectContaining({ file: 'deploy/service.yaml', line: 1, message: 'a selected Service in another namespace' }),
    ]);
    const inShop = parseReport(runCli(['--format', 'json', '--namespace', 'shop', '.'], { cwd: dir }).stdout);
    expect(inShop.findings.filter((f) => f.ruleId === 'namespace-not-selected')).toEqual([]);
  });

  test('an invalid namespace is a usage error', () => {
    expectCleanError(runCli(['--namespace', 'Not_Valid', '.'], { cwd: dirs.make() }), /invalid namespace "Not_Valid"/);
  });
});

describe('--prometheus-selector', () => {
  test('without a Prometheus in the input, the named selector judges the monitors', () => {
    const dir = dirs.make();
    writeTree(dir, { 'monitor.yaml': MONITOR });
    const silent = parseReport(runCli(['--format', 'json', '.'], { cwd: dir }).stdout);
    expect(silent.findings.filter((f) => f.ruleId === 'monitor-not-selected')).toEqual([]);
    const judged = parseReport(runCli(['--format', 'json', '--prometheus-selector', 'release=kps', '.'], { cwd: dir }).stdout);
    const finding = judged.findings.find((f) => f.ruleId === 'monitor-not-selected');
    expect(finding).toMatchObject({ line: 5, column: 3 });
    expect(finding?.message).toContain('`release: kps`');
    // Adding a label may make another Prometheus select the monitor too: a suggestion, not a fix.
    expect(finding?.fix).toBeUndefined();
    expect((finding as unknown as { suggestions: { edits: { text: string }[] }[] }).suggestions[0].edits.map((e) => e.text)).toEqual([', release: kps']);
    const selected = parseReport(runCli(['--format', 'json', '--prometheus-selector', 'app in (web,api)', '.'], { cwd: dir }).stdout);
    expect(selected.findings.filter((f) => f.ruleId === 'monitor-not-selected')).toEqual([]);
  });

  test('a selector that does not parse is a usage error', () => {
    expectCleanError(runCli(['--prometheus-selector', 'release<kps', '.'], { cwd: dirs.make() }), /--prometheus-selector: cannot read "release<kps"/);
  });
});
