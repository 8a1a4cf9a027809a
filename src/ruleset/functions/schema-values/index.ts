// Check functions of the schema-values rules.
import type { CheckFunction } from '../../types.js';
import { invalidDuration, scrapeTimeoutExceedsInterval } from './durations.js';
import { duplicateEndpoint } from './duplicate-endpoint.js';
import { portNotAName } from './port-not-a-name.js';
import { metricRelabelTargetLabels, relabelConfigInvalid } from './relabel.js';
import { selectorInvalid } from './selector-invalid.js';
import { staticLabelInvalid } from './static-labels.js';
import { fieldNeedsNewerPrometheus } from './newer-prometheus.js';
import { labelKeyTypo, monitorNamespaceSelectorShape, prometheusNamespaceSelectorShape } from './selectors.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'invalid-duration': invalidDuration,
  'scrape-timeout-exceeds-interval': scrapeTimeoutExceedsInterval,
  'port-not-a-name': portNotAName,
  'relabel-config-invalid': relabelConfigInvalid,
  'metric-relabel-target-labels': metricRelabelTargetLabels,
  'monitor-namespace-selector-shape': monitorNamespaceSelectorShape,
  'prometheus-namespace-selector-shape': prometheusNamespaceSelectorShape,
  'label-key-typo': labelKeyTypo,
  'selector-invalid': selectorInvalid,
  'static-label-invalid': staticLabelInvalid,
  'field-needs-newer-prometheus': fieldNeedsNewerPrometheus,
  'duplicate-endpoint': duplicateEndpoint,
};
