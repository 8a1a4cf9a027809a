// What scrapelint knows about the kubelet: the Service prometheus-operator creates for it, its
// ports and paths, and how to tell that a ServiceMonitor targets it.
// Facts and sources: ../shared/domain/prometheus-operator.md, section 1.
import { isUnset } from './fields.js';
import { isObject, type ManifestObject } from './objects.js';
import { asSelector, requiredValue } from './selectors.js';

export const KUBELET_NAMESPACE = 'kube-system';

/** Labels on the operator's kubelet Service; a monitor whose selector requires one targets the kubelet. */
export const DEFAULT_KUBELET_LABELS: readonly { key: string; value: string }[] = [
  { key: 'k8s-app', value: 'kubelet' },
  { key: 'app.kubernetes.io/name', value: 'kubelet' },
];

/** The paths the kubelet serves Prometheus metrics on (port 10250). */
export const KUBELET_METRICS_PATHS = ['/metrics', '/metrics/cadvisor', '/metrics/resource', '/metrics/probes', '/metrics/slis'];

export interface KubeletOptions {
  labels?: readonly { key: string; value: string }[];
}

/** Whether a ServiceMonitor's selector requires one of the kubelet Service's labels. */
export function isKubeletMonitor(object: ManifestObject, options: KubeletOptions = {}): boolean {
  if (object.kind !== 'ServiceMonitor') return false;
  const spec = object.value.spec;
  if (!isObject(spec)) return false;
  const selector = asSelector(spec.selector);
  if (!selector) return false;
  const labels = options.labels ?? DEFAULT_KUBELET_LABELS;
  return labels.some(({ key, value }) => requiredValue(selector, key) === value);
}

/**
 * Whether an endpoint's relabelings rewrite `__address__`: then it no longer talks to the kubelet
 * (a proxy, say), and the kubelet checks stand down.
 */
export function rewritesAddress(endpoint: unknown): boolean {
  if (!isObject(endpoint) || !Array.isArray(endpoint.relabelings)) return false;
  return endpoint.relabelings.some((relabeling) => {
    if (!isObject(relabeling) || relabeling.targetLabel !== '__address__') return false;
    const action = typeof relabeling.action === 'string' ? relabeling.action.toLowerCase() : 'replace';
    return action === 'replace' || action === 'hashmod' || action === 'lowercase' || action === 'uppercase';
  });
}

/** An endpoint on the kubelet's removed cAdvisor port 4194 (`port` wins over `targetPort`). */
export function onCadvisorPort(endpoint: unknown): boolean {
  if (!isObject(endpoint)) return false;
  return endpoint.port === 'cadvisor' || (isUnset(endpoint.port) && [4194, '4194', 'cadvisor'].includes(endpoint.targetPort as never));
}

/** An endpoint on the kubelet's HTTPS port 10250, `https-metrics`. */
export function onHttpsMetricsPort(endpoint: unknown): boolean {
  if (!isObject(endpoint)) return false;
  return endpoint.port === 'https-metrics' || (isUnset(endpoint.port) && [10250, '10250', 'https-metrics'].includes(endpoint.targetPort as never));
}

/** The path an endpoint scrapes, as the kubelet matches it loosely enough to compare: `/metrics` when unset. */
export function scrapedPath(endpoint: unknown): string {
  const path = isObject(endpoint) && typeof endpoint.path === 'string' && endpoint.path !== '' ? endpoint.path : '/metrics';
  return path.replace(/\/+$/, '').toLowerCase() || '/';
}

/**
 * Whether a Service is the kubelet's: it serves the kubelet's HTTPS port, `https-metrics` 10250
 * (the operator's Service also lists `http-metrics` 10255 and `cadvisor` 4194).
 */
export function isKubeletService(service: ManifestObject): boolean {
  const spec = service.value.spec;
  if (!isObject(spec) || !Array.isArray(spec.ports)) return false;
  return spec.ports.some((port) => isObject(port) && port.name === 'https-metrics' && Number(port.port) === 10250);
}
