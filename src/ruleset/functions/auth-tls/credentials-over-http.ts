// credentials-over-http: a scrape client that sends credentials over plain HTTP (the rule file's
// `when.value` has decided the scheme is http or unset). The credentials are the endpoint's own
// (a token, a password, OAuth2: `{}` or `""` send nothing), or the `authorization` of its scrape
// class, which applies when the endpoint has none of its own. Points at `scheme` when it is
// written, else at the credential (or the endpoint, for a class's).
//
// Both edits are suggestions: `scheme: https` breaks a target that serves plain HTTP, and
// dropping the credential breaks one that needs it. For a component that serves metrics over
// plain HTTP without authentication (CoreDNS, kube-proxy, etcd's metrics listener), dropping the
// credential is the only suggestion. Options: `schemeIn` names the mapping that holds the
// scheme (`prober` in a Probe).
import { HTTP_ONLY_COMPONENTS } from '../../../k8s/components.js';
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { classHas, hasScrapeClasses, scrapeClassesOf } from '../../../k8s/scrape-classes.js';
import { componentOf, selectedBy } from '../../relations.js';
import type { CheckFunction, CheckReport, ObjectIndex } from '../../types.js';
import { isSet as isWritten, isNonEmptyString, mapAt } from './common.js';
import { isSet } from '../../../k8s/fields.js';

/** The fields that send credentials, per kind (the API server drops the others). */
const HEADER = ['authorization', 'basicAuth', 'oauth2'];
const CREDENTIALS: Record<string, string[]> = {
  ServiceMonitor: [...HEADER, 'bearerTokenSecret', 'bearerTokenFile'],
  PodMonitor: [...HEADER, 'bearerTokenSecret'],
  Probe: [...HEADER, 'bearerTokenSecret'],
  ScrapeConfig: HEADER,
};


/** The scrape class of a Prometheus that selects the monitor and gives it `authorization`. */
function classCredentials(object: ManifestObject, index: ObjectIndex, minor: number | undefined): { name: string; prometheus: ManifestObject } | undefined {
  // A class's authorization came in v0.79; before, the API server prunes it.
  if (!hasScrapeClasses(object.kind, minor) || !classHas('authorization', minor)) return undefined;
  const spec = isObject(object.value.spec) ? object.value.spec : {};
  const named = isNonEmptyString(spec.scrapeClass) ? spec.scrapeClass : undefined;
  for (const prometheus of selectedBy(object, index)) {
    const chosen = scrapeClassesOf(prometheus).find((c) => (named ? c.name === named : c.default === true));
    if (chosen && isSet(chosen.authorization)) return { name: String(chosen.name), prometheus };
  }
  return undefined;
}


export const credentialsOverHttp: CheckFunction = ({ value, object, index, options, settings }) => {
  if (!isObject(value)) return [];
  const fields = CREDENTIALS[object.kind] ?? HEADER;
  const own = Object.keys(value).find((k) => fields.includes(k) && isSet(value[k]));
  const fromClass = own === undefined ? classCredentials(object, index, settings.operatorRelease) : undefined;
  if (!own && !fromClass) return [];
  const schemeIn = isObject(options) && typeof options.schemeIn === 'string' ? options.schemeIn : undefined;
  const holder = schemeIn ? mapAt(value, schemeIn) : value;
  const base = schemeIn ? [schemeIn] : [];
  const written = holder !== undefined && 'scheme' in holder;
  const schemeKey = `${schemeIn ? `${schemeIn}.` : ''}scheme`;
  const scheme = written && isWritten(holder.scheme) && holder.scheme !== '' ? `\`${schemeKey}: ${String(holder.scheme)}\`` : `no \`${schemeKey}\` (Prometheus defaults to http)`;
  const component = object.kind === 'ServiceMonitor' || object.kind === 'PodMonitor' ? componentOf(object, index, HTTP_ONLY_COMPONENTS) : undefined;
  const credential = own ?? 'authorization';
  const sent = fromClass
    ? `the \`authorization\` credentials of its scrape class \`${fromClass.name}\` (${fromClass.prometheus.kind} \`${fromClass.prometheus.name ?? '(unnamed)'}\`)`
    : `\`${credential}\` credentials`;
  const toHttps = { desc: `switch to https (the target must serve TLS)`, ops: schemeIn ? [{ in: [schemeIn], set: { scheme: 'https' } }] : [{ set: { scheme: 'https' } }] };
  const drop = { desc: `drop \`${credential}\`${component ? `: ${component.name} serves metrics without authentication` : ' (if the target needs none)'}`, ops: [{ remove: [credential] }] };
  let advice: string;
  let suggest: CheckReport['suggest'];
  if (component) {
    advice = fromClass
      ? `${component.name} serves metrics over plain HTTP without authentication: use a scrape class without \`authorization\` for it (\`scheme: https\` would break the scrape).`
      : `${component.name} serves metrics over plain HTTP without authentication: drop \`${credential}\` (\`scheme: https\` would break the scrape).`;
    suggest = fromClass ? undefined : [drop];
  } else {
    advice = `Write \`${schemeKey}: https\` if the ${schemeIn ?? 'target'} serves TLS (add a \`tlsConfig\` to verify it), or drop the credentials if it needs none.`;
    suggest = fromClass ? [toHttps] : [toHttps, drop];
  }
  return [
    {
      at: written ? [...base, 'scheme'] : own ? [own] : [],
      atKey: !written && own !== undefined,
      data: { credential: sent, scheme, advice, target: component ? ` to ${component.name}` : '' },
      suggest,
    },
  ];
};
