// Named facts that rule files can require in `when.facts`: Kubernetes knowledge that a JSON
// Schema on one value cannot express (it needs the whole object, or code).
import { rewritesAddress } from '../k8s/kubelet.js';
import { isObject } from '../k8s/objects.js';
import { prometheusesOf, selectedBy, targetsKubelet } from './relations.js';
import type { Fact, FactContext } from './types.js';

const kubeletMonitor = ({ object, index, settings }: FactContext) => targetsKubelet(object, index, settings);

/**
 * Whether the monitor's scrape class can carry `field` (authorization, tlsConfig): it names a
 * class that no Prometheus of the input shows to lack it, or a selecting Prometheus's default
 * class has it.
 */
function fromScrapeClass(field: 'authorization' | 'tlsConfig') {
  return ({ object, index, settings }: FactContext): boolean => {
    const spec = isObject(object.value.spec) ? object.value.spec : {};
    const named = typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '' ? spec.scrapeClass : undefined;
    const selecting = selectedBy(object, index, settings);
    const classes = (selecting.length > 0 ? selecting : prometheusesOf(index)).flatMap((p) => {
      const pspec = isObject(p.value.spec) ? p.value.spec : {};
      return Array.isArray(pspec.scrapeClasses) ? pspec.scrapeClasses.filter(isObject) : [];
    });
    if (named) {
      const defined = classes.filter((c) => c.name === named);
      // Undefined here (or no Prometheus in the input): the class may well carry it.
      return defined.length === 0 || defined.some((c) => c[field] !== undefined && c[field] !== null);
    }
    return selecting.length > 0 && classes.some((c) => c.default === true && c[field] !== undefined && c[field] !== null);
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
  /** The monitor's scrape class (named, or a selecting Prometheus's default) can carry authorization. */
  'scrape-class-auth': fromScrapeClass('authorization'),

  /** The monitor's scrape class can carry a tlsConfig. */
  'scrape-class-tls': fromScrapeClass('tlsConfig'),

  'kubelet-endpoint': (context) => isEndpointPath(context.path) && kubeletMonitor(context) && !rewritesAddress(context.value),
};
