// The job summary stays under GitHub's limit and links the rule docs; SARIF has the shape code
// scanning accepts.
import { expect, test } from '@jest/globals';
import { renderSummary, SUMMARY_BUDGET_BYTES } from '../../src/report/summary.js';
import { toSarif } from '../../src/report/sarif.js';
import { summarize, type Finding } from '../../src/engine/finding.js';
import { lintHeadline as lintText, rules } from '../helpers/rules.js';
import { lint } from '../../src/engine/lint.js';

const KUBELET = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics
`;

function many(n: number): Finding[] {
  const one = lintText(KUBELET)[0];
  return Array.from({ length: n }, (_, i) => ({ ...one, line: i + 1, message: `${one.message} | pipe ${'x'.repeat(200)}` }));
}

test('the summary counts findings, links rule docs and escapes table cells', () => {
  const findings = lintText(KUBELET);
  const text = renderSummary(findings, summarize(findings, 1), { fileUrl: (f, l) => `https://example/${f}#L${l}` });
  expect(text).toContain('**1 error, 0 warnings, 0 infos** in 1 file.');
  expect(text).toContain('[kubelet-readonly-port](https://github.com/scrapelint/scrapelint/blob/main/docs/rules/kubelet-readonly-port.md)');
  expect(text).toContain('[`test.yaml:7`](https://example/test.yaml#L7)');
  expect(renderSummary([], summarize([], 3))).toContain('No problems found in 3 files.');
});

test('a huge summary is cut below 1 MiB and says how many rows are left out', () => {
  const findings = many(10_000);
  const text = renderSummary(findings, summarize(findings, 1));
  expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_BUDGET_BYTES);
  expect(Buffer.byteLength(text)).toBeGreaterThan(SUMMARY_BUDGET_BYTES - 2_000);
  expect(text).toMatch(/_\d+ more findings are not shown here/);
  expect(text).toContain('\\| pipe');
});

test('SARIF 2.1.0: rules metadata, levels, 1-based regions, distinct fingerprints', () => {
  const findings = [...lintText(KUBELET), ...lintText(KUBELET.replace('http-metrics', 'https-metrics\n    scheme: https\n    bearerTokenFile: /t\n    tlsConfig: {insecureSkipVerify: true}'))];
  const sarif = toSarif(findings, rules, { version: '1.2.3' }) as any;
  expect(sarif.version).toBe('2.1.0');
  const run = sarif.runs[0];
  expect(run.tool.driver.name).toBe('scrapelint');
  expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(rules.map((r) => r.id));
  const rule = run.tool.driver.rules.find((r: any) => r.id === 'kubelet-readonly-port');
  expect(rule.defaultConfiguration.level).toBe('error');
  expect(rule.helpUri).toMatch(/docs\/rules\/kubelet-readonly-port\.md$/);
  const levels = new Set(run.results.map((r: any) => r.level));
  expect([...levels].every((l) => ['error', 'warning', 'note'].includes(l as string))).toBe(true);
  const result = run.results.find((r: any) => r.ruleId === 'kubelet-readonly-port');
  expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 11, endLine: 7, endColumn: 23 });
  expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'test.yaml', uriBaseId: '%SRCROOT%' });
  expect(run.tool.driver.rules[result.ruleIndex].id).toBe('kubelet-readonly-port');
  const prints = run.results.map((r: any) => r.partialFingerprints['scrapelint/v2']);
  expect(new Set(prints).size).toBe(prints.length);
});

test('SARIF fingerprints name what a finding is about: moving lines, and editing the file a message cites, keep them', () => {
  const monitor = (above: string) => `${above}apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app, namespace: app}
spec:
  selector: {matchLabels: {app: web}}
  endpoints:
  - port: metrics
    authorization:
      credentials: {name: token, key: bearer}
  - port: metrics
    path: metrics
`;
  const secret = (above: string) => `${above}apiVersion: v1
kind: Secret
metadata: {name: token, namespace: app}
stringData: {token: x}
`;
  const prints = (files: Record<string, string>) => {
    const { findings } = lint(Object.entries(files).map(([file, text]) => ({ file, text })), { rules, trees: [''] });
    const run = (toSarif(findings, rules, { version: '1.2.3' }) as any).runs[0];
    return run.results.map((r: any) => `${r.ruleId} ${r.partialFingerprints['scrapelint/v2']} ${r.message.text.includes('secret.yaml:') ? 'cites' : ''}`).sort();
  };
  const before = prints({ 'sm.yaml': monitor(''), 'secret.yaml': secret('') });
  const after = prints({ 'sm.yaml': monitor('# moved down\n\n'), 'secret.yaml': secret('# a comment\n# and another\n') });
  expect(before.some((p: string) => p.startsWith('secret-data-invalid') && p.endsWith('cites'))).toBe(true);
  expect(before.some((p: string) => p.startsWith('path-leading-slash'))).toBe(true);
  expect(after).toEqual(before);
  for (const p of before) expect(p.split(' ')[1]).toMatch(/^[0-9a-f]{64}:\d+$/);
});
