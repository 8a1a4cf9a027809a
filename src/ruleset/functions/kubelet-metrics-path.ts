// kubelet-metrics-path: a kubelet endpoint's path must be one the kubelet serves Prometheus
// metrics on; suggest the nearest one.
import { KUBELET_METRICS_PATHS } from '../../k8s/kubelet.js';
import { isObject } from '../../k8s/objects.js';
import type { CheckFunction } from '../types.js';
import { nearest } from './nearest.js';

/** Paths people write that mean one of the real ones. */
const MEANT: Record<string, string> = {
  '/stats/summary': '/metrics/resource', // JSON for metrics-server; the Prometheus form is /metrics/resource
  '/stats': '/metrics/resource',
  '/cadvisor': '/metrics/cadvisor',
  '/metrics/cadvisor/metrics': '/metrics/cadvisor',
  '/resource': '/metrics/resource',
  '/probes': '/metrics/probes',
  '/slis': '/metrics/slis',
};

/** Handled by their own rules: a removed path and query strings. */
const LEFT_TO_OTHER_RULES = (path: string) => path === '/metrics/resource/v1alpha1' || path.includes('?');

export const kubeletMetricsPath: CheckFunction = ({ value }) => {
  if (!isObject(value) || typeof value.path !== 'string') return [];
  const path = value.path;
  // An empty path is no path: the operator then scrapes the default, /metrics.
  if (path === '') return [];
  if (KUBELET_METRICS_PATHS.includes(path) || LEFT_TO_OTHER_RULES(path)) return [];
  const normalised = path.replace(/\/+$/, '').toLowerCase();
  const suggestion = MEANT[normalised] ?? nearest(path.replace(/\/+$/, ''), KUBELET_METRICS_PATHS);
  return [{ at: ['path'], data: { suggestion }, fix: [{ set: { path: suggestion } }] }];
};
