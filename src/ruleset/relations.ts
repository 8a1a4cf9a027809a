// The relations between the objects of a run that checks ask about, computed once per object:
// which Prometheus objects select a monitor, which namespaces it reaches, which Services or pod
// templates its selector matches. Kubernetes semantics live in src/k8s/selection.ts.
import { isObject, type ManifestObject } from '../k8s/objects.js';
import { narrowByMatchLabels, selects, type LabelSelector } from '../k8s/selectors.js';
import { isKubeletMonitor, isKubeletService } from '../k8s/kubelet.js';
import {
  DEFAULT_NAMESPACE,
  isPrometheus,
  monitorReach,
  monitorSelector,
  namespaceOf,
  prometheusSelects,
  reaches,
  type Reach,
  type Verdict,
} from '../k8s/selection.js';
import type { LintSettings, ObjectIndex } from './types.js';

export function defaultNamespace(settings: LintSettings): string {
  return settings.defaultNamespace ?? DEFAULT_NAMESPACE;
}

export function prometheusesOf(index: ObjectIndex): ManifestObject[] {
  return [...index.ofKind('Prometheus'), ...index.ofKind('PrometheusAgent')].filter(isPrometheus);
}

export function namespacesOf(index: ObjectIndex): readonly ManifestObject[] {
  return index.ofKind('Namespace').filter((n) => n.group === '');
}

export interface Selection {
  prometheus: ManifestObject;
  verdict: Verdict;
  reason?: string;
}

/** How each Prometheus of the run judges the monitor. */
export function selectionsOf(monitor: ManifestObject, index: ObjectIndex, settings: LintSettings): Selection[] {
  return index.memo(monitor, 'selections', () => {
    const namespaces = namespacesOf(index);
    return prometheusesOf(index).map((prometheus) => ({ prometheus, ...prometheusSelects(prometheus, monitor, namespaces, defaultNamespace(settings)) }));
  });
}

/** The Prometheus objects of the run that select the monitor. */
export function selectedBy(monitor: ManifestObject, index: ObjectIndex, settings: LintSettings): ManifestObject[] {
  return selectionsOf(monitor, index, settings)
    .filter((s) => s.verdict === 'selected')
    .map((s) => s.prometheus);
}

/** The namespaces the monitor discovers targets in, narrowed by a selecting Prometheus's ignoreNamespaceSelectors. */
export function reachOf(monitor: ManifestObject, index: ObjectIndex, settings: LintSettings): Reach {
  return index.memo(monitor, 'reach', () => {
    const ignoring = selectedBy(monitor, index, settings).some((p) => isObject(p.value.spec) && p.value.spec.ignoreNamespaceSelectors === true);
    return monitorReach(monitor, defaultNamespace(settings), ignoring);
  });
}

/**
 * The core objects of `kind` whose metadata labels the selector matches. The selector's
 * matchLabels narrow the candidates through the label index, so matching a run's monitors
 * against its Services stays linear in the number of objects.
 */
export function matching(kind: string, selector: LabelSelector, index: ObjectIndex): ManifestObject[] {
  const candidates = narrowByMatchLabels(selector, index.ofKind(kind), (key, value) => index.withLabel(kind, key, value));
  return candidates.filter((o) => o.group === '' && selects(selector, o.labels));
}

const byNamespace = new WeakMap<ObjectIndex, Map<string, Map<string, ManifestObject[]>>>();

/** The core objects of `kind` in a namespace. */
export function inNamespace(kind: string, namespace: string, index: ObjectIndex, settings: LintSettings): readonly ManifestObject[] {
  let kinds = byNamespace.get(index);
  if (!kinds) byNamespace.set(index, (kinds = new Map()));
  let namespaces = kinds.get(kind);
  if (!namespaces) {
    namespaces = new Map();
    for (const object of index.ofKind(kind)) {
      if (object.group !== '') continue;
      const ns = namespaceOf(object, defaultNamespace(settings));
      namespaces.set(ns, [...(namespaces.get(ns) ?? []), object]);
    }
    kinds.set(kind, namespaces);
  }
  return namespaces.get(namespace) ?? [];
}

/** The core objects of `kind` in the namespaces of a reach. */
export function inReach(kind: string, reach: Reach, index: ObjectIndex, settings: LintSettings): readonly ManifestObject[] {
  if (reach === 'any') return index.ofKind(kind).filter((o) => o.group === '');
  return reach.flatMap((ns) => inNamespace(kind, ns, index, settings));
}

export interface Matched {
  /** Matching objects in the namespaces the monitor reaches. */
  inside: ManifestObject[];
  /** Matching objects elsewhere. */
  outside: ManifestObject[];
}

/** The Services a ServiceMonitor's selector matches, inside and outside its reach. */
export function servicesOf(monitor: ManifestObject, index: ObjectIndex, settings: LintSettings): Matched {
  return index.memo(monitor, 'services', () => {
    const ns = defaultNamespace(settings);
    const reach = reachOf(monitor, index, settings);
    const selector = monitorSelector(monitor);
    const matched = selector ? matching('Service', selector, index) : [];
    return {
      inside: matched.filter((s) => reaches(reach, namespaceOf(s, ns))),
      outside: matched.filter((s) => !reaches(reach, namespaceOf(s, ns))),
    };
  });
}

/** A ServiceMonitor targets the kubelet: its selector requires the kubelet's labels, or it selects a kubelet Service of the input. */
export function targetsKubelet(monitor: ManifestObject, index: ObjectIndex, settings: LintSettings): boolean {
  if (monitor.kind !== 'ServiceMonitor') return false;
  return index.memo(monitor, 'kubelet', () => isKubeletMonitor(monitor, { labels: settings.kubeletLabels }) || servicesOf(monitor, index, settings).inside.some(isKubeletService));
}

export { namespaceOf, reaches, type Reach };
