// Fields as the operator's Go types read them: a plain string, slice, map or struct that is empty
// is unset (`bearerTokenFile: ""`, `matchNames: []`, `basicAuth: {}`), as is a null the API
// server drops. Facts and sources: ../shared/domain/prometheus-operator.md, section 2.
import { isObject } from './identity.js';

/** Unset as the operator reads it: absent, null, `""`, `[]` or `{}`. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

export const isSet = (value: unknown): boolean => !isUnset(value);

/** A TLS client certificate: `cert` with `keySecret`, or `certFile` with `keyFile` (the kubelet accepts x509 client certificates). */
export function hasClientCertificate(tlsConfig: unknown): boolean {
  if (!isObject(tlsConfig)) return false;
  return (isSet(tlsConfig.cert) && isSet(tlsConfig.keySecret)) || (isSet(tlsConfig.certFile) && isSet(tlsConfig.keyFile));
}

/** The fields of an endpoint that put credentials into the scrape request. */
export const CREDENTIAL_FIELDS = ['authorization', 'basicAuth', 'oauth2', 'bearerTokenSecret', 'bearerTokenFile'] as const;

/** An endpoint that sends credentials of its own: a token, a password, OAuth2, or a TLS client certificate. */
export function hasOwnCredentials(endpoint: unknown): boolean {
  return isObject(endpoint) && (CREDENTIAL_FIELDS.some((k) => isSet(endpoint[k])) || hasClientCertificate(endpoint.tlsConfig));
}
