// Check functions of the dead-endpoint rules: ports and paths the kubelet and the control plane
// no longer serve.
import type { CheckFunction } from '../../types.js';
import { controlPlaneInsecurePort } from './control-plane-insecure-port.js';
import { kubeletMetricsPath } from './kubelet-metrics-path.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'kubelet-metrics-path': kubeletMetricsPath,
  'control-plane-insecure-port': controlPlaneInsecurePort,
};
