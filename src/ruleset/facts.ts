// Named facts that rule files can require in `when.facts`: Kubernetes knowledge that a JSON
// Schema on one value cannot express (it needs the whole object, or code).
import { KUBELET_NAMESPACE, onCadvisorPort, onHttpsMetricsPort, rewritesAddress, scrapedPath } from '../k8s/kubelet.js';
import { reaches } from '../k8s/selection.js';
import { isObject } from '../k8s/objects.js';
import { classHas, hasScrapeClasses, scrapeClassesOf } from '../k8s/scrape-classes.js';
import { NEWEST_MINOR } from '../k8s/operator-releases.js';
import { hasClientCertificate, isSet } from '../k8s/fields.js';
import { prometheusesOf, reachOf, selectionsOf, targetsKubelet } from './relations.js';
import type { Fact, FactContext } from './types.js';

const kubeletMonitor = ({ object, index, settings }: FactContext) => targetsKubelet(object, index, settings);

/** What a scrape class gives the monitors that use it: credentials (a token, or a TLS client certificate), or TLS settings. */
type ClassGift = 'credentials' | 'tlsConfig';

/** Whether a class gives `gift` in the release: a class's `authorization` came in v0.79, its `tlsConfig` with the classes (v0.72). */
function gives(scrapeClass: Record<string, unknown>, gift: ClassGift, minor: number): boolean {
  if (gift === 'tlsConfig') return isSet(scrapeClass.tlsConfig);
  return (isSet(scrapeClass.authorization) && classHas('authorization', minor)) || hasClientCertificate(scrapeClass.tlsConfig);
}

/**
 * Whether the monitor's scrape class can give it `gift`: it names a class that no Prometheus of
 * the unit that may select it shows to lack it, or a Prometheus that may select it has a default
 * class that gives it.
 */
function fromScrapeClass(gift: ClassGift) {
  return ({ object, index, settings }: FactContext): boolean => {
    const minor = settings.operatorRelease ?? NEWEST_MINOR;
    // Before scrape classes (v0.72) the API server prunes `scrapeClass` and `scrapeClasses`: no class gives anything.
    if (!hasScrapeClasses(object.kind, minor)) return false;
    const spec = isObject(object.value.spec) ? object.value.spec : {};
    const named = typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '' ? spec.scrapeClass : undefined;
    const candidates = selectionsOf(object, index)
      .filter((s) => s.verdict !== 'not-selected')
      .map((s) => s.prometheus);
    if (named) {
      const defined = (candidates.length > 0 ? candidates : prometheusesOf(index)).flatMap(scrapeClassesOf).filter((c) => c.name === named);
      // Not defined in the unit: the class may well give it.
      return defined.length === 0 || defined.some((c) => gives(c, gift, minor));
    }
    return candidates.flatMap(scrapeClassesOf).some((c) => c.default === true && gives(c, gift, minor));
  };
}

const isEndpointPath = (path: readonly (string | number)[]) =>
  path.length === 3 && path[0] === 'spec' && path[1] === 'endpoints' && typeof path[2] === 'number';

export const FACTS: Record<string, Fact> = {
  /** The object is a ServiceMonitor that targets the kubelet Service. */
  'kubelet-monitor': kubeletMonitor,

  /**
   * The value is an endpoint of a kubelet ServiceMonitor that still talks to the kubelet
   * (its relabelings do not rewrite `__address__`).
   */
  /** The monitor's scrape class (named, or a default one) can give it credentials: authorization or a TLS client certificate. */
  'scrape-class-auth': fromScrapeClass('credentials'),

  /** The monitor's scrape class can give it a tlsConfig. */
  'scrape-class-tls': fromScrapeClass('tlsConfig'),

  'kubelet-endpoint': (context) => isEndpointPath(context.path) && kubeletMonitor(context) && !rewritesAddress(context.value),

  /**
   * The monitor certainly does not discover targets in kube-system, where the operator creates
   * the kubelet's Service: its namespaceSelector names other namespaces, or it has none and is
   * in another namespace (false when its namespace is unknown).
   */
  'kube-system-unreached': ({ object, index }) => reaches(reachOf(object, index), KUBELET_NAMESPACE) === false,

  /**
   * The value is an endpoint on a dead kubelet port whose rewrite to `https-metrics` would
   * duplicate another endpoint of the monitor, on `https-metrics` already, with the same path
   * (cAdvisor's for the cAdvisor port, its own for the read-only port; by case and trailing
   * slash, as the kubelet-metrics-path fix will make it): the fix drops it instead.
   */
  'duplicates-working-endpoint': ({ object, path, value }) => {
    if (!isEndpointPath(path) || !isObject(value) || !isObject(object.value.spec) || !Array.isArray(object.value.spec.endpoints)) return false;
    const wanted = onCadvisorPort(value) ? '/metrics/cadvisor' : scrapedPath(value);
    return object.value.spec.endpoints.some((ep, i) => i !== path[2] && onHttpsMetricsPort(ep) && !rewritesAddress(ep) && scrapedPath(ep) === wanted);
  },
};
