// Fixing in process: fixInputs (src/engine/fixer.ts) with the built-in rules, and writeFixed
// (src/node/write-fixes.ts). What a user of --fix would see in their files: the exact bytes after
// fixing, for line endings, a byte-order mark, no final newline, flow style, comments, odd
// indentation and multi-document files; fixes that overlap applied over several passes; fixes
// that would break the file refused with a reason; files written atomically and safely.
import { afterAll, describe, expect, test } from '@jest/globals';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { fixInputs, MAX_FIX_PASSES, type FixOptions } from '../../src/engine/fixer.js';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import { loadRules, type RuleFileInput } from '../../src/ruleset/loader.js';
import type { Rule } from '../../src/ruleset/types.js';
import { writeFixed } from '../../src/node/write-fixes.js';
import { rules } from '../helpers/rules.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BROKEN = readFileSync(join(ROOT, 'examples', 'kubelet-broken.yaml'), 'utf8');
const CATALOGUE = readFileSync(join(ROOT, 'examples', 'kubelet-fixed.yaml'), 'utf8');
/** examples/kubelet-broken.yaml after one --fix: reviewed by hand, shared with __tests__/cli/fix.test.ts. */
const BROKEN_FIXED = readFileSync(join(ROOT, '__tests__', 'fixtures', 'fix', 'kubelet-broken.fixed.yaml'), 'utf8');

const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The text after fixInputs (the input itself when nothing changed), with what remains. */
function fixText(text: string, file = 'test.yaml', options: Partial<FixOptions> = {}) {
  const result = fixInputs([{ file, text }], { rules, ...options });
  return { text: result.fixed.get(file) ?? text, changed: result.fixed.has(file), applied: result.applied.get(file) ?? 0, remaining: result.result.findings };
}

const ids = (findings: readonly Finding[]) => [...new Set(findings.map((f) => f.ruleId))].sort();

/** Only the infos that a fixed kubelet endpoint keeps: its bearerTokenFile is deprecated (no automatic fix). */
function expectOnlyTokenInfos(remaining: readonly Finding[]): void {
  expect(remaining.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(remaining.map(() => 'deprecated-bearer-token-file info'));
  expect(remaining.filter((f) => f.fix)).toEqual([]);
}

/** The same manifest in other clothes: each transform is applied to input and expected output alike. */
const TRANSFORMS: Record<string, (s: string) => string> = {
  crlf: (s) => s.replace(/\n/g, '\r\n'),
  bom: (s) => `\uFEFF${s}`,
  'no final newline': (s) => s.replace(/\n$/, ''),
  'one-space indent': (s) => s.split('\n').map((l) => (l === '' || l.startsWith('#') ? l : ` ${l}`)).join('\n'),
};
/** All of them at once: one-space indent, no final newline, CRLF, a BOM. */
const ALL = (s: string) => ['one-space indent', 'no final newline', 'crlf', 'bom'].reduce((acc, name) => TRANSFORMS[name](acc), s);

// A kubelet endpoint on the dead read-only port, with no scheme, no token and no tlsConfig.
const DEAD_HEAD = `apiVersion: monitoring.coreos.com/v1
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
`;
const DEAD = `${DEAD_HEAD}    - port: http-metrics
      path: /metrics/cadvisor
      interval: 30s
`;
const DEAD_FIXED = `${DEAD_HEAD}    - port: https-metrics
      path: /metrics/cadvisor
      interval: 30s
      scheme: https
      honorLabels: true
      bearerTokenFile: ${TOKEN}
      tlsConfig:
        insecureSkipVerify: true
`;

describe('a kubelet endpoint with a dead port, no scheme, no token and no tlsConfig', () => {
  test('becomes the working endpoint in one run, exact bytes', () => {
    const out = fixText(DEAD);
    expect(out.text).toBe(DEAD_FIXED);
    expectOnlyTokenInfos(out.remaining);
  });

  test('examples/kubelet-broken.yaml: one working endpoint, the catalogue endpoint of examples/kubelet-fixed.yaml, in one run', () => {
    const out = fixText(BROKEN, 'examples/kubelet-broken.yaml');
    expect(out.text).toBe(BROKEN_FIXED);
    expect(out.applied).toBe(7);
    expectOnlyTokenInfos(out.remaining);
    const fixed = parse(out.text) as { spec: Record<string, unknown> & { endpoints: unknown[] } };
    const catalogue = parse(CATALOGUE) as { spec: Record<string, unknown> & { endpoints: unknown[] } };
    // The dead endpoint would have become a copy of the second one, which scrapes /metrics/cadvisor
    // on https-metrics once its path is fixed: it is dropped, and the second becomes the working one.
    // Key order is the file's, not the catalogue's; the values are the catalogue's.
    expect(fixed.spec.endpoints).toEqual([catalogue.spec.endpoints[0]]);
    expect(fixed.spec.namespaceSelector).toEqual(catalogue.spec.namespaceSelector);
    expect(fixed.spec.selector).toEqual(catalogue.spec.selector);
  });

  test('the dead port given as targetPort: 10255 is renamed to port', () => {
    const out = fixText(DEAD.replace('- port: http-metrics', '- targetPort: 10255'));
    expect(out.text).toBe(DEAD_FIXED);
  });

  test('the removed cAdvisor port 4194: port, scheme and path set, token and tlsConfig added', () => {
    const text = `${DEAD_HEAD}  - port: cadvisor # 4194
    interval: 30s
`;
    expect(fixText(text).text).toBe(`${DEAD_HEAD}  - port: https-metrics # 4194
    interval: 30s
    scheme: https
    path: /metrics/cadvisor
    honorLabels: true
    bearerTokenFile: ${TOKEN}
    tlsConfig:
      insecureSkipVerify: true
`);
  });

  test('a second run changes nothing (idempotent)', () => {
    for (const text of [DEAD, BROKEN, ALL(BROKEN)]) {
      const once = fixText(text).text;
      const twice = fixInputs([{ file: 'test.yaml', text: once }], { rules });
      expect(twice.fixed.size).toBe(0);
      expect(twice.applied.size).toBe(0);
    }
  });
});

describe('the bytes that need not change do not', () => {
  test('CRLF stays CRLF, inserted lines included', () => {
    const out = fixText(DEAD.replace(/\n/g, '\r\n')).text;
    expect(out).toBe(DEAD_FIXED.replace(/\n/g, '\r\n'));
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  test('a byte-order mark is kept', () => {
    const out = fixText(`\uFEFF${DEAD}`).text;
    expect(out.charCodeAt(0)).toBe(0xfeff);
    expect(out).toBe(`\uFEFF${DEAD_FIXED}`);
  });

  test('a byte-order mark with an edit on the very first line (apiVersion), CRLF', () => {
    const text = '\uFEFFapiVersion: monitoring.coreos.com/v1alpha1\r\nkind: ServiceMonitor\r\nmetadata:\r\n  name: app\r\nspec:\r\n  selector:\r\n    matchLabels:\r\n      app: web\r\n  endpoints:\r\n  - port: web\r\n';
    expect(fixText(text).text).toBe(text.replace('v1alpha1', 'v1'));
  });

  test('no final newline stays without one, when the insertion is at the very end', () => {
    const out = fixText(DEAD.slice(0, -1)).text;
    expect(out).toBe(DEAD_FIXED.slice(0, -1));
  });

  test('a document indented by one space: inserted keys take its indentation', () => {
    const indent = TRANSFORMS['one-space indent'];
    expect(indent(DEAD)).toMatch(/^ apiVersion:/);
    expect(fixText(indent(DEAD)).text).toBe(` apiVersion: monitoring.coreos.com/v1
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
       interval: 30s
       scheme: https
       honorLabels: true
       bearerTokenFile: ${TOKEN}
       tlsConfig:
         insecureSkipVerify: true
`);
  });

  test.each(Object.keys(TRANSFORMS))('examples/kubelet-broken.yaml with %s: the same fix, in the same clothes', (name) => {
    const transform = TRANSFORMS[name];
    expect(fixText(transform(BROKEN)).text).toBe(transform(BROKEN_FIXED));
  });

  test('examples/kubelet-broken.yaml with a BOM, CRLF, one-space indent and no final newline at once', () => {
    const out = fixText(ALL(BROKEN)).text;
    expect(out).toBe(ALL(BROKEN_FIXED));
    expect(out.startsWith('\uFEFF# Pod CPU and memory')).toBe(true);
    expect(out.endsWith('\r\n       - kube-system')).toBe(true);
  });

  test('flow mappings stay flow: keys go inside the braces, nested values in flow style', () => {
    const text = `${DEAD_HEAD}    - {port: http-metrics, path: /metrics/cadvisor, interval: 30s}
`;
    expect(fixText(text).text).toBe(`${DEAD_HEAD}    - {port: https-metrics, path: /metrics/cadvisor, interval: 30s, scheme: https, honorLabels: true, bearerTokenFile: ${TOKEN}, tlsConfig: {insecureSkipVerify: true}}
`);
  });

  test('flow mappings with spaces inside the braces and a trailing comma', () => {
    expect(fixText(`${DEAD_HEAD}    - { port: http-metrics, path: /metrics/cadvisor }\n`).text).toBe(
      `${DEAD_HEAD}    - { port: https-metrics, path: /metrics/cadvisor, scheme: https, honorLabels: true, bearerTokenFile: ${TOKEN}, tlsConfig: {insecureSkipVerify: true} }\n`,
    );
    expect(fixText(`${DEAD_HEAD}    - {port: http-metrics, path: /metrics/cadvisor, }\n`).text).toBe(
      `${DEAD_HEAD}    - {port: https-metrics, path: /metrics/cadvisor, scheme: https, honorLabels: true, bearerTokenFile: ${TOKEN}, tlsConfig: {insecureSkipVerify: true}}\n`,
    );
  });

  test('a whole spec in flow style: the namespaceSelector goes in as a flow pair too', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: monitoring}
spec: {selector: {matchLabels: {k8s-app: kubelet}}, endpoints: [{port: http-metrics, path: /metrics/cAdvisor, interval: 30s}]}
`;
    expect(fixText(text).text).toBe(`apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: monitoring}
spec: {selector: {matchLabels: {k8s-app: kubelet}}, endpoints: [{port: https-metrics, path: /metrics/cadvisor, interval: 30s, scheme: https, honorLabels: true, bearerTokenFile: ${TOKEN}, tlsConfig: {insecureSkipVerify: true}}], namespaceSelector: {matchNames: [kube-system]}}
`);
  });

  test('comments next to edited keys, above them and after the mapping stay where they are', () => {
    const text = `# a kubelet ServiceMonitor
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: monitoring
spec:
  selector:
    matchLabels:
      k8s-app: kubelet # the kubelet Service
  # only kube-system has it
  namespaceSelector:
    matchNames:
      - kube-system
  endpoints:
    # cAdvisor through the read-only port
    - port: http-metrics   # 10255
      # the path below is case-sensitive
      path: /metrics/cAdvisor  # sic
      interval: 30s # every half minute
    # the end of the endpoints
`;
    expect(fixText(text).text).toBe(`# a kubelet ServiceMonitor
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: monitoring
spec:
  selector:
    matchLabels:
      k8s-app: kubelet # the kubelet Service
  # only kube-system has it
  namespaceSelector:
    matchNames:
      - kube-system
  endpoints:
    # cAdvisor through the read-only port
    - port: https-metrics   # 10255
      # the path below is case-sensitive
      path: /metrics/cadvisor  # sic
      interval: 30s # every half minute
      scheme: https
      honorLabels: true
      bearerTokenFile: ${TOKEN}
      tlsConfig:
        insecureSkipVerify: true
    # the end of the endpoints
`);
  });

  test('a comment on the line of a replaced value stays on it (scheme: http # plain)', () => {
    const text = `${DEAD_HEAD}    - port: https-metrics
      scheme: http # plain
      path: /metrics/cadvisor
      honorLabels: true
      bearerTokenFile: ${TOKEN}
      tlsConfig:
        insecureSkipVerify: true  # self-signed
`;
    expect(fixText(text).text).toBe(text.replace('scheme: http # plain', 'scheme: https # plain'));
  });

  test('quoting style of replaced values is kept', () => {
    const text = `${DEAD_HEAD}  - port: "http-metrics"
    path: '/metrics/cAdvisor'
`;
    expect(fixText(text).text).toBe(`${DEAD_HEAD}  - port: "https-metrics"
    path: '/metrics/cadvisor'
    scheme: https
    honorLabels: true
    bearerTokenFile: ${TOKEN}
    tlsConfig:
      insecureSkipVerify: true
`);
  });

  test('four-space indentation and `-   key` sequences: inserted keys line up', () => {
    const text = `apiVersion: monitoring.coreos.com/v1
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
        -   port: http-metrics
            path: /metrics/cadvisor
`;
    expect(fixText(text).text).toBe(`${text}            scheme: https
            honorLabels: true
            bearerTokenFile: ${TOKEN}
            tlsConfig:
                insecureSkipVerify: true
`.replace('port: http-metrics', 'port: https-metrics'));
  });

  test('an inserted list follows the document: not indented under its key where the document does not indent them', () => {
    const endpoint = `  - port: https-metrics
    scheme: https
    path: /metrics/cadvisor
    honorLabels: true
    bearerTokenFile: ${TOKEN}
    tlsConfig:
      insecureSkipVerify: true
`;
    const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: kubelet
  namespace: monitoring
spec:
  selector:
    matchLabels:
      k8s-app: kubelet
  endpoints:
${endpoint}`;
    expect(fixText(text).text).toBe(`${text}  namespaceSelector:
    matchNames:
    - kube-system
`);
    // ... and indented where it does.
    const indented = text.replace(endpoint, `    - port: https-metrics
      scheme: https
      path: /metrics/cadvisor
      honorLabels: true
      bearerTokenFile: ${TOKEN}
      tlsConfig:
        insecureSkipVerify: true
`);
    expect(fixText(indented).text).toBe(`${indented}  namespaceSelector:
    matchNames:
      - kube-system
`);
  });

  test('a multi-document file where only the third document changes: the first two are byte-identical', () => {
    const first = `# first: a working ServiceMonitor, four-space indent, flow selector
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
    name: app
    namespace: monitoring
spec:
    selector: {matchLabels: {app: web}}
    endpoints:
        - port: web   # keep "this"
          path: '/metrics'
          interval: 30s
`;
    const second = `--- # second: a ConfigMap whose text looks like a broken endpoint
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: monitoring}
data:
  endpoint.yaml: |
    port: http-metrics
    scheme: http
...
`;
    const third = `---
# third: the broken kubelet
apiVersion: monitoring.coreos.com/v1
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
  - port: http-metrics
    path: /metrics/cadvisor
# trailing comment, no final newline`;
    const text = first + second + third;
    expect(parseAllDocuments(text)).toHaveLength(3);
    const out = fixText(text, 'multi.yaml').text;
    expect(out.slice(0, first.length + second.length)).toBe(first + second);
    expect(out.slice(first.length + second.length)).toBe(`---
# third: the broken kubelet
apiVersion: monitoring.coreos.com/v1
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
    scheme: https
    honorLabels: true
    bearerTokenFile: ${TOKEN}
    tlsConfig:
      insecureSkipVerify: true
# trailing comment, no final newline`);
    // And with CRLF line endings, the same.
    const crlf = fixText(text.replace(/\n/g, '\r\n'), 'multi.yaml').text;
    expect(crlf).toBe(out.replace(/\n/g, '\r\n'));
  });

  test('a JSON manifest stays JSON, on its lines', () => {
    const text = `{
  "apiVersion": "monitoring.coreos.com/v1",
  "kind": "ServiceMonitor",
  "metadata": {"name": "kubelet", "namespace": "monitoring"},
  "spec": {
    "selector": {"matchLabels": {"k8s-app": "kubelet"}},
    "namespaceSelector": {"matchNames": ["kube-system"]},
    "endpoints": [
      {"port": "http-metrics", "path": "/metrics/cadvisor"}
    ]
  }
}
`;
    const out = fixText(text, 'kubelet.json').text;
    expect(out).toBe(text.replace(
      '{"port": "http-metrics", "path": "/metrics/cadvisor"}',
      `{"port": "https-metrics", "path": "/metrics/cadvisor", "scheme": "https", "honorLabels": true, "bearerTokenFile": "${TOKEN}", "tlsConfig": {"insecureSkipVerify": true}}`,
    ));
    expect(() => JSON.parse(out)).not.toThrow();
  });
});

describe('overlapping fixes: applied over several passes, as ESLint does', () => {
  test('the fixes offered on examples/kubelet-broken.yaml overlap, yet one run applies them all', () => {
    const offered = lint([{ file: 'k.yaml', text: BROKEN }], { rules }).findings.filter((f) => f.fix);
    const spans = offered.map((f) => [Math.min(...f.fix!.edits.map((e) => e.range[0])), Math.max(...f.fix!.edits.map((e) => e.range[1]))]).sort((a, b) => a[0] - b[0]);
    // At least two offered fixes touch or overlap: a single pass cannot apply them all.
    expect(spans.some((s, i) => i > 0 && s[0] <= spans[i - 1][1])).toBe(true);
    const out = fixText(BROKEN);
    expect(out.remaining.filter((f) => f.fix)).toEqual([]);
    expect(ids(out.remaining)).toEqual(['deprecated-bearer-token-file']);
  });

  test(`fixes that undo each other stop after ${MAX_FIX_PASSES} passes`, () => {
    const flip = customRules([
      ['flip', `match: {required: [port], properties: {port: {const: foo}}}\n    at: port\n    message: Port foo.\n    fix:\n      ops:\n        - set: {port: bar}\n`],
      ['flop', `match: {required: [port], properties: {port: {const: bar}}}\n    at: port\n    message: Port bar.\n    fix:\n      ops:\n        - set: {port: foo}\n`],
    ]);
    const result = fixInputs([{ file: 'app.yaml', text: APP }], { rules: flip });
    expect(result.applied.get('app.yaml')).toBe(MAX_FIX_PASSES);
    // An even number of flips ends where it began.
    expect(result.fixed.has('app.yaml')).toBe(MAX_FIX_PASSES % 2 === 1);
  });
});

describe('accept: which findings are fixed (--rule, --fix-type)', () => {
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
  const only = (accept: (f: Finding) => boolean) => fixText(MIXED, 'mixed.yaml', { accept });

  test('by severity: errors only, warnings only, infos only', () => {
    const errors = only((f) => f.severity === 'error');
    expect(errors.text).toBe(MIXED.replace(`        insecureSkipVerify: true\n---`, `        insecureSkipVerify: true\n      scheme: https\n---`));
    expect(ids(errors.remaining)).toEqual(['deprecated-bearer-token-file', 'kubelet-honor-labels', 'path-leading-slash']);
    const warnings = only((f) => f.severity === 'warning');
    expect(warnings.text).toBe(MIXED.replace(`        insecureSkipVerify: true\n---`, `        insecureSkipVerify: true\n      honorLabels: true\n---`));
    expect(ids(warnings.remaining)).toEqual(['deprecated-bearer-token-file', 'kubelet-scheme', 'path-leading-slash']);
    const infos = only((f) => f.severity === 'info');
    expect(infos.text).toBe(MIXED.replace('path: metrics', 'path: /metrics'));
    expect(ids(infos.remaining)).toEqual(['deprecated-bearer-token-file', 'kubelet-honor-labels', 'kubelet-scheme']);
  });

  test('by rule: only that rule fixes, even where its fix would let others fix', () => {
    const out = fixText(BROKEN, 'k.yaml', { accept: (f) => f.ruleId === 'kubelet-metrics-path' });
    expect(out.text).toBe(BROKEN.replace('/metrics/cAdvisor', '/metrics/cadvisor'));
    expect(out.applied).toBe(1);
    expect(ids(out.remaining)).toEqual(['kubelet-auth-missing', 'kubelet-honor-labels', 'kubelet-namespace-selector', 'kubelet-readonly-port', 'kubelet-scheme', 'kubelet-tls-config']);
    // The others still offer their fixes.
    expect(out.remaining.every((f) => f.fix)).toBe(true);
  });

  test('nothing accepted: nothing changes, every finding stays with its fix', () => {
    const out = fixText(BROKEN, 'k.yaml', { accept: () => false });
    expect(out.changed).toBe(false);
    expect(out.remaining).toEqual(lint([{ file: 'k.yaml', text: BROKEN }], { rules }).findings);
  });
});

// ---- custom rules whose fixes would break the file ------------------------------------------

const rulesDir = join(ROOT, 'rules');
const schema: RuleFileInput = { path: 'rules/schema/rule.schema.json', text: readFileSync(join(rulesDir, 'schema', 'rule.schema.json'), 'utf8') };
const definitions: RuleFileInput = { path: 'rules/schema/definitions.yaml', text: readFileSync(join(rulesDir, 'schema', 'definitions.yaml'), 'utf8') };

/** Custom ServiceMonitor endpoint rules: [id, the check's text after `given`]. */
function customRules(checks: [string, string][]): Rule[] {
  return loadRules({
    schema,
    definitions,
    files: checks.map(([id, check]) => ({
      path: `custom/${id}.yaml`,
      text: `id: ${id}
severity: warning
kinds: [ServiceMonitor]
description: A custom rule for the fixer tests.
docs:
  why: Tests.
  bad: "port: foo"
  fixed: "port: bar"
checks:
  - given: $.spec.endpoints[*]
    ${check}`,
    })),
  });
}

/** The guards the fixer runs: parse-error and crd-schema, from the built-in rules. */
const GUARDS = rules.filter((r) => r.id === 'parse-error' || r.id === 'crd-schema');

const APP = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app}
spec:
  selector: {matchLabels: {app: web}}
  endpoints:
  - port: foo
    interval: 30s
`;

const PORT_FOO = `match: {required: [port], properties: {port: {const: foo}}}
    at: port
    message: Port foo is bad.
    fix:
      ops:
`;

describe('a fix that would break the file is not applied, and the finding says so', () => {
  const custom = customRules([
    ['unknown-field', `${PORT_FOO}        - set: {portt: bar}\n`],
    ['multi-line', `${PORT_FOO}        - set: {port: "a\\nb"}\n`],
    ['good', `${PORT_FOO}        - set: {port: bar}\n`],
  ]);
  const byId = (id: string) => custom.find((r) => r.id === id)!;
  const [unknownField, multiLine, good] = [byId('unknown-field'), byId('multi-line'), byId('good')];

  test('the custom rules offer the fixes (the premise)', () => {
    const offered = lint([{ file: 'app.yaml', text: APP }], { rules: [unknownField, multiLine] }).findings;
    expect(offered.map((f) => [f.ruleId, Boolean(f.fix)])).toEqual([
      ['multi-line', true],
      ['unknown-field', true],
    ]);
  });

  test('a fix adding a field the CRD does not know fails crd-schema: refused', () => {
    const result = fixInputs([{ file: 'app.yaml', text: APP }], { rules: [...GUARDS, unknownField] });
    expect(result.fixed.size).toBe(0);
    expect(result.applied.size).toBe(0);
    const [finding] = result.result.findings;
    expect(result.result.findings).toHaveLength(1);
    expect(finding).toMatchObject({ ruleId: 'unknown-field', line: 7, column: 11 });
    expect(finding.message).toBe('Port foo is bad. (The fix was not applied: the fixed object would fail crd-schema.)');
    expect(finding.fix).toBeUndefined();
  });

  test('a refused fix does not hold back the good fixes of the same file', () => {
    const text = `${APP}  - port: foo\n    path: /x\n`;
    const withBoth = fixInputs([{ file: 'app.yaml', text }], { rules: [...GUARDS, unknownField, good] });
    // good sets port: bar on both endpoints (over passes); unknown-field is refused and, once the
    // port is bar, no longer matches.
    expect(withBoth.fixed.get('app.yaml')).toBe(text.replace(/port: foo/g, 'port: bar'));
    expect(withBoth.result.findings).toEqual([]);
  });

  test('a crd-schema error the file already has does not block an unrelated fix', () => {
    const text = APP.replace('    interval: 30s\n', '    interval: 30s\n    intervall: 1m\n');
    const result = fixInputs([{ file: 'app.yaml', text }], { rules: [...GUARDS, good] });
    expect(result.fixed.get('app.yaml')).toBe(text.replace('port: foo', 'port: bar'));
    expect(result.result.findings.map((f) => f.ruleId)).toEqual(['crd-schema']);
  });

  // A multi-line string is written double-quoted, with escapes.
  test('a fix setting a multi-line string is written as valid YAML', () => {
    const result = fixInputs([{ file: 'app.yaml', text: APP }], { rules: [...GUARDS, multiLine] });
    const out = result.fixed.get('app.yaml');
    expect(out).toBeDefined();
    expect((parse(out!) as { spec: { endpoints: { port: string }[] } }).spec.endpoints[0].port).toBe('a\nb');
  });
});

// ---- writing the fixed file -------------------------------------------------------------------

describe('writeFixed: atomic, mode kept, never over a changed file or through a symbolic link', () => {
  const made: string[] = [];
  const dir = () => {
    const d = realpathSync(mkdtempSync(join(tmpdir(), 'scrapelint-write-')));
    made.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  test('written through a temporary file and a rename: a new inode, the mode (0640) kept, no temporary file left', () => {
    const d = dir();
    const path = join(d, 'kubelet.yaml');
    writeFileSync(path, BROKEN);
    chmodSync(path, 0o640);
    const inode = statSync(path).ino;
    expect(writeFixed(path, BROKEN, BROKEN_FIXED)).toEqual({ outcome: 'written' });
    expect(readFileSync(path, 'utf8')).toBe(BROKEN_FIXED);
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect(statSync(path).ino).not.toBe(inode);
    expect(readdirSync(d)).toEqual(['kubelet.yaml']);
  });

  test('an executable mode (0755) and a private one (0600) are kept too', () => {
    for (const mode of [0o755, 0o600]) {
      const d = dir();
      const path = join(d, 'a.yaml');
      writeFileSync(path, 'a: 1\n');
      chmodSync(path, mode);
      expect(writeFixed(path, 'a: 1\n', 'a: 2\n').outcome).toBe('written');
      expect(statSync(path).mode & 0o7777).toBe(mode);
    }
  });

  test('the bytes written are the text given: BOM and CRLF', () => {
    const d = dir();
    const path = join(d, 'a.yaml');
    const before = '\uFEFFa: 1\r\nb: 2';
    const after = '\uFEFFa: 1\r\nb: 3';
    writeFileSync(path, before);
    expect(writeFixed(path, before, after).outcome).toBe('written');
    expect(readFileSync(path)).toEqual(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('a: 1\r\nb: 3')]));
  });

  test('a file that changed since it was read is not overwritten', () => {
    const d = dir();
    const path = join(d, 'kubelet.yaml');
    writeFileSync(path, BROKEN);
    const read = readFileSync(path, 'utf8');
    // Someone edits the file while scrapelint works on what it read.
    const edited = `${BROKEN}# edited meanwhile\n`;
    writeFileSync(path, edited);
    const { fixed } = fixInputs([{ file: 'kubelet.yaml', text: read }], { rules });
    expect(writeFixed(path, read, fixed.get('kubelet.yaml')!)).toEqual({ outcome: 'changed-since-read' });
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(readdirSync(d)).toEqual(['kubelet.yaml']);
  });

  test('a symbolic link is not written through: the target is unchanged and the link stays a link', () => {
    const d = dir();
    const target = join(d, 'target.yaml');
    const link = join(d, 'link.yaml');
    writeFileSync(target, BROKEN);
    symlinkSync('target.yaml', link);
    expect(writeFixed(link, BROKEN, BROKEN_FIXED)).toEqual({ outcome: 'symbolic-link' });
    expect(readFileSync(target, 'utf8')).toBe(BROKEN);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.yaml');
  });

  test('a file that is gone: failed, with the reason', () => {
    const d = dir();
    expect(writeFixed(join(d, 'gone.yaml'), 'a: 1\n', 'a: 2\n')).toEqual({ outcome: 'failed', reason: 'ENOENT' });
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('suggestions are never applied', () => {
  // Every suggestion rule of the catalogue at once: https for a token over http, another Service
  // port, more namespaces, a label for the Prometheus, a label key, a lower timeout.
  const files = {
    'deploy/app.yaml': `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: example/web:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: other, labels: {app: api}}
spec:
  selector: {app: api}
  ports: [{name: metrics, port: 9090}]
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: shop}
spec:
  serviceMonitorSelector: {matchLabels: {release: k8s}}
  serviceMonitorNamespaceSelector: {}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: shop, labels: {release: k8s}}
spec:
  selector: {matchLabels: {app: web}}
  endpoints:
  - port: metrics
    interval: 10s
    scrapeTimeout: 30s
    authorization: {credentials: {name: token, key: token}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api, app.kubernetes.io/nmae: api}}
  endpoints: [{port: https}]
`,
  };
  test('--fix leaves every suggestion as it found it, and the findings stay, offering them', () => {
    const inputs = Object.entries(files).map(([file, text]) => ({ file, text }));
    const before = lint(inputs, { rules }).findings.filter((f) => f.suggestions);
    expect(new Set(before.map((f) => f.ruleId))).toEqual(
      new Set(['credentials-over-http', 'port-not-in-service', 'monitor-not-selected', 'label-key-typo', 'scrape-timeout-exceeds-interval', 'https-port-http-scheme']),
    );
    const result = fixInputs(inputs, { rules });
    expect(result.fixed.size).toBe(0);
    expect(result.result.findings.filter((f) => f.suggestions).map((f) => `${f.line} ${f.ruleId}`)).toEqual(before.map((f) => `${f.line} ${f.ruleId}`));
  });
});
