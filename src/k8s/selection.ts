// Who selects whom, as Kubernetes and prometheus-operator define it:
//   - a monitor's namespaceSelector (`any`, `matchNames`, default: its own namespace) and label
//     selector choose Services (ServiceMonitor) or Pods (PodMonitor);
//   - a Prometheus's `<kind>Selector` chooses monitors by label (empty: all; missing: none) and
//     its `<kind>NamespaceSelector` chooses their namespaces (a label selector over Namespaces;
//     empty: all; missing: the Prometheus's own namespace).
// Namespaces are as the object's unit applies it (units.ts): undefined when nothing says which.
// Objects of one unit without a namespace land in the same one (the namespace the unit is
// applied to), so two of them are known to share it; one of them and a named namespace may or
// may not be the same, and the rules that need to know stand down.
import { isObject, MONITORING_GROUP, type ManifestObject } from './objects.js';
import { asSelector, selects, type LabelSelector } from './selectors.js';

/** Whether two objects of one unit are in the same namespace; undefined when it cannot be known. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean | undefined {
  if (a === undefined || b === undefined) return a === b ? true : undefined;
  return a === b;
}

/** The namespaces a monitor discovers targets in: 'any', or a list (undefined: its own, unnamed). */
export type Reach = 'any' | readonly (string | undefined)[];

export function monitorReach(monitor: ManifestObject, ignoreNamespaceSelectors = false): Reach {
  const own = monitor.namespace;
  if (ignoreNamespaceSelectors) return [own];
  const spec = isObject(monitor.value.spec) ? monitor.value.spec : {};
  const selector = spec.namespaceSelector;
  if (!isObject(selector)) return [own];
  if (selector.any === true) return 'any';
  const names = Array.isArray(selector.matchNames) ? selector.matchNames.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  return names.length > 0 ? names : [own];
}

/** Whether a reach takes in a namespace; undefined when it cannot be known. */
export function reaches(reach: Reach, namespace: string | undefined): boolean | undefined {
  if (reach === 'any') return true;
  let unknown = false;
  for (const n of reach) {
    const same = sameNamespace(n, namespace);
    if (same) return true;
    if (same === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** The label selector of a monitor (its `spec.selector`). */
export function monitorSelector(monitor: ManifestObject): LabelSelector | undefined {
  return isObject(monitor.value.spec) ? asSelector(monitor.value.spec.selector) : undefined;
}

/** The Prometheus fields that select each monitor kind. */
export const SELECTOR_FIELDS: Record<string, { selector: string; namespaceSelector: string }> = {
  ServiceMonitor: { selector: 'serviceMonitorSelector', namespaceSelector: 'serviceMonitorNamespaceSelector' },
  PodMonitor: { selector: 'podMonitorSelector', namespaceSelector: 'podMonitorNamespaceSelector' },
  Probe: { selector: 'probeSelector', namespaceSelector: 'probeNamespaceSelector' },
  ScrapeConfig: { selector: 'scrapeConfigSelector', namespaceSelector: 'scrapeConfigNamespaceSelector' },
};

export function isPrometheus(object: ManifestObject): boolean {
  return object.group === MONITORING_GROUP && (object.kind === 'Prometheus' || object.kind === 'PrometheusAgent');
}

/** The labels of a namespace: those of its Namespace object in the input, plus the one Kubernetes always sets. */
function namespaceLabels(name: string, namespaces: readonly ManifestObject[]): { labels: Record<string, string>; known: boolean } {
  const object = namespaces.find((n) => n.kind === 'Namespace' && n.group === '' && n.name === name);
  return { labels: { ...(object?.labels ?? {}), 'kubernetes.io/metadata.name': name }, known: object !== undefined };
}

export type Verdict = 'selected' | 'not-selected' | 'unknown';

export interface SelectionWhy {
  verdict: Verdict;
  /** When not selected: what is missing, for messages. */
  reason?: 'no-selector' | 'labels' | 'namespace';
}

/**
 * Whether a Prometheus selects a monitor. 'unknown' when it depends on Namespace labels the
 * input does not show: rules stay silent then.
 */
export function prometheusSelects(
  prometheus: ManifestObject,
  monitor: ManifestObject,
  namespaces: readonly ManifestObject[],
): SelectionWhy {
  const fields = SELECTOR_FIELDS[monitor.kind];
  const spec = isObject(prometheus.value.spec) ? prometheus.value.spec : {};
  if (!fields) return { verdict: 'unknown' };
  const selector = spec[fields.selector];
  if (selector === undefined || selector === null) return { verdict: 'not-selected', reason: 'no-selector' };
  const labelSelector = asSelector(selector);
  if (!labelSelector || !selects(labelSelector, monitor.labels)) return { verdict: 'not-selected', reason: 'labels' };
  const monitorNamespace = monitor.namespace;
  const namespaceSelector = spec[fields.namespaceSelector];
  if (namespaceSelector === undefined || namespaceSelector === null) {
    const same = sameNamespace(prometheus.namespace, monitorNamespace);
    return same === undefined ? { verdict: 'unknown' } : same ? { verdict: 'selected' } : { verdict: 'not-selected', reason: 'namespace' };
  }
  const nsSelector = asSelector(namespaceSelector);
  if (!nsSelector) return { verdict: 'unknown' };
  if ((nsSelector.matchExpressions ?? []).length === 0 && Object.keys(nsSelector.matchLabels ?? {}).length === 0) return { verdict: 'selected' };
  if (monitorNamespace === undefined) return { verdict: 'unknown' };
  const { labels, known } = namespaceLabels(monitorNamespace, namespaces);
  // Without the Namespace object its labels are unknown: only a selector on the name can be judged.
  const onlyName =
    Object.keys(nsSelector.matchLabels ?? {}).every((k) => k === 'kubernetes.io/metadata.name') &&
    (nsSelector.matchExpressions ?? []).every((e) => e.key === 'kubernetes.io/metadata.name');
  if (!known && !onlyName) return { verdict: 'unknown' };
  return selects(nsSelector, labels) ? { verdict: 'selected' } : { verdict: 'not-selected', reason: 'namespace' };
}

/** The Prometheus objects of the run that select a monitor. */
export function selectingPrometheuses(
  monitor: ManifestObject,
  prometheuses: readonly ManifestObject[],
  namespaces: readonly ManifestObject[],
): ManifestObject[] {
  return prometheuses.filter((p) => prometheusSelects(p, monitor, namespaces).verdict === 'selected');
}
