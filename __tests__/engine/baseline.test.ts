// The baseline, in process: entries keyed by rule, file, object and path (not lines) with counts;
// findings it covers are not reported, new ones are, even after the code moves; stale entries and
// the pruned baseline; reading a baseline file's text.
import { describe, expect, test } from '@jest/globals';
import { applyBaseline, createBaseline, parseBaseline, BaselineError, type Baseline } from '../../src/engine/baseline.js';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import { HEADLINE_RULES } from '../helpers/rules.js';

function findingsOf(files: Record<string, string>): Finding[] {
  return lint(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    { rules: HEADLINE_RULES },
  ).findings;
}

const where = (findings: readonly Finding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);

/** A kubelet monitor with a dead read-only port (error at the port) and a deprecated bearerTokenFile (info). */
const monitor = ({ name = 'kubelet', labels = '', extraEndpoint = '' } = {}) => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
  namespace: kube-system
${labels}spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
    honorLabels: true
  - port: https-metrics
    scheme: https
    path: /metrics/cadvisor
    honorLabels: true
    bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
    tlsConfig: {insecureSkipVerify: true}
${extraEndpoint}`;

/** Ten lines of labels: everything below moves down by ten lines. */
const TEN_LINES = `  labels:\n${Array.from({ length: 9 }, (_, i) => `    team-${i}: platform\n`).join('')}`;
const READONLY_ENDPOINT = `  - port: http-metrics
    path: /metrics/resource
    honorLabels: true
`;

describe('createBaseline', () => {
  test('records rule, file, object and path with a count, and no line numbers', () => {
    const baseline = createBaseline(findingsOf({ 'deploy/kubelet.yaml': monitor() }));
    expect(baseline).toEqual({
      version: 1,
      entries: [
        { ruleId: 'deprecated-bearer-token-file', file: 'deploy/kubelet.yaml', object: 'ServiceMonitor kube-system/kubelet', path: 'spec.endpoints[1].bearerTokenFile', count: 1 },
        { ruleId: 'kubelet-readonly-port', file: 'deploy/kubelet.yaml', object: 'ServiceMonitor kube-system/kubelet', path: 'spec.endpoints[0].port', count: 1 },
      ],
    });
    expect(JSON.stringify(baseline)).not.toMatch(/"(line|column|range)"/);
  });

  test('findings with the same key are one entry with their count', () => {
    // The same object twice in one file (a copy-paste): two findings, one key.
    const findings = findingsOf({ 'a.yaml': `${monitor()}---\n${monitor()}` });
    expect(where(findings).filter((f) => f.endsWith('kubelet-readonly-port'))).toEqual(['a.yaml:9:11 kubelet-readonly-port', 'a.yaml:27:11 kubelet-readonly-port']);
    const entry = createBaseline(findings).entries.find((e) => e.ruleId === 'kubelet-readonly-port');
    expect(entry?.count).toBe(2);
  });

  test('findings about the input (a parse error) are keyed by their message, without an object', () => {
    const broken = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: a\nspec: {}\n';
    const { entries } = createBaseline(findingsOf({ 'broken.yaml': broken }));
    expect(entries).toEqual([{ ruleId: 'parse-error', file: 'broken.yaml', message: expect.any(String), count: 1 }]);
  });

  test('entries are in a stable order whatever the order of the findings', () => {
    const findings = findingsOf({ 'b.yaml': monitor(), 'a.yaml': monitor({ name: 'other' }) });
    expect(createBaseline([...findings].reverse())).toEqual(createBaseline(findings));
  });
});

describe('applyBaseline', () => {
  const before = { 'deploy/kubelet.yaml': monitor() };

  test('covers the findings it recorded', () => {
    const findings = findingsOf(before);
    const result = applyBaseline(findings, createBaseline(findings));
    expect(result.reported).toEqual([]);
    expect(result.baselined).toBe(2);
    expect(result.stale).toEqual([]);
    expect(result.pruned).toEqual(createBaseline(findings));
  });

  test('after the code moves by ten lines, the old findings still match and a new one is reported', () => {
    const baseline = createBaseline(findingsOf(before));
    const after = findingsOf({ 'deploy/kubelet.yaml': monitor({ labels: TEN_LINES, extraEndpoint: READONLY_ENDPOINT }) });
    // The recorded findings moved from lines 9 and 16 to 19 and 26; the new endpoint is at 28.
    expect(where(after)).toEqual([
      'deploy/kubelet.yaml:19:11 kubelet-readonly-port',
      'deploy/kubelet.yaml:26:5 deprecated-bearer-token-file',
      'deploy/kubelet.yaml:28:11 kubelet-readonly-port',
    ]);
    const result = applyBaseline(after, baseline);
    expect(where(result.reported)).toEqual(['deploy/kubelet.yaml:28:11 kubelet-readonly-port']);
    expect(result.baselined).toBe(2);
    expect(result.stale).toEqual([]);
  });

  test('a count covers that many findings with the same key; the next one is reported', () => {
    const one = createBaseline(findingsOf({ 'a.yaml': monitor() }));
    const twice = findingsOf({ 'a.yaml': `${monitor()}---\n${monitor()}` });
    const result = applyBaseline(twice, one);
    // Each of the two identical objects has the same two findings: one of each is covered.
    expect(result.baselined).toBe(2);
    expect(where(result.reported)).toEqual(['a.yaml:27:11 kubelet-readonly-port', 'a.yaml:34:5 deprecated-bearer-token-file']);
  });

  test('another file, another object or another path is not covered', () => {
    const baseline = createBaseline(findingsOf(before));
    expect(applyBaseline(findingsOf({ 'deploy/other.yaml': monitor() }), baseline).baselined).toBe(0);
    expect(applyBaseline(findingsOf({ 'deploy/kubelet.yaml': monitor({ name: 'kubelet-2' }) }), baseline).baselined).toBe(0);
    // The read-only endpoint moved from the first to the third place in the list: another path.
    const moved = monitor().replace(/  - port: http-metrics\n    path: \/metrics\/cadvisor\n    honorLabels: true\n/, '') + READONLY_ENDPOINT;
    const result = applyBaseline(findingsOf({ 'deploy/kubelet.yaml': moved }), baseline);
    // bearerTokenFile moved from endpoints[1] to endpoints[0]: another path too.
    expect(where(result.reported)).toEqual(['deploy/kubelet.yaml:13:5 deprecated-bearer-token-file', 'deploy/kubelet.yaml:15:11 kubelet-readonly-port']);
    expect(result.baselined).toBe(0);
  });

  test('a parse error stays covered when lines are added above it', () => {
    const broken = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: a\nspec: {}\n';
    const baseline = createBaseline(findingsOf({ 'broken.yaml': broken }));
    const moved = findingsOf({ 'broken.yaml': `# one\n# two\n# three\n${broken}` });
    expect(moved.map((f) => f.ruleId)).toEqual(['parse-error']);
    expect(applyBaseline(moved, baseline)).toEqual(expect.objectContaining({ reported: [], baselined: 1, stale: [] }));
  });

  test('entries that match nothing are stale, and the pruned baseline drops them', () => {
    const baseline = createBaseline(findingsOf({ 'a.yaml': `${monitor()}---\n${monitor()}` }));
    // One of the two copies is gone, and its bearerTokenFile too.
    const fixed = monitor().replace('    bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n', '    authorization: {credentials: {name: token, key: token}}\n');
    const result = applyBaseline(findingsOf({ 'a.yaml': fixed }), baseline);
    expect(result.reported).toEqual([]);
    expect(result.baselined).toBe(1);
    expect(result.stale).toEqual([
      expect.objectContaining({ ruleId: 'deprecated-bearer-token-file', count: 2 }),
      expect.objectContaining({ ruleId: 'kubelet-readonly-port', count: 1 }),
    ]);
    expect(result.pruned).toEqual({
      version: 1,
      entries: [{ ruleId: 'kubelet-readonly-port', file: 'a.yaml', object: 'ServiceMonitor kube-system/kubelet', path: 'spec.endpoints[0].port', count: 1 }],
    });
  });

  test('an empty baseline reports everything', () => {
    const findings = findingsOf(before);
    expect(applyBaseline(findings, { version: 1, entries: [] })).toEqual({ reported: findings, baselined: 0, stale: [], pruned: { version: 1, entries: [] } });
  });
});

describe('parseBaseline', () => {
  test('reads what createBaseline wrote (through JSON)', () => {
    const findings = findingsOf({ 'a.yaml': monitor() });
    const baseline = createBaseline(findings);
    const read = parseBaseline(`${JSON.stringify(baseline, null, 2)}\n`);
    expect(read).toEqual(baseline);
    expect(applyBaseline(findings, read).reported).toEqual([]);
  });

  test.each([
    ['not JSON', '{"version": 1,', /^not JSON \(/],
    ['another version', '{"version": 2, "entries": []}', /^not a scrapelint baseline/],
    ['entries not a list', '{"version": 1, "entries": {}}', /^not a scrapelint baseline/],
    ['an entry without a count', '{"version": 1, "entries": [{"ruleId": "a", "file": "b"}]}', /^not a scrapelint baseline/],
    ['an ESLint suppressions file', '{"src/a.js": {"no-undef": {"count": 1}}}', /^not a scrapelint baseline/],
    ['null', 'null', /^not a scrapelint baseline/],
  ])('rejects %s with a BaselineError', (_name, text, message) => {
    let error: unknown;
    try {
      parseBaseline(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as Error).message).toMatch(message);
  });

  test('an entry with a count that is not a whole number is rejected', () => {
    const text = JSON.stringify({ version: 1, entries: [{ ruleId: 'a', file: 'b', count: 1.5 }] } satisfies Baseline);
    expect(() => parseBaseline(text)).toThrow(BaselineError);
  });
});
