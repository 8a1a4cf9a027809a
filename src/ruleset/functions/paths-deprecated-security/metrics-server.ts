// kubelet-container-metrics-missing (metrics-server): a ServiceMonitor of metrics-server gets only
// metrics-server's own telemetry; Pod CPU and memory for Prometheus come from the kubelet.
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import type { CheckFunction } from '../../types.js';
import { scrapedElsewhere } from './container-metrics.js';

/** Labels a metrics-server Service carries; a monitor pinning one of them scrapes metrics-server. */
const METRICS_SERVER_LABELS = ['k8s-app', 'app.kubernetes.io/name'];

export const metricsServerMonitor: CheckFunction = ({ object, value, index, settings }) => {
  if (!isObject(value) || !isObject(value.selector)) return [];
  const selector = value.selector;
  let at: (string | number)[] | undefined;
  let label = '';
  if (isObject(selector.matchLabels)) {
    const key = METRICS_SERVER_LABELS.find((k) => (selector.matchLabels as JsonObject)[k] === 'metrics-server');
    if (key) [at, label] = [['selector', 'matchLabels', key], key];
  }
  if (!at && Array.isArray(selector.matchExpressions)) {
    const i = selector.matchExpressions.findIndex(
      (e) => isObject(e) && METRICS_SERVER_LABELS.includes(String(e.key)) && e.operator === 'In' && Array.isArray(e.values) && e.values.length === 1 && e.values[0] === 'metrics-server',
    );
    if (i >= 0) [at, label] = [['selector', 'matchExpressions', i], String((selector.matchExpressions[i] as JsonObject).key)];
  }
  if (!at) return [];
  // Container metrics scraped from the kubelet elsewhere in the input: this monitor is for
  // metrics-server's own health, which is fine.
  if (scrapedElsewhere(object, index, settings)) return [];
  return [{ at, data: { label: `${label}: metrics-server` } }];
};
