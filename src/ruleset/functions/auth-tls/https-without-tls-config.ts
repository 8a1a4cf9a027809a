// https-without-tls-config: once the rule file's `when.value` has found `scheme: https` without a
// `tlsConfig`, stand down where a scrape class can supply the TLS settings: the object names a
// class (unless a Prometheus in the input defines that class without a tlsConfig), or it names
// none and a Prometheus in the input has a default class with a tlsConfig.
// Options: `schemeIn` names the mapping that holds the scheme (`prober` in a Probe).
import { isObject, MONITORING_GROUP, type JsonObject } from '../../../k8s/objects.js';
import { hasScrapeClasses } from '../../../k8s/scrape-classes.js';
import type { CheckFunction, ObjectIndex } from '../../types.js';

function scrapeClasses(index: ObjectIndex): JsonObject[] {
  return ['Prometheus', 'PrometheusAgent']
    .flatMap((kind) => index.ofKind(kind))
    .filter((p) => p.group === MONITORING_GROUP)
    .flatMap((p) => (isObject(p.value.spec) && Array.isArray(p.value.spec.scrapeClasses) ? p.value.spec.scrapeClasses.filter(isObject) : []));
}

const hasTls = (scrapeClass: JsonObject) => isObject(scrapeClass.tlsConfig);

export const httpsWithoutTlsConfig: CheckFunction = ({ value, object, index, options, settings }) => {
  if (!isObject(value)) return [];
  // Before scrape classes (v0.72) no class can supply anything.
  const classes = hasScrapeClasses(object.kind, settings.operatorRelease) ? scrapeClasses(index) : [];
  const spec = isObject(object.value.spec) ? object.value.spec : {};
  const named = typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '' ? spec.scrapeClass : undefined;
  if (named !== undefined && hasScrapeClasses(object.kind, settings.operatorRelease)) {
    const defined = classes.filter((c) => c.name === named);
    if (defined.length === 0 || defined.some(hasTls)) return [];
  } else if (classes.some((c) => c.default === true && hasTls(c))) {
    return [];
  }
  const schemeIn = isObject(options) && typeof options.schemeIn === 'string' ? options.schemeIn : undefined;
  return [{ at: schemeIn ? [schemeIn, 'scheme'] : ['scheme'] }];
};
