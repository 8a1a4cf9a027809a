// Check functions of the paths-deprecated-security rules (and the kubelet rules of that batch).
import type { CheckFunction } from '../../types.js';
import { pathQueryString } from './query-string.js';
import { pathLeadingSlash } from './leading-slash.js';
import { proberUrl } from './prober-url.js';
import { probeProberMissing, probeTargets } from './probe-targets.js';
import { bearerTokenSecret } from './bearer-token-secret.js';
import { podmonitorTargetPort } from './podmonitor-target-port.js';
import { prometheusImageFields } from './prometheus-image.js';
import { serviceAccountTokenLeak } from './service-account-token.js';
import { kubeletContainerMetrics } from './container-metrics.js';
import { metricsServerMonitor } from './metrics-server.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'path-query-string': pathQueryString,
  'path-leading-slash': pathLeadingSlash,
  'probe-prober-url': proberUrl,
  'probe-targets': probeTargets,
  'probe-prober-missing': probeProberMissing,
  'deprecated-bearer-token-secret': bearerTokenSecret,
  'deprecated-podmonitor-target-port': podmonitorTargetPort,
  'deprecated-prometheus-image-fields': prometheusImageFields,
  'service-account-token-leak': serviceAccountTokenLeak,
  'kubelet-container-metrics-missing': kubeletContainerMetrics,
  'metrics-server-monitor': metricsServerMonitor,
};
