// sd-config-invalid: ScrapeConfig service discovery the operator refuses whatever Prometheus it
// runs (checkScrapeConfig's validators in pkg/prometheus/resource_selector.go), and that Prometheus
// would refuse to load too: Kubernetes SD selectors of another role, `apiServer` with
// `namespaces.ownNamespace`, a DNS record type other than SRV without a port, Azure OAuth without
// its tenant, client ID or client secret.
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { isSet, rejected } from '../auth-tls/common.js';

/** The selector roles each Kubernetes SD role takes (lower case, as the operator compares them). */
const ALLOWED_SELECTORS: Record<string, string[]> = {
  pod: ['pod'],
  service: ['service'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'],
  node: ['node'],
  ingress: ['ingress'],
};

const configs = (spec: JsonObject, field: string): [number, JsonObject][] =>
  Array.isArray(spec[field]) ? spec[field].flatMap((c, i): [number, JsonObject][] => (isObject(c) ? [[i, c]] : [])) : [];

export const sdConfigInvalid: CheckFunction = ({ value, object }) => {
  if (!isObject(value)) return [];
  const reports: CheckReport[] = [];
  const refused = rejected(object.kind);
  const report = (at: (string | number)[], detail: string, atKey = true) => reports.push({ at, atKey, data: { detail } });

  for (const [i, sd] of configs(value, 'kubernetesSDConfigs')) {
    const base = ['kubernetesSDConfigs', i];
    if (isSet(sd.apiServer) && isObject(sd.namespaces) && sd.namespaces.ownNamespace === true) {
      report([...base, 'namespaces', 'ownNamespace'], `\`namespaces.ownNamespace: true\` cannot be combined with \`apiServer\` ("cannot use 'apiServer' and 'namespaces.ownNamespace' simultaneously": the own namespace is that of Prometheus's pod, in its own cluster): ${refused}. Remove \`ownNamespace\` and list the namespaces in \`namespaces.names\`, or remove \`apiServer\`.`);
    }
    const role = typeof sd.role === 'string' ? sd.role.toLowerCase() : undefined;
    const allowed = role === undefined ? undefined : ALLOWED_SELECTORS[role];
    if (allowed && Array.isArray(sd.selectors)) {
      sd.selectors.forEach((selector, j) => {
        if (!isObject(selector) || typeof selector.role !== 'string' || allowed.includes(selector.role.toLowerCase())) return;
        report([...base, 'selectors', j, 'role'], `A \`${sd.role as string}\` Kubernetes SD config takes only ${allowed.map((r) => `\`${r}\``).join(', ')} selectors, not \`role: ${selector.role}\` ("${sd.role as string} role supports only ${allowed.join(', ')} selectors"): ${refused}. Select by the ${role}'s own labels, or change the config's \`role\`.`, false);
      });
    }
  }

  for (const [i, sd] of configs(value, 'dnsSDConfigs')) {
    if (typeof sd.type === 'string' && sd.type !== 'SRV' && !isSet(sd.port)) {
      report(['dnsSDConfigs', i, 'type'], `A DNS SD config with \`type: ${sd.type}\` needs a \`port\` (only SRV records carry one; "port required for record type"): ${refused}. Add \`port: <the port to scrape>\`.`);
    }
  }

  for (const [i, sd] of configs(value, 'azureSDConfigs')) {
    const method = typeof sd.authenticationMethod === 'string' ? sd.authenticationMethod : '';
    if (method === 'ManagedIdentity' || method === 'SDK' || method === 'WorkloadIdentity') continue;
    const missing: string[] = ['tenantID', 'clientID'].filter((f) => typeof sd[f] !== 'string' || sd[f] === '');
    if (!isSet(sd.clientSecret)) missing.push('clientSecret');
    if (missing.length === 0) continue;
    // At an empty field where there is one, else at `authenticationMethod`, else at the config.
    const empty = missing.find((f) => f in sd);
    const at = empty ? [empty] : isSet(sd.authenticationMethod) ? ['authenticationMethod'] : [];
    report(['azureSDConfigs', i, ...at], `Azure SD with OAuth authentication (${method === '' ? 'the default' : '`authenticationMethod: OAuth`'}) needs \`tenantID\`, \`clientID\` and \`clientSecret\`, and this one has no ${missing.map((f) => `\`${f}\``).join(', ')} ("configuration requires a ${missing[0]}"): ${refused}. Add ${missing.length === 1 ? 'it' : 'them'}, or use \`authenticationMethod: ManagedIdentity\`, \`WorkloadIdentity\` or \`SDK\`.`, at[0] === 'authenticationMethod');
  }
  return reports;
};
