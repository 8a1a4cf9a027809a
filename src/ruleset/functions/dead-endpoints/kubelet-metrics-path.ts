// kubelet-metrics-path: a kubelet endpoint's path must be one the kubelet serves Prometheus
// metrics on. A known typo of a real path (another case, a trailing slash, a letter or two, the
// path without /metrics) is fixed; a guess at another endpoint (/stats/summary is metrics-server's
// JSON) is a suggestion.
import { KUBELET_METRICS_PATHS, scrapedPath } from '../../../k8s/kubelet.js';
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction } from '../../types.js';
import { editDistance, nearest } from '../nearest.js';

/** Paths that are another endpoint: the Prometheus one closest to them is a guess. */
const GUESSED: Record<string, string> = {
  '/stats/summary': '/metrics/resource', // JSON for metrics-server; the Prometheus form is /metrics/resource
  '/stats': '/metrics/resource',
};

/** Paths people write that mean one of the real ones. */
const MEANT: Record<string, string> = {
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
  const normalised = scrapedPath(value);
  const guessed = GUESSED[normalised];
  const suggestion = guessed ?? MEANT[normalised] ?? nearest(path.replace(/\/+$/, ''), KUBELET_METRICS_PATHS);
  const typo = !guessed && (MEANT[normalised] !== undefined || editDistance(normalised, suggestion) <= 2);
  const ops = [{ set: { path: suggestion } }];
  return [typo ? { at: ['path'], data: { suggestion }, fix: ops } : { at: ['path'], data: { suggestion }, suggest: [{ desc: `scrape \`${suggestion}\``, ops }] }];
};
