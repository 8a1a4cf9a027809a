// Scrape classes (Prometheus `spec.scrapeClasses`, operator v0.79+): settings a Prometheus gives
// the monitors that name the class, or to all of them for its default class.
import { isObject, type JsonObject, type ManifestObject } from './objects.js';

export function scrapeClassesOf(prometheus: ManifestObject): JsonObject[] {
  const spec = prometheus.value.spec;
  return isObject(spec) && Array.isArray(spec.scrapeClasses) ? spec.scrapeClasses.filter(isObject) : [];
}

const nonEmpty = (value: unknown) => (typeof value === 'string' && value !== '') || (isObject(value) && Object.keys(value).length > 0);

/** A TLS client certificate: `cert` with `keySecret`, or `certFile` with `keyFile` (the kubelet accepts x509 client certificates). */
export function hasClientCertificate(tlsConfig: unknown): boolean {
  if (!isObject(tlsConfig)) return false;
  return (nonEmpty(tlsConfig.cert) && nonEmpty(tlsConfig.keySecret)) || (nonEmpty(tlsConfig.certFile) && nonEmpty(tlsConfig.keyFile));
}
