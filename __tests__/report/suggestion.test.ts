// Fixes as whole-line suggestions (what a pull-request ```suggestion``` replaces), and the diff
// lines review comments may sit on.
import { expect, test } from '@jest/globals';
import { lineSuggestion } from '../../src/report/suggestion.js';
import { parsePatch } from '../../src/action/diff.js';
import { SourceText } from '../../src/yaml/source.js';
import { lintText } from '../helpers/rules.js';

const BROKEN = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics # read-only
    path: /metrics/cadvisor
  - port: https-metrics
    scheme: https
    honorLabels: true
    bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
    tlsConfig: {insecureSkipVerify: true}
`;

test('a fix that edits one line and appends after another covers exactly those lines', () => {
  const finding = lintText(BROKEN).find((f) => f.ruleId === 'kubelet-readonly-port')!;
  const suggestion = lineSuggestion(finding, new SourceText('test.yaml', BROKEN));
  expect(suggestion).toEqual({
    startLine: 7,
    endLine: 8,
    text: [
      '  - port: https-metrics # read-only',
      '    path: /metrics/cadvisor',
      '    scheme: https',
      '    honorLabels: true',
      '    bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
      '    tlsConfig:',
      '      insecureSkipVerify: true',
    ].join('\n'),
  });
});

test('a one-value fix replaces its own line only', () => {
  const text = BROKEN.replace('    path: /metrics/cadvisor\n', '    path: /metrics/cAdvisor\n').replace('port: http-metrics # read-only', 'port: https-metrics\n    scheme: https\n    honorLabels: true\n    bearerTokenFile: /t\n    tlsConfig: {insecureSkipVerify: true}');
  const finding = lintText(text).find((f) => f.ruleId === 'kubelet-metrics-path')!;
  const suggestion = lineSuggestion(finding, new SourceText('test.yaml', text))!;
  expect(suggestion.startLine).toBe(suggestion.endLine);
  expect(suggestion.text).toBe('    path: /metrics/cadvisor');
  expect(text.split('\n')[suggestion.startLine - 1]).toBe('    path: /metrics/cAdvisor');
});

test('CRLF files give suggestions without carriage returns', () => {
  const crlf = BROKEN.replace(/\n/g, '\r\n');
  const finding = lintText(crlf).find((f) => f.ruleId === 'kubelet-readonly-port')!;
  const suggestion = lineSuggestion(finding, new SourceText('test.yaml', crlf))!;
  expect(suggestion.startLine).toBe(7);
  expect(suggestion.endLine).toBe(8);
  expect(suggestion.text).not.toContain('\r');
  expect(suggestion.text.split('\n')).toHaveLength(7);
});

test('a finding without a fix has no suggestion', () => {
  const finding = lintText(BROKEN).find((f) => f.ruleId === 'deprecated-bearer-token-file')!;
  expect(lineSuggestion(finding, new SourceText('test.yaml', BROKEN))).toBeUndefined();
});

test('diff hunks: added lines and lines inside hunks of the new file', () => {
  const patch = ['@@ -1,3 +1,4 @@', ' a', '-b', '+B', '+C', ' d', '@@ -10,2 +11,3 @@ spec:', ' x', '+y', ' z', '\\ No newline at end of file'].join('\n');
  const diff = parsePatch(patch);
  expect([...diff.added].sort((a, b) => a - b)).toEqual([2, 3, 12]);
  expect([...diff.inHunks].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 11, 12, 13]);
  expect(parsePatch(undefined).added.size).toBe(0);
});
