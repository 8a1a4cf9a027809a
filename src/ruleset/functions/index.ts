// The check functions rule files can name in `function:`. Each is small and pure; each rule
// family keeps its own in a folder here.
import type { CheckFunction } from '../types.js';
import { crdSchema } from './crd-schema/index.js';
import { durationAtMost } from './duration-at-most.js';
import { FUNCTIONS as DEAD_ENDPOINTS } from './dead-endpoints/index.js';
import { FUNCTIONS as AUTH_TLS } from './auth-tls/index.js';
import { FUNCTIONS as SCHEMA_VALUES } from './schema-values/index.js';
import { FUNCTIONS as PATHS_DEPRECATED_SECURITY } from './paths-deprecated-security/index.js';
import { FUNCTIONS as ACROSS_RESOURCES } from './across-resources/index.js';
import { FUNCTIONS as SERVICE_DISCOVERY } from './service-discovery/index.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'crd-schema': crdSchema,
  'duration-at-most': durationAtMost,
  ...DEAD_ENDPOINTS,
  ...AUTH_TLS,
  ...SCHEMA_VALUES,
  ...PATHS_DEPRECATED_SECURITY,
  ...ACROSS_RESOURCES,
  ...SERVICE_DISCOVERY,
};
