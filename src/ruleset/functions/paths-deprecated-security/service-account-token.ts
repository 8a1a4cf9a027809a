// service-account-token-leak: an endpoint that sends Prometheus's own service-account token to a
// target that is neither the kubelet nor the API server. The token comes from `bearerTokenFile`,
// or from a scrape class whose `authorization.credentialsFile` is the token (when the endpoint
// has no authentication of its own). Endpoints whose relabelings rewrite `__address__` go
// somewhere scrapelint cannot know, and are left alone.
import { rewritesAddress } from '../../../k8s/kubelet.js';
import { targetsKubelet } from '../../relations.js';
import { isObject, MONITORING_GROUP, type ManifestObject } from '../../../k8s/objects.js';
import { asSelector, requiredValue } from '../../../k8s/selectors.js';
import type { CheckFunction, ObjectIndex } from '../../types.js';

const TOKEN_PATH = /^\/?(var\/)?run\/secrets\/kubernetes\.io\/serviceaccount\/token$/;

export const isServiceAccountToken = (path: unknown) => typeof path === 'string' && TOKEN_PATH.test(path.trim());

/**
 * Whether the monitor targets the API server: its selector pins `component: apiserver` or
 * `provider: kubernetes` (the labels of the `kubernetes` Service) and it reaches the `default`
 * namespace, where that Service lives.
 */
export function isApiServerMonitor(object: ManifestObject): boolean {
  const spec = object.value.spec;
  if (!isObject(spec)) return false;
  const selector = asSelector(spec.selector);
  if (!selector) return false;
  if (requiredValue(selector, 'component') !== 'apiserver' && requiredValue(selector, 'provider') !== 'kubernetes') return false;
  const ns = spec.namespaceSelector;
  if (isObject(ns) && ns.any === true) return true;
  if (isObject(ns) && Array.isArray(ns.matchNames) && ns.matchNames.length > 0) return ns.matchNames.includes('default');
  return object.namespace === 'default';
}

const AUTH_FIELDS = ['authorization', 'basicAuth', 'oauth2', 'bearerTokenSecret', 'bearerTokenFile'];

/** The scrape class of a Prometheus in the input that gives this monitor the service-account token. */
function tokenClass(object: ManifestObject, index: ObjectIndex): { name: string; owner: string } | undefined {
  const spec = object.value.spec;
  const named = isObject(spec) && typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '' ? spec.scrapeClass : undefined;
  for (const kind of ['Prometheus', 'PrometheusAgent']) {
    for (const prometheus of index.ofKind(kind)) {
      if (prometheus.group !== MONITORING_GROUP || !isObject(prometheus.value.spec)) continue;
      const classes = prometheus.value.spec.scrapeClasses;
      if (!Array.isArray(classes)) continue;
      const chosen = classes.find((c) => isObject(c) && (named ? c.name === named : c.default === true));
      if (!isObject(chosen) || !isObject(chosen.authorization)) continue;
      if (isServiceAccountToken(chosen.authorization.credentialsFile)) {
        const owner = `${kind} ${prometheus.namespace ? `${prometheus.namespace}/` : ''}${prometheus.name ?? '(unnamed)'}`;
        return { name: String(chosen.name), owner };
      }
    }
  }
  return undefined;
}

export const serviceAccountTokenLeak: CheckFunction = ({ object, value, index, settings }) => {
  if (!isObject(value) || rewritesAddress(value)) return [];
  if (targetsKubelet(object, index, settings) || isApiServerMonitor(object)) return [];
  if (isServiceAccountToken(value.bearerTokenFile)) {
    return [{ at: ['bearerTokenFile'], data: { how: `\`bearerTokenFile: ${String(value.bearerTokenFile).trim()}\`` } }];
  }
  if (AUTH_FIELDS.some((k) => value[k] !== undefined && value[k] !== null)) return [];
  const found = tokenClass(object, index);
  if (!found) return [];
  return [{ at: 'port' in value ? ['port'] : [], data: { how: `the scrape class \`${found.name}\` of ${found.owner}, whose \`authorization.credentialsFile\` is that token` } }];
};
