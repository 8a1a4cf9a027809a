// selector-wrong-shape (a monitor's namespaceSelector written as a label selector, a Prometheus
// namespace selector written as a monitor's) and label-key-typo (near misses of well-known label
// keys in selectors).
import { NEWEST_MINOR, releaseHasField, releaseHasKind } from '../../../k8s/operator-releases.js';
import { describe, isObject, type ManifestObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport, FixOp, ObjectIndex } from '../../types.js';
import { editDistance, show } from './common.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';

const isNames = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '');

/** The namespace names a label selector pins by `kubernetes.io/metadata.name`, if that is all it says. */
function namesOf(selector: Record<string, unknown>): string[] | undefined {
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  if (labels !== undefined && expressions !== undefined) return undefined;
  if (isObject(labels)) {
    const keys = Object.keys(labels);
    return keys.length === 1 && keys[0] === NAME_LABEL && typeof labels[NAME_LABEL] === 'string' ? [labels[NAME_LABEL] as string] : undefined;
  }
  if (Array.isArray(expressions) && expressions.length === 1 && isObject(expressions[0])) {
    const { key, operator, values } = expressions[0];
    return key === NAME_LABEL && operator === 'In' && isNames(values) ? values : undefined;
  }
  return undefined;
}

/** A monitor's `namespaceSelector` (any, matchNames) with label-selector fields, which the API server drops. */
export const monitorNamespaceSelectorShape: CheckFunction = ({ value, object }) => {
  if (!isObject(value)) return [];
  const wrong = ['matchLabels', 'matchExpressions'].filter((k) => value[k] !== undefined);
  if (wrong.length === 0) return [];
  const names = value.matchNames === undefined && value.any === undefined ? namesOf(value) : undefined;
  const field = wrong[0];
  let advice: string;
  let fix: FixOp[] | undefined;
  if (names) {
    advice = `Write \`matchNames: [${names.join(', ')}]\`.`;
    fix = [{ rename: { [field]: 'matchNames' } }, { set: { matchNames: names } }];
  } else if (value.any === true) {
    advice = `\`any: true\` already selects every namespace; remove \`${field}\`, or list the namespaces in \`matchNames\` instead of \`any\`.`;
  } else {
    advice = 'List the namespaces by name in `matchNames` (or `any: true` for all), and select the targets by label in `selector`.';
  }
  const left = isNames(value.matchNames) ? 'its `matchNames`' : value.any === true ? '`any: true`' : "the monitor's own namespace only";
  return [{ at: [field], atKey: true, data: { field, kind: object.kind, left, advice }, fix }];
};

/** A Prometheus `*NamespaceSelector` (a label selector over Namespaces) with `matchNames`, which the API server drops. */
/** Whether the spec of `kind` has the field (a PrometheusAgent has no ruleSelector: it is pruned, crd-schema's business). */
function specHas(kind: string, field: string): boolean {
  return !releaseHasKind(kind, NEWEST_MINOR) || releaseHasField(kind, ['spec'], field, NEWEST_MINOR);
}

/** Whether the checked value is one of the selector fields the options name, on a kind that has it. */
export function isNamedField(object: ManifestObject, path: readonly (string | number)[], options: unknown): boolean {
  const field = String(path[path.length - 1]);
  const fields = ((options ?? {}) as { fields?: string[] }).fields;
  return (!fields || fields.includes(field)) && specHas(object.kind, field);
}

export const prometheusNamespaceSelectorShape: CheckFunction = ({ value, object, path, options }) => {
  const selectorField = String(path[path.length - 1]);
  if (!isNamedField(object, path, options)) return [];
  if (!isObject(value) || value.matchNames === undefined) return [];
  const others = ['matchLabels', 'matchExpressions'].filter((k) => value[k] !== undefined);
  const names = isNames(value.matchNames) ? value.matchNames : undefined;
  let advice: string;
  let fix: FixOp[] | undefined;
  if (names && others.length === 0) {
    if (names.length === 1) {
      advice = `Select the namespace by its name label: \`matchLabels: {${NAME_LABEL}: ${names[0]}}\`.`;
      fix = [{ rename: { matchNames: 'matchLabels' } }, { set: { matchLabels: { [NAME_LABEL]: names[0] } } }];
    } else {
      advice = `Select the namespaces by their name label: \`matchExpressions: [{key: ${NAME_LABEL}, operator: In, values: [${names.join(', ')}]}]\`.`;
      fix = [{ rename: { matchNames: 'matchExpressions' } }, { set: { matchExpressions: [{ key: NAME_LABEL, operator: 'In', values: names }] } }];
    }
  } else {
    advice = `Select namespaces by label, by name with the \`${NAME_LABEL}\` label (\`matchLabels\` or \`matchExpressions\` with \`In\`).`;
  }
  const left = others.length > 0 ? `what its ${others.map((k) => `\`${k}\``).join(' and ')} select${others.length > 1 ? '' : 's'}` : 'an empty selector `{}`, which selects EVERY namespace';
  return [{ at: ['matchNames'], atKey: true, data: { selectorField, left, advice }, fix }];
};

// ---------------------------------------------------------------------------------------------

/** Label keys that selectors use all the time; a key one or two edits away from one is a typo. */
export const WELL_KNOWN_LABEL_KEYS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'kubernetes.io/metadata.name',
  'helm.sh/chart',
  'k8s-app',
  'release',
  'component',
  'heritage',
  'prometheus',
  'environment',
  'control-plane',
  // Short keys: too many real keys are one or two edits away from these to call them typos.
  'app',
  'team',
  'tier',
  'name',
  'role',
];

/** How many edits a key may be away from a well-known one to count as a typo of it. */
function tolerance(known: string): number {
  if (known.length < 6) return 0;
  return known.length < 10 ? 1 : 2;
}

/** The well-known key `key` is a typo of, if exactly one is close enough. */
export function typoOf(key: string): string | undefined {
  if (WELL_KNOWN_LABEL_KEYS.includes(key)) return undefined;
  const close = WELL_KNOWN_LABEL_KEYS.map((k) => [k, editDistance(key, k)] as const).filter(([k, d]) => d > 0 && d <= tolerance(k));
  if (close.length === 0) return undefined;
  const best = Math.min(...close.map(([, d]) => d));
  const winners = close.filter(([, d]) => d === best);
  return winners.length === 1 ? winners[0][0] : undefined;
}

/** Every label key some object of the input carries (metadata and pod templates): those are real keys, not typos. */
const keysCache = new WeakMap<ObjectIndex, Set<string>>();
function labelKeysInInput(index: ObjectIndex): Set<string> {
  let keys = keysCache.get(index);
  if (keys) return keys;
  keys = new Set<string>();
  const add = (labels: unknown) => {
    if (isObject(labels)) for (const key of Object.keys(labels)) keys!.add(key);
  };
  for (const object of index.objects) {
    add(object.value.metadata && isObject(object.value.metadata) ? object.value.metadata.labels : undefined);
    const spec = object.value.spec;
    if (isObject(spec)) {
      const template = isObject(spec.template) ? spec.template : isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) && isObject(spec.jobTemplate.spec.template) ? spec.jobTemplate.spec.template : undefined;
      if (template && isObject(template.metadata)) add(template.metadata.labels);
    }
  }
  keysCache.set(index, keys);
  return keys;
}

export function describeSelector(object: ManifestObject, path: readonly (string | number)[]): string {
  return `the \`${path.filter((s) => s !== 'spec').join('.')}\` of ${describe(object)}`;
}

export const labelKeyTypo: CheckFunction = ({ value, object, index, path, options }) => {
  if (!isObject(value) || (options !== undefined && !isNamedField(object, path, options))) return [];
  const real = labelKeysInInput(index);
  const reports: CheckReport[] = [];
  const where = describeSelector(object, path);
  const labels = value.matchLabels;
  if (isObject(labels)) {
    for (const key of Object.keys(labels)) {
      const meant = real.has(key) ? undefined : typoOf(key);
      if (!meant) continue;
      // Objects may carry the misspelt label on purpose (or by the same mistake): a suggestion.
      const suggest = Object.prototype.hasOwnProperty.call(labels, meant) ? undefined : [{ desc: `select \`${meant}\``, ops: [{ in: ['matchLabels'], rename: { [key]: meant } }] }];
      reports.push({ at: ['matchLabels', key], atKey: true, data: { label: show(key), meant, where }, suggest });
    }
  }
  if (Array.isArray(value.matchExpressions)) {
    value.matchExpressions.forEach((expression, i) => {
      if (!isObject(expression) || typeof expression.key !== 'string') return;
      const meant = real.has(expression.key) ? undefined : typoOf(expression.key);
      if (!meant) return;
      reports.push({ at: ['matchExpressions', i, 'key'], data: { label: show(expression.key), meant, where }, suggest: [{ desc: `select \`${meant}\``, ops: [{ in: ['matchExpressions', i], set: { key: meant } }] }] });
    });
  }
  return reports;
};
