// Scrape classes (Prometheus `spec.scrapeClasses`, operator v0.79+): settings a Prometheus gives
// the monitors that name the class, or to all of them for its default class.
import { isObject, type JsonObject, type ManifestObject } from './objects.js';

export function scrapeClassesOf(prometheus: ManifestObject): JsonObject[] {
  const spec = prometheus.value.spec;
  return isObject(spec) && Array.isArray(spec.scrapeClasses) ? spec.scrapeClasses.filter(isObject) : [];
}
