// Units: which objects meet (k8s/units.ts), the namespace, labels and patches a kustomization
// gives them, OpenShift Templates, and test assertions that are never applied.
import { describe, expect, test } from '@jest/globals';
import { lint, type LintInput } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import { rules } from '../helpers/rules.js';

const run = (files: Record<string, string>, extra: Partial<LintInput> = {}) =>
  lint(
    Object.entries(files).map(([file, text]) => ({ file, text, ...extra })),
    { rules },
  ).findings;
const ids = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
const serious = (findings: Finding[]) => ids(findings.filter((f) => f.severity !== 'info'));

const monitor = (name: string, extra = '') => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
  labels: {team: a}${extra}
spec:
  selector: {matchLabels: {app: ${name}}}
  endpoints: [{port: metrics}]
`;
const prometheus = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  serviceMonitorSelector: {matchLabels: {team: b}}
  serviceMonitorNamespaceSelector: {}
`;
const service = (name: string, namespace: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}, labels: {app: ${name}}}
spec:
  selector: {app: ${name}}
  ports: [{name: metrics, port: 9090}]
`;

describe('which objects meet', () => {
  test('independent examples in sibling folders never meet; the files of one folder do', () => {
    const apart = run({ 'example/a/prometheus.yaml': prometheus, 'example/b/servicemonitor.yaml': monitor('web', '\n  namespace: monitoring') });
    expect(ids(apart)).toEqual([]);
    const together = run({ 'example/a/prometheus.yaml': prometheus, 'example/a/servicemonitor.yaml': monitor('web', '\n  namespace: monitoring') });
    expect(ids(together)).toEqual(['example/a/servicemonitor.yaml:5 monitor-not-selected']);
  });

  test('one stream on standard input is one unit, apart from the files', () => {
    const stream = lint(
      [
        { file: '<stdin>', text: `${prometheus}---\n${monitor('web', '\n  namespace: monitoring')}`, stream: true },
        { file: 'servicemonitor.yaml', text: monitor('api', '\n  namespace: monitoring') },
      ],
      { rules },
    ).findings;
    expect(ids(stream)).toEqual(['<stdin>:12 monitor-not-selected']);
  });
});

describe('kustomize', () => {
  test("a kustomization's closure is one unit, its namespace replaces the objects' own, and resources may use backslashes", () => {
    const files = {
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ..\\..\\base\n- service.yaml\n',
      'overlays/prod/service.yaml': service('web', 'other'),
      'base/kustomization.yaml': 'namespace: base\nresources: [servicemonitor.yaml]\n',
      'base/servicemonitor.yaml': monitor('web', '\n  namespace: monitoring'),
    };
    // Both land in prod: the monitor finds the Service in its own namespace.
    expect(serious(run(files))).toEqual([]);
    // Without the kustomizations, applied together as written, they are in two namespaces.
    const asWritten = lint(
      [
        { file: 'overlays/prod/service.yaml', text: files['overlays/prod/service.yaml'] },
        { file: 'base/servicemonitor.yaml', text: files['base/servicemonitor.yaml'] },
      ],
      { rules, trees: [''] },
    ).findings;
    expect(serious(asWritten)).toEqual(['base/servicemonitor.yaml:7 namespace-not-selected']);
  });

  test('a base of two overlays is judged in each, with its namespace there', () => {
    const findings = run({
      'base/kustomization.yaml': 'resources: [servicemonitor.yaml]\n',
      'base/servicemonitor.yaml': monitor('web'),
      'overlays/a/kustomization.yaml': 'namespace: a\nresources: [../../base, service.yaml]\n',
      'overlays/a/service.yaml': service('web', 'elsewhere'),
      'overlays/b/kustomization.yaml': 'namespace: b\nresources: [../../base]\n',
    });
    // In overlay a both are in a (the Service's own namespace is replaced): no finding; in b nothing to compare.
    expect(serious(findings)).toEqual([]);
  });

  test('commonLabels reach the monitor (a Prometheus then selects it); a remote resource makes the unit incomplete', () => {
    const base = { 'k/servicemonitor.yaml': monitor('web', '\n  namespace: monitoring'), 'k/prometheus.yaml': prometheus };
    expect(ids(run({ ...base, 'k/kustomization.yaml': 'resources: [servicemonitor.yaml, prometheus.yaml]\n' }))).toEqual(['k/servicemonitor.yaml:5 monitor-not-selected']);
    expect(ids(run({ ...base, 'k/kustomization.yaml': 'commonLabels: {team: b}\nresources: [servicemonitor.yaml, prometheus.yaml]\n' }))).toEqual([]);
    expect(ids(run({ ...base, 'k/kustomization.yaml': 'resources: [servicemonitor.yaml, prometheus.yaml, "https://github.com/example/monitoring//base?ref=v1"]\n' }))).toEqual([]);
  });

  test('a patch of the unit that changes what a finding is about silences it; the patch file is a partial object', () => {
    const kubelet = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet, namespace: monitoring}
spec:
  namespaceSelector: {matchNames: [kube-system]}
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
    honorLabels: true
`;
    const alone = run({ 'base/kubelet.yaml': kubelet });
    expect(serious(alone)).toEqual(['base/kubelet.yaml:8 kubelet-readonly-port']);
    const patched = run({
      'base/kubelet.yaml': kubelet,
      'base/kustomization.yaml': 'resources: [kubelet.yaml]\npatches:\n- path: endpoints.yaml\n',
      // A strategic-merge patch replaces the whole list (custom resources have no merge keys).
      'base/endpoints.yaml': `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: kubelet}
spec:
  endpoints:
  - {port: https-metrics, scheme: https, path: /metrics/cadvisor, honorLabels: true, bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token, tlsConfig: {insecureSkipVerify: true}}
`,
    });
    expect(serious(patched)).toEqual([]);
  });
});

describe('OpenShift Templates', () => {
  test('the objects of a Template are linted; one with a parameter is skipped, not the others; a parameter in the namespace is no reason to skip', () => {
    const findings = run({
      'template.yaml': `apiVersion: template.openshift.io/v1
kind: Template
metadata: {name: monitoring}
parameters:
- {name: NAMESPACE}
- {name: PORT}
objects:
- apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata:
    name: kubelet
    namespace: \${NAMESPACE}
  spec:
    selector: {matchLabels: {k8s-app: kubelet}}
    namespaceSelector: {matchNames: [kube-system]}
    endpoints: [{port: http-metrics, path: /metrics/cadvisor, honorLabels: true}]
- apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata: {name: app}
  spec:
    selector: {matchLabels: {app: a}}
    endpoints:
    - port: \${PORT}
`,
    });
    expect(ids(findings)).toEqual(['template.yaml:16 kubelet-readonly-port', 'template.yaml:23 template-skipped']);
    expect(findings.find((f) => f.ruleId === 'template-skipped')?.message).toContain('oc process');
  });
});

describe('end-to-end test assertions', () => {
  test("kuttl's and chainsaw's assertion files are partial objects, never applied: no required field, no syntax error reported", () => {
    const partial = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: simplest
  name: simplest
  namespace: e2e
`;
    const findings = run({
      'tests/e2e/sm/01-assert.yaml': partial,
      'tests/e2e/sm/04-error.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: simplest, namespace: e2e}\n',
      'tests/e2e/sm/chainsaw-test.yaml': `apiVersion: chainsaw.kyverno.io/v1alpha1
kind: Test
metadata: {name: sm}
spec:
  steps:
  - try:
    - assert: {file: expected-monitor.yaml}
`,
      'tests/e2e/sm/expected-monitor.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: simplest, namespace: e2e}\n',
      'tests/e2e/sm/install-monitor.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: applied, namespace: e2e}\n',
    });
    // Only the file the test applies is judged as a whole object.
    expect(serious(findings)).toEqual(['tests/e2e/sm/install-monitor.yaml:1 crd-schema']);
  });
});
