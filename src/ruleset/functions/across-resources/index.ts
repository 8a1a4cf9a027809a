// Check functions of the across-resources rules: a monitor against the other objects of the run.
import type { CheckFunction } from '../../types.js';
import { monitorNotSelected } from './monitor-not-selected.js';
import { portNotInService, selectorMatchesNoService, serviceNamespaceNotSelected } from './services.js';
import { podNamespaceNotSelected, podPortNotInTemplate } from './workloads.js';
import { fileAccessDenied, multipleDefaultScrapeClasses, scrapeClassUndefined } from './prometheus.js';
import { secretDataInvalid, secretNotFound } from './secrets.js';
import { duplicateObject } from './duplicate-object.js';

export const FUNCTIONS: Record<string, CheckFunction> = {
  'monitor-not-selected': monitorNotSelected,
  'selector-matches-no-service': selectorMatchesNoService,
  'service-namespace-not-selected': serviceNamespaceNotSelected,
  'port-not-in-service': portNotInService,
  'pod-port-not-in-template': podPortNotInTemplate,
  'pod-namespace-not-selected': podNamespaceNotSelected,
  'file-access-denied': fileAccessDenied,
  'scrape-class-undefined': scrapeClassUndefined,
  'multiple-default-scrape-classes': multipleDefaultScrapeClasses,
  'secret-not-found': secretNotFound,
  'secret-data-invalid': secretDataInvalid,
  'duplicate-object': duplicateObject,
};
