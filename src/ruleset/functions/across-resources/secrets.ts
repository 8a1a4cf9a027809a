// secret-not-found: Secrets and ConfigMaps a monitor references that are not in the input. Often
// fine (secrets are rarely in git), hence info. secret-data-invalid: those the input holds, in the
// monitor's namespace, that lack the referenced key or whose TLS data the operator's store refuses
// (GetSecretKey, GetConfigMapKey and addTLSAssets in pkg/assets).
import { isObject, touched, type ManifestObject } from '../../../k8s/objects.js';
import { caProblem, keyPairProblem } from '../../../k8s/pem.js';
import { sameNamespace } from '../../../k8s/selection.js';
import { hasTemplateMarker } from '../../../yaml/template-markers.js';
import type { CheckContext, CheckFunction, CheckReport } from '../../types.js';
import { nameOf, related } from './common.js';

/** Keys whose value is a SecretKeySelector ({name, key}). */
const SECRET_KEYS = new Set([
  'credentials', 'username', 'password', 'bearerTokenSecret', 'clientSecret', 'keySecret',
  // ScrapeConfig service discovery: Consul's token, EC2's, LightSail's and Scaleway's keys,
  // OpenStack's application credential, OVHcloud's application secret and consumer key.
  'tokenRef', 'accessKey', 'secretKey', 'applicationCredentialSecret', 'applicationSecret', 'consumerKey',
]);
/** Keys whose value is a SecretOrConfigMap ({secret: {name, key}} or {configMap: {name, key}}). */
const SECRET_OR_CONFIGMAP = new Set(['ca', 'cert', 'clientId']);

interface Reference {
  path: (string | number)[];
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key: string;
  /** What the reference is in a `tlsConfig`: its CA, client certificate or client key. */
  tls?: 'ca' | 'cert' | 'key';
  /** The path of that tlsConfig. */
  tlsAt?: string;
}

/** The role in a tlsConfig of the reference at `path` (its parent is the tlsConfig). */
function tlsRole(path: (string | number)[], key: string): Reference['tls'] {
  if (path[path.length - 1] !== 'tlsConfig') return undefined;
  return key === 'ca' ? 'ca' : key === 'cert' ? 'cert' : key === 'keySecret' ? 'key' : undefined;
}

function isKeySelector(value: unknown): value is { name: string; key: string } {
  return isObject(value) && typeof value.name === 'string' && value.name !== '' && typeof value.key === 'string';
}

function references(node: unknown, path: (string | number)[], out: Reference[]): void {
  if (Array.isArray(node)) node.forEach((item, i) => references(item, [...path, i], out));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const tls = tlsRole(path, key);
    const at = tls ? { tls, tlsAt: JSON.stringify(path) } : {};
    // proxyConnectHeader: header name to a list of Secret keys.
    if (key === 'proxyConnectHeader' && isObject(value)) {
      for (const [header, selectors] of Object.entries(value)) {
        if (!Array.isArray(selectors)) continue;
        selectors.forEach((selector, i) => {
          if (isKeySelector(selector)) out.push({ path: [...path, key, header, i], kind: 'Secret', name: selector.name, key: selector.key });
        });
      }
      continue;
    }
    if (SECRET_KEYS.has(key) && isKeySelector(value)) out.push({ path: [...path, key], kind: 'Secret', name: value.name, key: value.key, ...at });
    else if (SECRET_OR_CONFIGMAP.has(key) && isObject(value)) {
      if (isKeySelector(value.secret)) out.push({ path: [...path, key, 'secret'], kind: 'Secret', name: value.secret.name, key: value.secret.key, ...at });
      if (isKeySelector(value.configMap)) out.push({ path: [...path, key, 'configMap'], kind: 'ConfigMap', name: value.configMap.name, key: value.configMap.key, ...at });
    } else references(value, [...path, key], out);
  }
}

function keysOf(object: ManifestObject): string[] {
  const { data, stringData, binaryData, type } = object.value;
  const keys = [data, stringData, binaryData].flatMap((d) => (isObject(d) ? Object.keys(d) : []));
  // Kubernetes fills a service-account token Secret with these keys.
  if (type === 'kubernetes.io/service-account-token') keys.push('token', 'ca.crt', 'namespace');
  return [...new Set(keys)];
}

/** A reference and what the input holds for it: the object in the monitor's namespace, or one elsewhere. */
interface Resolved {
  ref: Reference;
  target?: ManifestObject;
  elsewhere?: ManifestObject;
}

/**
 * The references of the object, each with the Secret or ConfigMap it names. Undefined where the
 * input cannot say (a generator or a part of the unit the input does not show may make them);
 * references to objects that may be the one (no namespace, patched) are left out.
 */
function resolve(context: CheckContext): Resolved[] | undefined {
  const { object, index } = context;
  if (index.unit?.incomplete) return undefined;
  const found: Reference[] = [];
  references(object.value.spec, ['spec'], found);
  const out: Resolved[] = [];
  for (const ref of found) {
    if (index.unit?.generated.has(`${ref.kind}/${ref.name}`)) continue;
    const named = index.ofKind(ref.kind).filter((o) => o.group === '' && o.name === ref.name);
    if (named.some((o) => sameNamespace(o.namespace, object.namespace) === undefined || touched(o, []))) continue;
    const target = named.find((o) => sameNamespace(o.namespace, object.namespace) === true);
    out.push({ ref, target, elsewhere: target ? undefined : named[0] });
  }
  return out;
}

export const secretNotFound: CheckFunction = (context) => {
  const { object, index } = context;
  const namespace = object.namespace;
  const where = `the ${object.kind}'s namespace${namespace === undefined ? '' : ` \`${namespace}\``}`;
  return (resolve(context) ?? [])
    .filter(({ target }) => !target)
    .map(({ ref, elsewhere }) => ({
      at: [...ref.path, 'name'],
      data: {
        // The same name in another namespace is the usual mistake: the operator reads the monitor's namespace only.
        detail: elsewhere
          ? `${ref.kind} \`${ref.name}\` is in the input as ${nameOf(elsewhere, index)}, but the operator reads it from ${where}: create it there.`
          : `${ref.kind} \`${namespace === undefined ? '' : `${namespace}/`}${ref.name}\` is not in the input; the operator rejects the ${object.kind} until it exists in ${namespace === undefined ? where : `namespace \`${namespace}\``} (fine if it is created elsewhere, as Secrets often are).`,
      },
      related: elsewhere ? [related(elsewhere, context, `a ${ref.kind} of that name in another namespace`)] : undefined,
    }));
};

/**
 * Annotations of controllers that fill or replace a Secret's data in the cluster (replicators,
 * reflectors, cert-manager's CA injection, Vault and argocd-vault-plugin): the data in the input
 * is not what the operator will read.
 */
const FILLED_BY = /replicat|reflect|cert-manager\.io|vault|avp\.kubernetes\.io|sealedsecrets|kubed|external-secrets|secret-generator/i;

/** Whether the object's data in the input is what the cluster will hold. */
function dataIsFinal(target: ManifestObject): boolean {
  if ('sops' in target.value) return false;
  const annotations = isObject(target.value.metadata) && isObject(target.value.metadata.annotations) ? Object.keys(target.value.metadata.annotations) : [];
  return !annotations.some((a) => FILLED_BY.test(a)) && keysOf(target).length > 0;
}

/** The text at `key`, as the operator reads it; undefined where the input does not show it plainly. */
function textOf(target: ManifestObject, key: string): string | undefined {
  const { data, stringData } = target.value;
  let text: string | undefined;
  if (isObject(stringData) && typeof stringData[key] === 'string') text = stringData[key];
  else if (isObject(data) && typeof data[key] === 'string') {
    if (target.kind === 'ConfigMap') text = data[key];
    else if (/^[A-Za-z0-9+/=\s]*$/.test(data[key])) text = Buffer.from(data[key], 'base64').toString('latin1');
  }
  // Placeholders a tool replaces before the apply: templates, argocd-vault-plugin's <path>, sops, vals.
  if (text === undefined || text === '' || hasTemplateMarker(text) || /^\s*(<[^>]*>|ENC\[|vault:|ref\+)/.test(text)) return undefined;
  return text;
}

export const secretDataInvalid: CheckFunction = (context) => {
  const { object, index } = context;
  const resolved = (resolve(context) ?? []).filter((r): r is Resolved & { target: ManifestObject } => r.target !== undefined && dataIsFinal(r.target));
  const reports: CheckReport[] = [];
  const present: (Resolved & { target: ManifestObject })[] = [];
  for (const r of resolved) {
    const keys = keysOf(r.target);
    if (keys.includes(r.ref.key)) {
      present.push(r);
      continue;
    }
    reports.push({
      at: [...r.ref.path, 'key'],
      data: { detail: `${nameOf(r.target, index)} has no key \`${r.ref.key}\` (it has ${keys.map((k) => `\`${k}\``).join(', ')}): the operator rejects the ${object.kind} ("key ${r.ref.key} not found").` },
      related: [related(r.target, context, `the referenced ${r.ref.kind}`)],
    });
  }
  // The TLS data: a CA that is a certificate; a client certificate and key that make a pair.
  const byTls = new Map<string, Partial<Record<'ca' | 'cert' | 'key', Resolved & { target: ManifestObject }>>>();
  for (const r of present) {
    if (!r.ref.tls || r.ref.tlsAt === undefined) continue;
    byTls.set(r.ref.tlsAt, { ...byTls.get(r.ref.tlsAt), [r.ref.tls]: r });
  }
  for (const { ca, cert, key } of byTls.values()) {
    const caText = ca && textOf(ca.target, ca.ref.key);
    const caFault = caText !== undefined ? caProblem(caText) : undefined;
    if (ca && caFault) {
      reports.push({
        at: [...ca.ref.path, 'key'],
        data: { detail: `The CA \`${ca.ref.key}\` of ${nameOf(ca.target, index)} is not a PEM certificate (${caFault}): the operator rejects the ${object.kind}. Point \`ca\` at the key that holds the CA certificate (\`-----BEGIN CERTIFICATE-----\`), often \`ca.crt\`.` },
        related: [related(ca.target, context, `the referenced ${ca.ref.kind}`)],
      });
    }
    const certText = cert && textOf(cert.target, cert.ref.key);
    const keyText = key && textOf(key.target, key.ref.key);
    const pairFault = certText !== undefined && keyText !== undefined ? keyPairProblem(certText, keyText) : undefined;
    if (cert && key && pairFault) {
      reports.push({
        at: [...cert.ref.path, 'key'],
        data: { detail: `The client certificate \`${cert.ref.key}\` of ${nameOf(cert.target, index)} and the key \`${key.ref.key}\` of ${nameOf(key.target, index)} are not a key pair (${pairFault}): the operator rejects the ${object.kind}. Point \`cert\` at the certificate (often \`tls.crt\`) and \`keySecret\` at its private key (often \`tls.key\`).` },
        related: [related(cert.target, context, `the referenced ${cert.ref.kind}`)],
      });
    }
  }
  return reports;
};
