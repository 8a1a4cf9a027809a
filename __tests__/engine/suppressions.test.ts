// Inline suppressions, in process: what each form silences (and only that), the reason after `--`,
// the scrapelint.dev/ignore annotation, the `suppressed` count, and unused-suppression findings
// (their positions are in __tests__/rules/unused-suppression.yaml). Lints with the headline rules
// plus unused-suppression, so these tests do not change as rules are added.
import { describe, expect, test } from '@jest/globals';
import { lint, type LintOptions } from '../../src/engine/lint.js';
import { HEADLINE_RULES, rules } from '../helpers/rules.js';

const UNUSED = rules.find((r) => r.id === 'unused-suppression')!;
const RULES = [...HEADLINE_RULES, UNUSED];

function run(text: string | Record<string, string>, options: Partial<LintOptions> = {}) {
  const inputs = typeof text === 'string' ? [{ file: 'test.yaml', text }] : Object.entries(text).map(([file, t]) => ({ file, text: t }));
  const result = lint(inputs, { rules: RULES, ...options });
  return {
    /** `line:column rule-id`, and the file when there are several. */
    found: result.findings.map((f) => `${typeof text === 'string' ? '' : `${f.file} `}${f.line}:${f.column} ${f.ruleId}`),
    findings: result.findings,
    suppressed: result.suppressed,
  };
}

/** A kubelet monitor whose endpoints use the read-only port: one kubelet-readonly-port error per endpoint, at the port. */
const HEAD = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
`;
const READONLY = `  - port: http-metrics
    path: /metrics/cadvisor
    honorLabels: true
`;

describe('without directives', () => {
  test('the manifests of these tests have the findings the directives then silence', () => {
    expect(run(HEAD + READONLY + READONLY)).toEqual(expect.objectContaining({ found: ['7:11 kubelet-readonly-port', '10:11 kubelet-readonly-port'], suppressed: 0 }));
  });
});

describe('# scrapelint-disable-next-line', () => {
  test.each([
    ['with a rule id and a reason', '  # scrapelint-disable-next-line kubelet-readonly-port -- the read-only port is on in this cluster\n'],
    ['with a rule id and no reason', '  # scrapelint-disable-next-line kubelet-readonly-port\n'],
    ['without rule ids, with a reason', '  # scrapelint-disable-next-line -- generated\n'],
    ['without rule ids or reason', '  # scrapelint-disable-next-line\n'],
    ['with several ids, one of them this one', '  # scrapelint-disable-next-line kubelet-honor-labels,kubelet-readonly-port kubelet-scheme -- x\n'],
  ])('%s: silences the next line only', (_name, directive) => {
    const { found, suppressed } = run(HEAD + directive + READONLY + READONLY);
    // The second endpoint (two lines further down) is still reported; no other id is "unused"
    // except those that suppressed nothing.
    expect(found.filter((f) => f.endsWith('kubelet-readonly-port'))).toEqual(['11:11 kubelet-readonly-port']);
    expect(suppressed).toBe(1);
  });

  test('skips blank lines and comment lines to the next line with content', () => {
    const { found, suppressed } = run(`${HEAD}  # scrapelint-disable-next-line kubelet-readonly-port -- on here\n\n  # the cAdvisor endpoint\n${READONLY}`);
    expect(found).toEqual([]);
    expect(suppressed).toBe(1);
  });

  test('the reason is not read as rule ids, even when it names a rule', () => {
    const text = `${HEAD}  # scrapelint-disable-next-line kubelet-scheme -- kubelet-honor-labels, kubelet-auth-missing and kubelet-tls-config are next
  - port: https-metrics
    path: /metrics/cadvisor
`;
    const { found, suppressed } = run(text);
    expect(found).toEqual(['8:5 kubelet-auth-missing', '8:5 kubelet-honor-labels', '8:5 kubelet-tls-config']);
    expect(suppressed).toBe(1);
  });

  test('another rule on the same line is not silenced by an id that names one rule', () => {
    const text = `${HEAD}  # scrapelint-disable-next-line kubelet-honor-labels
  - port: https-metrics
    path: /metrics/cadvisor
`;
    const { found, suppressed } = run(text);
    expect(found).toEqual(['8:5 kubelet-auth-missing', '8:5 kubelet-tls-config', '8:11 kubelet-scheme']);
    expect(suppressed).toBe(1);
  });
});

describe('# scrapelint-disable-line', () => {
  test.each([
    ['with a reason', ' # scrapelint-disable-line kubelet-readonly-port -- on in this cluster'],
    ['without a reason', ' # scrapelint-disable-line kubelet-readonly-port'],
    ['without rule ids', ' # scrapelint-disable-line'],
    ['without rule ids, with a reason', ' # scrapelint-disable-line -- on in this cluster'],
  ])('%s: silences its own line only', (_name, directive) => {
    const first = READONLY.replace('http-metrics\n', `http-metrics${directive}\n`);
    const { found, suppressed } = run(HEAD + first + READONLY);
    expect(found).toEqual(['10:11 kubelet-readonly-port']);
    expect(suppressed).toBe(1);
  });

  test('a finding that starts on the line is silenced even if it spans several lines', () => {
    const text = `${HEAD}  - port: https-metrics # scrapelint-disable-line kubelet-auth-missing, kubelet-tls-config -- a sidecar
    scheme: https
    path: /metrics/cadvisor
    honorLabels: true
`;
    const { findings, suppressed } = run(text);
    expect(findings).toEqual([]);
    expect(suppressed).toBe(2);
  });

  test('on a line of a flow-style manifest', () => {
    const text = `${HEAD}  - {port: http-metrics, path: /metrics/cadvisor, honorLabels: true} # scrapelint-disable-line kubelet-readonly-port
  - {port: http-metrics, path: /metrics/cadvisor, honorLabels: true}
`;
    expect(run(text).found).toEqual(['8:12 kubelet-readonly-port']);
  });
});

describe('# scrapelint-disable (the rest of the YAML document)', () => {
  test.each([
    ['with a reason', '# scrapelint-disable kubelet-readonly-port -- the read-only port is on in this cluster\n'],
    ['without a reason', '# scrapelint-disable kubelet-readonly-port\n'],
    ['without rule ids', '# scrapelint-disable -- vendored\n'],
  ])('%s: silences every later line of its document', (_name, directive) => {
    const { found, suppressed } = run(directive + HEAD + READONLY + READONLY);
    expect(found).toEqual([]);
    expect(suppressed).toBe(2);
  });

  test('lines above the directive are not silenced', () => {
    const { found, suppressed } = run(`${HEAD + READONLY}  # scrapelint-disable kubelet-readonly-port -- from here on\n${READONLY}`);
    expect(found).toEqual(['7:11 kubelet-readonly-port']);
    expect(suppressed).toBe(1);
  });

  test('the next YAML document of the file is not silenced', () => {
    const text = `# scrapelint-disable kubelet-readonly-port -- this document only\n${HEAD}${READONLY}---\n${HEAD}${READONLY}`;
    const { found, suppressed } = run(text);
    expect(found).toEqual(['18:11 kubelet-readonly-port']);
    expect(suppressed).toBe(1);
  });

  test('a directive after a leading `---` covers that document only', () => {
    const text = `---\n# scrapelint-disable kubelet-readonly-port\n${HEAD}${READONLY}---\n${HEAD}${READONLY}`;
    expect(run(text).found).toEqual(['19:11 kubelet-readonly-port']);
  });
});

describe('the scrapelint.dev/ignore annotation', () => {
  const annotated = (value: string, name = 'kubelet') => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
  namespace: kube-system
  annotations:
    scrapelint.dev/ignore: ${value}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
${READONLY}${READONLY}`;

  test('silences the listed rules on the whole object', () => {
    const { found, suppressed } = run(annotated('"kubelet-readonly-port"'));
    expect(found).toEqual([]);
    expect(suppressed).toBe(2);
  });

  test('lists several rules with commas (and spaces); other rules are still reported', () => {
    const text = annotated('"kubelet-honor-labels, kubelet-readonly-port"').replace(READONLY + READONLY, `${READONLY}  - port: https-metrics\n    scheme: https\n    path: /metrics/cadvisor\n`);
    const { found, suppressed } = run(text);
    // The https endpoint lacks credentials and tlsConfig (reported) and honorLabels (silenced).
    expect(found).toEqual(['14:5 kubelet-auth-missing', '14:5 kubelet-tls-config']);
    expect(suppressed).toBe(2);
  });

  test('does not reach the other objects of the file', () => {
    const text = `${annotated('kubelet-readonly-port')}---\n${HEAD}${READONLY}`;
    const { found, suppressed } = run(text);
    expect(found).toEqual(['24:11 kubelet-readonly-port']);
    expect(suppressed).toBe(2);
  });

  test('on an item of a kind: List, silences that item only', () => {
    const item = (annotations: string) => `- apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata: {name: kubelet, namespace: kube-system${annotations}}
  spec:
    selector: {matchLabels: {k8s-app: kubelet}}
    endpoints:
    - {port: http-metrics, path: /metrics/cadvisor, honorLabels: true}
`;
    const text = `apiVersion: v1\nkind: List\nitems:\n${item(', annotations: {scrapelint.dev/ignore: kubelet-readonly-port}')}${item('')}`;
    const { found, suppressed } = run(text);
    expect(found).toEqual(['17:14 kubelet-readonly-port']);
    expect(suppressed).toBe(1);
  });
});

describe('several files', () => {
  test('a directive silences findings of its own file only', () => {
    const { found, suppressed } = run({
      'a.yaml': `${HEAD}${READONLY.replace('http-metrics\n', 'http-metrics # scrapelint-disable-line kubelet-readonly-port\n')}`,
      'b.yaml': HEAD + READONLY,
    });
    expect(found).toEqual(['b.yaml 7:11 kubelet-readonly-port']);
    expect(suppressed).toBe(1);
  });
});

describe('unused-suppression', () => {
  const stale = `${HEAD}  # scrapelint-disable-next-line kubelet-readonly-port -- the port was fixed since
  - port: https-metrics
    scheme: https
    path: /metrics/cadvisor
    honorLabels: true
    bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
    tlsConfig: {insecureSkipVerify: true}
`;

  test('a directive that suppresses nothing is a warning at the directive', () => {
    const { findings, suppressed } = run(stale);
    const unused = findings.filter((f) => f.ruleId === 'unused-suppression');
    expect(unused).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'test.yaml',
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 83,
        message: '`# scrapelint-disable-next-line` suppresses no `kubelet-readonly-port` finding here: remove it.',
      }),
    ]);
    expect(suppressed).toBe(0);
  });

  test('an unused annotation points at its value', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  annotations: {scrapelint.dev/ignore: "kubelet-readonly-port"}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: metrics}]
`;
    expect(run(text).findings).toEqual([
      expect.objectContaining({
        ruleId: 'unused-suppression',
        line: 5,
        column: 40,
        endLine: 5,
        endColumn: 63,
        message: 'the scrapelint.dev/ignore annotation suppresses no `kubelet-readonly-port` finding here: remove it.',
      }),
    ]);
  });

  test('is not reported when the rule is off, and takes the configured severity', () => {
    const unusedOf = (options: Partial<LintOptions>) => run(stale, options).findings.filter((f) => f.ruleId === 'unused-suppression');
    expect(unusedOf({ severities: { 'unused-suppression': 'off' } })).toEqual([]);
    expect(unusedOf({ severities: { 'unused-suppression': 'error' } }).map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['7:3 error']);
  });

  test('follows the per-path overrides of the file the directive is in', () => {
    const overrides = [{ matches: (file: string) => file.startsWith('generated/'), severities: { 'unused-suppression': 'off' as const } }];
    const { found } = run({ 'generated/a.yaml': stale, 'deploy/b.yaml': stale }, { overrides });
    expect(found.filter((f) => f.endsWith('unused-suppression'))).toEqual(['deploy/b.yaml 7:3 unused-suppression']);
  });

  test('suppressions still work when unused-suppression is off', () => {
    const first = READONLY.replace('http-metrics\n', 'http-metrics # scrapelint-disable-line kubelet-readonly-port\n');
    expect(run(HEAD + first, { severities: { 'unused-suppression': 'off' } })).toEqual(expect.objectContaining({ found: [], suppressed: 1 }));
  });

  test('a directive naming a rule that is turned off suppresses nothing, and is reported', () => {
    const first = READONLY.replace('http-metrics\n', 'http-metrics # scrapelint-disable-line kubelet-readonly-port\n');
    expect(run(HEAD + first, { severities: { 'kubelet-readonly-port': 'off' } }).found).toEqual(['7:24 unused-suppression']);
  });
});

describe('text that is not a YAML comment is not a directive', () => {
  // BUG: directives are found by a regular expression over raw lines (commentDirectives in
  // src/engine/suppressions.ts), so `# scrapelint-disable...` inside a block scalar or a quoted
  // string counts as a directive. Here an annotation that documents the directive silences every
  // later finding of the document. Expected: kubelet-readonly-port at 12:11, nothing suppressed.
  test('inside a block scalar (an annotation documenting the directive)', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: kube-system
  annotations:
    runbook: |
      Findings can be silenced with a comment:
      # scrapelint-disable
spec:
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
    honorLabels: true
  selector: {matchLabels: {k8s-app: kubelet}}
`;
    // Today: no finding at all, suppressed 1 (the block scalar line silenced the error).
    expect(run(text)).toEqual(expect.objectContaining({ found: ['12:11 kubelet-readonly-port'], suppressed: 0 }));
  });

  // BUG: same cause. A quoted value containing ` # scrapelint-disable-line` becomes a directive
  // whose "rule id" is the rest of the line (`"}}`), reported as unused-suppression:
  // "`# scrapelint-disable-line` suppresses no `\"}}` finding here". Expected: only the
  // kubelet-readonly-port error.
  test('inside a quoted string', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: kube-system, annotations: {note: "see # scrapelint-disable-line"}}
spec:
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
${READONLY}`;
    expect(run(text).found).toEqual(['7:11 kubelet-readonly-port']);
  });
});
