// Scrape classes (Prometheus `spec.scrapeClasses`, operator v0.72+): settings a Prometheus gives
// the monitors that name the class, or to all of them for its default class.
import { isObject, type JsonObject, type ManifestObject } from './objects.js';
import { NEWEST_MINOR, releaseHasField } from './operator-releases.js';

/**
 * Whether a monitor of this kind can name a scrape class in the release (`minor`, the newest
 * by default): from v0.72 on. Before, the API server prunes `scrapeClass` and `scrapeClasses`.
 */
export const hasScrapeClasses = (kind: string, minor: number | undefined) => releaseHasField(kind, ['spec'], 'scrapeClass', minor ?? NEWEST_MINOR);

/** Whether a scrape class can carry the field in the release: `tlsConfig` from v0.72, `authorization` from v0.79. */
export const classHas = (field: string, minor: number | undefined) => releaseHasField('Prometheus', ['spec', 'scrapeClasses', 0], field, minor ?? NEWEST_MINOR);

export function scrapeClassesOf(prometheus: ManifestObject): JsonObject[] {
  const spec = prometheus.value.spec;
  return isObject(spec) && Array.isArray(spec.scrapeClasses) ? spec.scrapeClasses.filter(isObject) : [];
}
