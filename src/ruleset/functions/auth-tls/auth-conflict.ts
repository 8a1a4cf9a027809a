// auth-conflict: what the operator (HTTPConfigWithoutTLS.Validate, SafeAuthorization.Validate,
// OAuth2.Validate, ProxyConfig.Validate) and Prometheus reject in the authentication of one HTTP
// client: an endpoint, a Probe or ScrapeConfig spec, or a ScrapeConfig service-discovery config.
// Options: `proxyIn` names the mapping that holds the proxy fields (`prober` in a Probe).
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { isNonEmptyString, isSecretOrConfigMapSet, isSet, listFields, mapAt, rejected } from './common.js';
import { proxyProblems } from './proxy-config.js';

/** The authentication methods, in the order the operator checks them. */
const METHODS = ['authorization', 'basicAuth', 'bearerTokenSecret', 'oauth2'] as const;

export const authConflict: CheckFunction = ({ value, object, options }) => {
  if (!isObject(value)) return [];
  const kind = object.kind;
  const reports: CheckReport[] = [];
  const report = (at: (string | number)[], detail: string, atKey = true) => reports.push({ at, atKey, data: { detail } });

  // More than one method. ScrapeConfigs have no bearerTokenSecret (the API server drops it).
  const methods = METHODS.filter((m) => isSet(value[m]) && !(m === 'bearerTokenSecret' && kind === 'ScrapeConfig'));
  if (methods.length > 1) {
    const inDocument = Object.keys(value).filter((k) => (methods as readonly string[]).includes(k));
    report(
      [inDocument[1]],
      `${listFields(inDocument)} are ${inDocument.length === 2 ? 'both' : 'all'} set, but only one authentication method is allowed ("${methods[0]} and ${methods[1]} cannot be configured at the same time"): ${rejected(kind)}. Keep the one whose credentials the target expects and delete the others; scrapelint cannot choose for you.`,
    );
  }

  const authorization = mapAt(value, 'authorization');
  if (authorization) {
    const type = authorization.type;
    if (typeof type === 'string' && type.trim().toLowerCase() === 'basic') {
      report(['authorization', 'type'], `\`authorization.type: ${type.trim() === type ? type : JSON.stringify(type)}\` is not allowed ("authorization type cannot be set to \\"basic\\""): ${rejected(kind)}. For basic authentication replace \`authorization\` with \`basicAuth: {username: {name: <secret>, key: <key>}, password: {name: <secret>, key: <key>}}\`.`, false);
    }
    if (!isObject(authorization.credentials)) {
      report(
        isSet(authorization.credentials) || 'credentials' in authorization ? ['authorization', 'credentials'] : ['authorization'],
        `\`authorization\` has no \`credentials\` ("authorization credentials are required"): ${rejected(kind)}. Add \`credentials: {name: <secret>, key: <key>}\`, the Secret key that holds the token.`,
      );
    }
  }

  const oauth2 = mapAt(value, 'oauth2');
  if (oauth2) {
    // tokenUrl (minLength 1) and clientId are required by the CRD: absent, the API server refuses
    // the object; an empty clientId passes the API server and the operator rejects it.
    if (!isNonEmptyString(oauth2.tokenUrl)) {
      report('tokenUrl' in oauth2 ? ['oauth2', 'tokenUrl'] : ['oauth2'], `\`oauth2\` has no \`tokenUrl\`: the API server refuses the ${kind} (the field is required and must not be empty). Add \`tokenUrl: https://<issuer>/token\`, the URL Prometheus fetches the access token from.`);
    }
    if (!isSecretOrConfigMapSet(oauth2.clientId)) {
      const refusal = isSet(oauth2.clientId) ? `${rejected(kind)} ("OAuth2 client id must be specified")` : `the API server refuses the ${kind} (the field is required)`;
      report('clientId' in oauth2 ? ['oauth2', 'clientId'] : ['oauth2'], `\`oauth2\` has no \`clientId\`: ${refusal}. Add \`clientId: {secret: {name: <secret>, key: <key>}}\` (or \`configMap:\`).`);
    } else if (isObject(oauth2.clientId) && isSet(oauth2.clientId.secret) && isSet(oauth2.clientId.configMap)) {
      report(['oauth2', 'clientId', 'configMap'], `\`oauth2.clientId\` names both a \`secret\` and a \`configMap\` ("cannot specify both Secret and ConfigMap"): ${rejected(kind)}. Keep the one that holds the client ID.`);
    }
    reports.push(...proxyProblems(oauth2, ['oauth2'], kind));
  }

  const proxyIn = isObject(options) && typeof options.proxyIn === 'string' ? options.proxyIn : undefined;
  const proxyHolder = proxyIn ? mapAt(value, proxyIn) : value;
  if (proxyHolder) reports.push(...proxyProblems(proxyHolder, proxyIn ? [proxyIn] : [], kind));
  return reports;
};
