// duplicate-endpoint: two endpoints of one monitor that scrape the same thing: the same port,
// path, scheme, parameters, proxy and relabelings (which choose the targets and the series).
// Each endpoint is a scrape job of its own, but the operator gives both the same target labels
// (job, endpoint, namespace, pod...), so every series arrives twice. Another interval or other
// credentials do not make a different scrape. The later endpoint is reported; dropping it is a
// fix when the two are the same in every field, a suggestion otherwise (which one to keep is a choice).
import { isUnset } from '../../../k8s/fields.js';
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction } from '../../types.js';

/** JSON with sorted keys, so that equal values compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}


/** What decides what an endpoint scrapes, with the operator's defaults filled in. */
function scrapeKey(ep: Record<string, unknown>): string {
  const or = (value: unknown, fallback: unknown) => (isUnset(value) ? fallback : value);
  return canonical({
    port: or(ep.port, null),
    targetPort: isUnset(ep.port) ? or(ep.targetPort, null) : null,
    portNumber: isUnset(ep.port) ? or(ep.portNumber, null) : null,
    path: or(ep.path, '/metrics'),
    scheme: String(or(ep.scheme, 'http')).toLowerCase(),
    params: or(ep.params, null),
    proxyUrl: or(ep.proxyUrl, null),
    relabelings: or(ep.relabelings, null),
    metricRelabelings: or(ep.metricRelabelings, null),
  });
}

export const duplicateEndpoint: CheckFunction = ({ object, path, value }) => {
  const list = path[path.length - 2];
  const i = path[path.length - 1];
  const spec = isObject(object.value.spec) ? object.value.spec : {};
  const endpoints = typeof list === 'string' && Array.isArray(spec[list]) ? (spec[list] as unknown[]) : [];
  if (!isObject(value) || typeof i !== 'number') return [];
  const key = scrapeKey(value);
  const first = endpoints.findIndex((ep, j) => j < i && isObject(ep) && scrapeKey(ep) === key);
  if (first < 0) return [];
  const same = canonical(endpoints[first]) === canonical(value);
  const drop = [{ drop: true as const }];
  return [
    {
      at: 'port' in value ? ['port'] : [],
      data: { first: String(first), advice: same ? 'The two are the same in every field: drop this one.' : 'Drop one, or merge what differs (an interval, credentials) into the other.' },
      fix: same ? drop : undefined,
      suggest: same ? undefined : [{ desc: 'drop this endpoint', ops: drop }],
    },
  ];
};
