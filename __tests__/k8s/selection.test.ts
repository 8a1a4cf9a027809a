// Label and namespace selection as Kubernetes and prometheus-operator define them.
import { describe, expect, test } from '@jest/globals';
import { parseSelector, selects } from '../../src/k8s/selectors.js';
import { monitorReach, prometheusSelects, reaches, sameNamespace } from '../../src/k8s/selection.js';
import { objectsOf, type ManifestObject } from '../../src/k8s/objects.js';
import { parseSource } from '../../src/yaml/parse.js';
import { SourceText } from '../../src/yaml/source.js';

function objects(text: string): ManifestObject[] {
  const { documents } = parseSource(new SourceText('t.yaml', text));
  return documents.flatMap((d) => objectsOf('t.yaml', d));
}

describe('parseSelector (kubectl syntax)', () => {
  test.each([
    ['release=kps', { matchLabels: { release: 'kps' } }],
    ['release==kps,team=a', { matchLabels: { release: 'kps', team: 'a' } }],
    ['tier!=web', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }],
    ['env in (prod, staging)', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] }],
    ['env notin (dev),canary', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }, { key: 'canary', operator: 'Exists' }] }],
    ['!canary', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }],
    ['app.kubernetes.io/name=x', { matchLabels: { 'app.kubernetes.io/name': 'x' } }],
  ])('%s', (text, expected) => {
    expect(parseSelector(text)).toEqual(expected);
  });

  test.each(['', 'a=b,', '=b', 'a in b', 'a<b'])('rejects %j', (text) => {
    expect(() => parseSelector(text)).toThrow(/label selector/);
  });
});

describe('selects', () => {
  const labels = { app: 'web', tier: 'front' };
  test('empty selects everything; operators as the API defines them', () => {
    expect(selects({}, labels)).toBe(true);
    expect(selects({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels)).toBe(false);
  });
});

describe('monitorReach', () => {
  const [own, any, names, empty] = objects(`apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: a}
spec: {selector: {}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: b, namespace: mon}
spec: {namespaceSelector: {any: true, matchNames: [x]}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: c, namespace: mon}
spec: {namespaceSelector: {matchNames: [x, z]}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: d, namespace: mon}
spec: {namespaceSelector: {matchNames: []}}
`);
  test('own namespace by default (unknown when unset), any wins over matchNames, empty matchNames is own', () => {
    expect(monitorReach(own)).toEqual([undefined]);
    expect(monitorReach(any)).toBe('any');
    expect(monitorReach(names)).toEqual(['x', 'z']);
    expect(monitorReach(empty)).toEqual(['mon']);
    expect(monitorReach(names, true)).toEqual(['mon']);
  });
  test('whether a reach takes in a namespace: true, false, or unknown where a namespace is unnamed', () => {
    expect(reaches(['mon'], 'mon')).toBe(true);
    expect(reaches(['mon'], 'app')).toBe(false);
    // An unnamed namespace may be mon or not...
    expect(reaches(['mon'], undefined)).toBeUndefined();
    expect(reaches([undefined], 'mon')).toBeUndefined();
    // ...but two unnamed ones of a unit are the one it is applied to.
    expect(reaches([undefined], undefined)).toBe(true);
    expect(reaches('any', undefined)).toBe(true);
    expect(sameNamespace('a', 'b')).toBe(false);
  });
});

describe('prometheusSelects', () => {
  const all = objects(`apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: monitoring}
spec:
  serviceMonitorSelector: {matchLabels: {release: kps}}
  serviceMonitorNamespaceSelector: {matchLabels: {team: a}}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: q, namespace: monitoring}
spec:
  serviceMonitorSelector: {}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: r, namespace: monitoring}
spec: {}
---
apiVersion: v1
kind: Namespace
metadata: {name: app-a, labels: {team: a}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m1, namespace: app-a, labels: {release: kps}}
spec: {selector: {}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m2, namespace: app-b, labels: {release: kps}}
spec: {selector: {}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m3, namespace: monitoring}
spec: {selector: {}}
`);
  const [p, q, r, ns, m1, m2, m3] = all;
  const namespaces = [ns];
  test('labels and a namespace label selector over the Namespace objects', () => {
    expect(prometheusSelects(p, m1, namespaces).verdict).toBe('selected');
    // app-b has no Namespace object: its labels are unknown, so no verdict.
    expect(prometheusSelects(p, m2, namespaces).verdict).toBe('unknown');
    expect(prometheusSelects(p, m3, namespaces)).toEqual({ verdict: 'not-selected', reason: 'labels' });
  });
  test('an empty selector selects all, in the Prometheus namespace only when the namespace selector is missing', () => {
    expect(prometheusSelects(q, m3, namespaces).verdict).toBe('selected');
    expect(prometheusSelects(q, m1, namespaces)).toEqual({ verdict: 'not-selected', reason: 'namespace' });
  });
  test('a namespace nothing names: unknown against a named one, unless the namespace selector is empty', () => {
    const [unnamed] = objects(`apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m4, labels: {release: kps}}
spec: {selector: {}}
`);
    expect(prometheusSelects(q, unnamed, namespaces).verdict).toBe('unknown');
    expect(prometheusSelects(p, unnamed, namespaces).verdict).toBe('unknown');
    const [all] = objects(`apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: s, namespace: monitoring}
spec: {serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {}}
`);
    expect(prometheusSelects(all, unnamed, namespaces).verdict).toBe('selected');
  });
  test('a missing selector selects nothing', () => {
    expect(prometheusSelects(r, m3, namespaces)).toEqual({ verdict: 'not-selected', reason: 'no-selector' });
  });
});
