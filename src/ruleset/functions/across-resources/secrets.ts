// secret-not-found: Secrets and ConfigMaps a monitor references that are not in the input, or
// lack the key. Often fine (secrets are rarely in git), hence info.
import { isObject, touched, type ManifestObject } from '../../../k8s/objects.js';
import { sameNamespace } from '../../../k8s/selection.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { nameOf, related } from './common.js';

/** Keys whose value is a SecretKeySelector ({name, key}). */
const SECRET_KEYS = new Set(['credentials', 'username', 'password', 'bearerTokenSecret', 'clientSecret', 'keySecret']);
/** Keys whose value is a SecretOrConfigMap ({secret: {name, key}} or {configMap: {name, key}}). */
const SECRET_OR_CONFIGMAP = new Set(['ca', 'cert', 'clientId']);

interface Reference {
  path: (string | number)[];
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key: string;
}

function isKeySelector(value: unknown): value is { name: string; key: string } {
  return isObject(value) && typeof value.name === 'string' && value.name !== '' && typeof value.key === 'string';
}

function references(node: unknown, path: (string | number)[], out: Reference[]): void {
  if (Array.isArray(node)) node.forEach((item, i) => references(item, [...path, i], out));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (SECRET_KEYS.has(key) && isKeySelector(value)) out.push({ path: [...path, key], kind: 'Secret', name: value.name, key: value.key });
    else if (SECRET_OR_CONFIGMAP.has(key) && isObject(value)) {
      if (isKeySelector(value.secret)) out.push({ path: [...path, key, 'secret'], kind: 'Secret', name: value.secret.name, key: value.secret.key });
      if (isKeySelector(value.configMap)) out.push({ path: [...path, key, 'configMap'], kind: 'ConfigMap', name: value.configMap.name, key: value.configMap.key });
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

export const secretNotFound: CheckFunction = (context) => {
  const { object, index } = context;
  const found: Reference[] = [];
  references(object.value.spec, ['spec'], found);
  const namespace = object.namespace;
  const reports: CheckReport[] = [];
  // A generator of the unit, or a part of it the input does not show, may make it.
  if (index.unit?.incomplete) return [];
  for (const ref of found) {
    if (index.unit?.generated.has(`${ref.kind}/${ref.name}`)) continue;
    const named = index.ofKind(ref.kind).filter((o) => o.group === '' && o.name === ref.name);
    // One whose namespace the input does not say may be the one.
    if (named.some((o) => sameNamespace(o.namespace, namespace) === undefined || touched(o, []))) continue;
    const target = named.find((o) => sameNamespace(o.namespace, namespace) === true);
    const where = `the ${object.kind}'s namespace${namespace === undefined ? '' : ` \`${namespace}\``}`;
    if (!target) {
      // The same name in another namespace is the usual mistake: the operator reads the monitor's namespace only.
      const elsewhere = named[0];
      reports.push({
        at: [...ref.path, 'name'],
        data: {
          detail: elsewhere
            ? `${ref.kind} \`${ref.name}\` is in the input as ${nameOf(elsewhere, index)}, but the operator reads it from ${where}: create it there.`
            : `${ref.kind} \`${namespace === undefined ? '' : `${namespace}/`}${ref.name}\` is not in the input; the operator rejects the ${object.kind} until it exists in ${namespace === undefined ? where : `namespace \`${namespace}\``} (fine if it is created elsewhere, as Secrets often are).`,
        },
        related: elsewhere ? [related(elsewhere, context, `a ${ref.kind} of that name in another namespace`)] : undefined,
      });
    } else if (!keysOf(target).includes(ref.key)) {
      reports.push({
        at: [...ref.path, 'key'],
        data: { detail: `${nameOf(target, index)} has no key \`${ref.key}\` (it has ${keysOf(target).map((k) => `\`${k}\``).join(', ') || 'none'}); the operator rejects the ${object.kind}.` },
        related: [related(target, context, `the referenced ${ref.kind}`)],
      });
    }
  }
  return reports;
};
