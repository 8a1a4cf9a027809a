// kubelet-container-metrics-missing: a kubelet ServiceMonitor with no endpoint on
// /metrics/cadvisor or /metrics/resource has no `container_*` series (the kubelet's /metrics lost
// them in Kubernetes 1.7). The fix appends a cAdvisor endpoint built like the monitor's working
// https-metrics endpoint, when there is one.
//
// Counted as container metrics, so that two rules never suggest the same endpoint: an endpoint
// on the dead cAdvisor port (kubelet-cadvisor-port's fix turns it into /metrics/cadvisor), and
// paths that other rules correct into a container-metrics path (/metrics/cAdvisor, /cadvisor,
// /stats/summary, /metrics/resource/v1alpha1). Another kubelet monitor of the input that scrapes
// them counts too. A monitor with an endpoint that rewrites `__address__` or `__metrics_path__` is
// not judged: it may reach cAdvisor some other way.
import { onCadvisorPort, rewritesAddress } from '../../../k8s/kubelet.js';
import { hasOwnCredentials } from '../../../k8s/fields.js';
import { targetsKubelet } from '../../relations.js';
import { isObject, MONITORING_GROUP, type JsonObject, type ManifestObject } from '../../../k8s/objects.js';
import type { CheckFunction, LintSettings, ObjectIndex } from '../../types.js';

const CADVISOR_PATH = '/metrics/cadvisor';
const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';


const rewritesMetricsPath = (ep: JsonObject) =>
  Array.isArray(ep.relabelings) && ep.relabelings.some((r) => isObject(r) && r.targetLabel === '__metrics_path__');

/** Whether the endpoint scrapes (or, once other rules' fixes apply, will scrape) container metrics. */
function scrapesContainerMetrics(ep: unknown): boolean {
  if (!isObject(ep)) return false;
  if (onCadvisorPort(ep)) return true;
  const path = typeof ep.path === 'string' ? ep.path.toLowerCase() : '';
  return path.includes('cadvisor') || path.includes('/metrics/resource') || path.startsWith('/stats');
}

function endpointsOf(object: ManifestObject): unknown[] {
  const spec = object.value.spec;
  return isObject(spec) && Array.isArray(spec.endpoints) ? spec.endpoints : [];
}

/** Per index (one per unit of a run): the kubelet ServiceMonitors that scrape container metrics. */
const scrapers = new WeakMap<ObjectIndex, { settings: LintSettings; monitors: readonly ManifestObject[] }>();

/**
 * Whether another kubelet ServiceMonitor of the input scrapes container metrics. The monitors
 * that do are found once per index, not walked again for each monitor asked about (8,000
 * kubelet monitors took 20 s that way).
 */
export function scrapedElsewhere(object: ManifestObject, index: ObjectIndex, settings: LintSettings): boolean {
  let found = scrapers.get(index);
  if (!found || found.settings !== settings) {
    const monitors = index
      .ofKind('ServiceMonitor')
      .filter((other) => other.group === MONITORING_GROUP && endpointsOf(other).some(scrapesContainerMetrics) && targetsKubelet(other, index, settings));
    scrapers.set(index, (found = { settings, monitors }));
  }
  return found.monitors.some((other) => other !== object);
}


/** The endpoint scrapes the kubelet's own /metrics (the default path). */
const scrapesMetrics = (ep: JsonObject) => ep.path === undefined || ep.path === null || ep.path === '' || ep.path === '/metrics';

/** Keys of the working endpoint not copied into the cAdvisor one: they are about /metrics. */
const NOT_COPIED = new Set(['port', 'scheme', 'path', 'honorLabels', 'metricRelabelings', 'params', 'honorTimestamps', 'trackTimestampsStaleness']);

/**
 * A cAdvisor endpoint like the monitor's working https-metrics endpoint, if it has one: the
 * /metrics one preferably. The interval and timeout are copied only from that one (the
 * /metrics/slis endpoint's 5s would be heavy for cAdvisor).
 */
function cadvisorEndpoint(endpoints: unknown[], scrapeClass: boolean): JsonObject | undefined {
  const working = endpoints.filter(
    (ep): ep is JsonObject =>
      isObject(ep) &&
      ep.port === 'https-metrics' &&
      typeof ep.scheme === 'string' &&
      ep.scheme.toLowerCase() === 'https' &&
      (hasOwnCredentials(ep) || scrapeClass) &&
      !rewritesAddress(ep),
  );
  const template = working.find(scrapesMetrics) ?? working[0];
  if (!template) return undefined;
  const skip = scrapesMetrics(template) ? NOT_COPIED : new Set([...NOT_COPIED, 'interval', 'scrapeTimeout']);
  const endpoint: JsonObject = { port: 'https-metrics', scheme: template.scheme, path: CADVISOR_PATH, honorLabels: true };
  for (const [key, value] of Object.entries(template)) if (!skip.has(key)) endpoint[key] = value;
  return endpoint;
}

export const kubeletContainerMetrics: CheckFunction = ({ object, value, index, settings }) => {
  if (!isObject(value) || !Array.isArray(value.endpoints) || value.endpoints.length === 0) return [];
  if (object.partial) return [];
  const endpoints = value.endpoints;
  if (endpoints.some((ep) => isObject(ep) && (rewritesAddress(ep) || rewritesMetricsPath(ep)))) return [];
  if (endpoints.some(scrapesContainerMetrics) || scrapedElsewhere(object, index, settings)) return [];
  const added = cadvisorEndpoint(endpoints, typeof value.scrapeClass === 'string' && value.scrapeClass !== '');
  if (!added) {
    return [
      {
        at: ['endpoints'],
        data: {
          advice:
            `Add an endpoint \`{port: https-metrics, scheme: https, path: ${CADVISOR_PATH}, honorLabels: true, bearerTokenFile: ${TOKEN}, tlsConfig: {insecureSkipVerify: true}}\`. ` +
            'No automatic fix: no endpoint here reaches the kubelet on https-metrics with credentials to copy.',
        },
      },
    ];
  }
  return [
    {
      at: ['endpoints'],
      data: { advice: `The suggestion appends an endpoint with \`path: ${CADVISOR_PATH}\` and \`honorLabels: true\`, built like the https-metrics endpoint.` },
      // A new scrape, with its series and its cost: offered, never applied by --fix.
      suggest: [{ desc: `add a ${CADVISOR_PATH} endpoint`, ops: [{ append: { endpoints: added } }] }],
    },
  ];
};
