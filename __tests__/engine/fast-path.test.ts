// The fast paths (documents recognised from their text, read without positions, parsed fully only
// when something points into them) must not change a finding: the same JSON as parsing every
// document fully, on the benchmark's small tree and on documents chosen to trip them up.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateMonorepo } from '../../bench/generate.mjs';
import { lint, type LintInput } from '../../src/engine/lint.js';
import { rules } from '../helpers/rules.js';

function both(inputs: readonly LintInput[]): { fast: string; full: string; count: number } {
  const fast = lint(inputs, { rules }).findings;
  const full = lint(inputs, { rules, noFastPath: true }).findings;
  return { fast: JSON.stringify(fast, null, 1), full: JSON.stringify(full, null, 1), count: full.length };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('fast paths', () => {
  it("give the same findings as full parsing on the benchmark's 2,000-file tree", () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrapelint-fast-path-'));
    try {
      generateMonorepo(dir, { files: 2000 });
      const inputs = filesUnder(dir).map((file) => ({ file: relative(dir, file), text: readFileSync(file, 'utf8') }));
      const { fast, full, count } = both(inputs);
      expect(count).toBeGreaterThan(20); // the tree's broken monitors are found at all
      expect(fast).toBe(full);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give the same findings on YAML 1.1 scalars, syntax errors, templates, Lists, flow style, anchors and annotations', () => {
    const service = (name: string, extra = '') =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: app\n  labels: {app: ${name}}\nspec:\n  ports:\n  - name: web\n    port: 0755\n${extra}`;
    const monitor = (name: string, body: string) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: ${name}\n  namespace: app\n${body}`;
    const inputs: LintInput[] = [
      {
        file: 'scalars.yaml',
        text: [
          monitor('octal', 'spec:\n  selector: {matchLabels: {app: a}}\n  endpoints:\n  - port: web\n    interval: 1:30\n    scrapeTimeout: 0755\n    honorLabels: yes\n    sampleLimit: 1_000\n'),
          service('a', '  - name: x\n    port: 1:30\n'),
          monitor('timeout', 'spec:\n  selector: {matchLabels: {app: a}}\n  endpoints:\n  - port: wbe\n    interval: 30s\n    scrapeTimeout: 1m\n    enableHttp2: On\n'),
        ].join('---\n'),
      },
      {
        file: 'broken.yaml',
        text: [
          service('b'),
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels: {app: "d}\nspec: {}\n',
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: 1\n  a: 2\n',
          monitor('after', 'spec:\n  selector: {matchLabels: {app: b}}\n  endpoints:\n  - port: http-metrics\n'),
        ].join('---\n'),
      },
      {
        file: 'templated.yaml',
        text: [
          monitor('{{ .Release.Name }}', 'spec:\n  endpoints:\n  - port: metrics\n'),
          monitor('replacement', 'spec:\n  selector: {matchLabels: {app: a}}\n  endpoints:\n  - port: web\n    relabelings:\n    - sourceLabels: [__meta_x]\n      regex: (?P<name>.+)\n      replacement: ${name}\n      targetLabel: x\n      action: labeldrop\n'),
        ].join('---\n'),
      },
      {
        file: 'list.yaml',
        text: `apiVersion: v1\nkind: List\nitems:\n- ${service('l').replace(/\n/g, '\n  ')}\n- ${monitor('in-list', 'spec:\n  selector: {matchLabels: {app: l}}\n  endpoints:\n  - port: metric\n').replace(/\n/g, '\n  ')}\n`,
      },
      {
        file: 'styles.yaml',
        text: [
          '{"apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor", "metadata": {"name": "flow"}, "spec": {"podMetricsEndpoints": [{"port": "m", "path": "/metrics?x=1"}]}}\n',
          ' apiVersion: monitoring.coreos.com/v1\n kind: ServiceMonitor\n metadata:\n   name: indented\n   annotations:\n     scrapelint.dev/ignore: kubelet-scheme\n spec:\n   selector: {matchLabels: {k8s-app: kubelet}}\n   endpoints:\n   - port: http-metrics\n',
          '# scrapelint-disable port-not-in-service -- a comment before the document\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: commented, namespace: app}\nspec:\n  selector: {matchLabels: {app: b}}\n  endpoints:\n  - port: nope\n',
          'apiVersion: monitoring.coreos.com/v1 # a comment\nkind: "Probe"\nmetadata:\n  name: probe\nspec:\n  prober: {url: "http://blackbox:9115"}\n  interval: 30\n',
        ].join('---\n'),
      },
      {
        file: 'aliases.yaml',
        text: [
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
          monitor('merged', 'spec:\n  selector: {matchLabels: {app: a}}\n  endpoints:\n  - &ep {port: web, interval: 30s, scrapeTimeout: 1m}\n  - <<: *ep\n    path: /metrics?x=1\n'),
        ].join('---\n'),
      },
      { file: 'plain.json', text: '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j", "namespace": "app", "labels": {"app": "j"}}}' },
    ];
    const { fast, full, count } = both(inputs);
    expect(count).toBeGreaterThan(10);
    expect(fast).toBe(full);
  });

  it('give the same findings on the examples and the test fixtures', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = [...filesUnder(join(root, 'examples')), ...filesUnder(join(root, '__tests__', 'fixtures'))].filter((f) => /\.(ya?ml|json)$/.test(f));
    const inputs = files.map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }));
    const { fast, full, count } = both(inputs);
    expect(count).toBeGreaterThan(10);
    expect(fast).toBe(full);
  });
});
