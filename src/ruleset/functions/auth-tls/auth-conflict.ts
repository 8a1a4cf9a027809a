// auth-conflict: what the operator (HTTPConfigWithoutTLS.Validate, SafeAuthorization.Validate,
// OAuth2.Validate, ProxyConfig.Validate) and Prometheus reject in the authentication of one HTTP
// client: an endpoint, a Probe or ScrapeConfig spec, or a ScrapeConfig service-discovery config.
// Options: `proxyIn` names the mapping that holds the proxy fields (`prober` in a Probe);
// `scrapeClass: true` judges a Prometheus scrape class's `authorization` (Authorization.Validate).
import { isObject, type JsonObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { isNonEmptyString, isSecretOrConfigMapSet, isSet, listFields, mapAt, rejected } from './common.js';
import { proxyProblems } from './proxy-config.js';

/** The authentication methods, in the order the operator checks them. */
const METHODS = ['authorization', 'basicAuth', 'bearerTokenSecret', 'oauth2'] as const;

/**
 * A scrape class's `authorization` (Authorization.Validate): `credentials` and `credentialsFile`
 * exclude each other, and the type is not Basic; unlike a monitor's, it may have no credentials.
 */
function scrapeClassAuthorization(authorization: JsonObject, kind: string): CheckReport[] {
  const reports: CheckReport[] = [];
  if (isSet(authorization.credentials) && isNonEmptyString(authorization.credentialsFile)) {
    reports.push({
      at: ['authorization', 'credentialsFile'],
      atKey: true,
      data: { detail: `This scrape class's \`authorization\` has both \`credentials\` and \`credentialsFile\` ("authorization can not specify both \\"credentials\\" and \\"credentialsFile\\""): ${rejected(kind)}. Keep \`credentials\` (a Secret key) or \`credentialsFile\` (a file in the Prometheus container), not both.` },
    });
  }
  reports.push(...basicType(authorization, kind));
  return reports;
}

/** `authorization.type: Basic`, in any case and with spaces around it. */
function basicType(authorization: JsonObject, kind: string): CheckReport[] {
  const type = authorization.type;
  if (typeof type !== 'string' || type.trim().toLowerCase() !== 'basic') return [];
  return [
    {
      at: ['authorization', 'type'],
      atKey: false,
      data: { detail: `\`authorization.type: ${type.trim() === type ? type : JSON.stringify(type)}\` is not allowed ("authorization type cannot be set to \\"basic\\""): ${rejected(kind)}. For basic authentication replace \`authorization\` with \`basicAuth: {username: {name: <secret>, key: <key>}, password: {name: <secret>, key: <key>}}\`.` },
    },
  ];
}

export const authConflict: CheckFunction = ({ value, object, options }) => {
  if (!isObject(value)) return [];
  const kind = object.kind;
  if (isObject(options) && options.scrapeClass === true) {
    const authorization = mapAt(value, 'authorization');
    return authorization ? scrapeClassAuthorization(authorization, kind) : [];
  }
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
    reports.push(...basicType(authorization, kind));
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
