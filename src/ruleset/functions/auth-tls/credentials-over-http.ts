// credentials-over-http: where to point, and what to name, once the rule file's `when.value`
// has decided that a scrape client sends credentials over plain HTTP. Points at `scheme` when it
// is written (the rule's fix changes it), else at the credential. Options: `schemeIn` names the
// mapping that holds the scheme (`prober` in a Probe).
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction } from '../../types.js';
import { isNonEmptyString, isSet, mapAt } from './common.js';

/** The fields that send credentials, per kind (the API server drops the others). */
const HEADER = ['authorization', 'basicAuth', 'oauth2'];
const CREDENTIALS: Record<string, string[]> = {
  ServiceMonitor: [...HEADER, 'bearerTokenSecret', 'bearerTokenFile'],
  PodMonitor: [...HEADER, 'bearerTokenSecret'],
  Probe: [...HEADER, 'bearerTokenSecret'],
  ScrapeConfig: HEADER,
};

export const credentialsOverHttp: CheckFunction = ({ value, object, options }) => {
  if (!isObject(value)) return [];
  const fields = CREDENTIALS[object.kind] ?? HEADER;
  const credential = Object.keys(value).find((k) => fields.includes(k) && (k === 'bearerTokenFile' ? isNonEmptyString(value[k]) : isObject(value[k])));
  if (!credential) return [];
  const schemeIn = isObject(options) && typeof options.schemeIn === 'string' ? options.schemeIn : undefined;
  const holder = schemeIn ? mapAt(value, schemeIn) : value;
  const base = schemeIn ? [schemeIn] : [];
  const written = holder !== undefined && 'scheme' in holder;
  const scheme = written && isSet(holder.scheme) && holder.scheme !== '' ? `\`${schemeIn ? `${schemeIn}.` : ''}scheme: ${String(holder.scheme)}\`` : `no \`${schemeIn ? `${schemeIn}.` : ''}scheme\` (Prometheus defaults to http)`;
  return [
    {
      at: written ? [...base, 'scheme'] : [credential],
      atKey: !written,
      data: { credential, scheme },
    },
  ];
};
