// The check functions rule files can name in `function:`. Each is small and pure.
import type { CheckFunction } from '../types.js';
import { kubeletMetricsPath } from './kubelet-metrics-path.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'kubelet-metrics-path': kubeletMetricsPath,
};
