// Check functions of the service-discovery rules: what the operator refuses in a ScrapeConfig's
// service discovery configurations.
import type { CheckFunction } from '../../types.js';
import { sdConfigInvalid } from './sd-config-invalid.js';
import { sdNeedsNewerPrometheus } from './sd-needs-newer-prometheus.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'sd-config-invalid': sdConfigInvalid,
  'sd-needs-newer-prometheus': sdNeedsNewerPrometheus,
};
