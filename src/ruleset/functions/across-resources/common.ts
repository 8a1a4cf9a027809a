// Shared by the across-resources checks: naming another object in a message, and pointing at it.
import type { ManifestObject } from '../../../k8s/objects.js';
import type { LabelSelector } from '../../../k8s/selectors.js';
import type { Reach } from '../../relations.js';
import type { CheckContext, CheckReport, ObjectIndex } from '../../types.js';

/** `Service \`app/my-app\` (k8s/app.yaml:4)` */
export function nameOf(object: ManifestObject, index: ObjectIndex): string {
  const place = index.placeOf(object);
  return `${object.kind} \`${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name ?? '(unnamed)'}\` (${place.file}:${place.line})`;
}

export function related(object: ManifestObject, context: CheckContext, message: string): NonNullable<CheckReport['related']>[number] {
  return { place: context.index.placeOf(object), message };
}

/** `app: my-app, tier: web` */
export function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? 'no labels' : entries.map(([k, v]) => `\`${k}: ${v}\``).join(', ');
}

/** A selector as people write it: `release: kps`, `app in (a, b)`. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}: ${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(', ')})`);
  }
  return parts.length === 0 ? 'everything' : `\`${parts.join(', ')}\``;
}

export function formatReach(reach: Reach): string {
  if (reach === 'any') return 'any namespace';
  const names = reach.map((n) => (n === undefined ? 'its own namespace' : `\`${n}\``));
  return names.length === 1 ? (reach[0] === undefined ? names[0] : `namespace ${names[0]}`) : `namespaces ${names.join(', ')}`;
}

/** A monitor's kind in the plural, as Prometheus fields name it. */
export function plural(kind: string): string {
  return kind === 'Probe' ? 'Probes' : `${kind}s`;
}
