// Named facts that rule files can require in `when.facts`: Kubernetes knowledge that a JSON
// Schema on one value cannot express (it needs the whole object, or code).
import { isKubeletMonitor, rewritesAddress } from '../k8s/kubelet.js';
import type { Fact } from './types.js';

const isEndpointPath = (path: readonly (string | number)[]) =>
  path.length === 3 && path[0] === 'spec' && path[1] === 'endpoints' && typeof path[2] === 'number';

export const FACTS: Record<string, Fact> = {
  /** The object is a ServiceMonitor whose selector targets the kubelet Service. */
  'kubelet-monitor': ({ object, settings }) => isKubeletMonitor(object, { labels: settings.kubeletLabels }),

  /**
   * The value is an endpoint of a kubelet ServiceMonitor that still talks to the kubelet
   * (its relabelings do not rewrite `__address__`).
   */
  'kubelet-endpoint': ({ object, path, value, settings }) =>
    isEndpointPath(path) && isKubeletMonitor(object, { labels: settings.kubeletLabels }) && !rewritesAddress(value),
};
