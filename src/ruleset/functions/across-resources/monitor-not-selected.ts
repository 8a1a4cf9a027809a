// monitor-not-selected: Prometheus objects are in the input (or the user named the selector) and
// none selects the monitor, by labels and by namespace.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { asSelector, selects, type LabelSelector } from '../../../k8s/selectors.js';
import { SELECTOR_FIELDS } from '../../../k8s/selection.js';
import { namespacesOf, selectionsOf } from '../../relations.js';
import type { CheckFunction, CheckReport, FixOp } from '../../types.js';
import { formatLabels, formatSelector, nameOf, plural, related } from './common.js';

/** The matchLabels entries the monitor lacks, when matchLabels alone decide. */
function missingLabels(selector: LabelSelector, labels: Record<string, string>): Record<string, string> | undefined {
  if ((selector.matchExpressions ?? []).length > 0) return undefined;
  const missing = Object.fromEntries(Object.entries(selector.matchLabels ?? {}).filter(([k, v]) => labels[k] !== v));
  return Object.keys(missing).length > 0 ? missing : undefined;
}

function labelFix(monitor: ManifestObject, missing: Record<string, string>): FixOp[] {
  const metadata = monitor.value.metadata;
  if (isObject(metadata) && isObject(metadata.labels)) return [{ in: ['metadata', 'labels'], set: missing }];
  return [{ in: ['metadata'], add: { labels: missing } }];
}

function at(monitor: ManifestObject): (string | number)[] {
  const metadata = monitor.value.metadata;
  return isObject(metadata) && isObject(metadata.labels) ? ['metadata', 'labels'] : ['metadata'];
}

export const monitorNotSelected: CheckFunction = (context) => {
  const { object, index, settings } = context;
  const fields = SELECTOR_FIELDS[object.kind];
  if (!fields) return [];
  const selections = selectionsOf(object, index);
  const describeSelf = Object.keys(object.labels).length === 0 ? `this ${object.kind} has no labels` : `this ${object.kind}'s labels are ${formatLabels(object.labels)}`;
  if (selections.length === 0) {
    // No Prometheus in the input: only the selector the user named can judge.
    const named = settings.prometheusSelector;
    if (!named || selects(named, object.labels)) return [];
    const missing = missingLabels(named, object.labels);
    return [
      {
        at: at(object),
        data: { detail: `The Prometheus selects ${plural(object.kind)} with ${formatSelector(named)} (${settings.prometheusSelectorFrom ?? 'the Prometheus selector you configured'}), and ${describeSelf}${missing ? `: add ${formatLabels(missing)}` : ''}.` },
        suggest: missing ? [{ desc: `add ${formatLabels(missing)} to the labels`, ops: labelFix(object, missing) }] : undefined,
      },
    ];
  }
  // A part of the unit the input does not show may hold the Prometheus that selects it.
  if (index.unit?.incomplete || selections.some((s) => s.verdict !== 'not-selected')) return [];
  const reasons = selections.map(({ prometheus, reason }) => {
    const spec = isObject(prometheus.value.spec) ? prometheus.value.spec : {};
    const who = nameOf(prometheus, index);
    if (reason === 'no-selector') return `${who} has no \`${fields.selector}\`, so it selects no ${object.kind} (\`${fields.selector}: {}\` selects all)`;
    if (reason === 'namespace') {
      const nsSelector = spec[fields.namespaceSelector];
      const where = nsSelector === undefined || nsSelector === null ? `only its own namespace \`${prometheus.namespace}\`` : `namespaces matching ${formatSelector(asSelector(nsSelector) ?? {})}`;
      const namespace = namespacesOf(index).find((n) => n.name === object.namespace);
      const itsLabels = namespace ? ` (${nameOf(namespace, index).replace(/`[^`]*\/([^`]*)`/, '`$1`')} has ${formatLabels(namespace.labels)})` : '';
      return `${who} looks for ${plural(object.kind)} in ${where}, and this one is in ${object.namespace === undefined ? 'another' : `\`${object.namespace}\``}${itsLabels}`;
    }
    return `${who} selects ${plural(object.kind)} with ${formatSelector(asSelector(spec[fields.selector]) ?? {})}`;
  });
  const byLabels = selections.filter((s) => s.reason === 'labels');
  let suggest: CheckReport['suggest'];
  let advice = '';
  if (selections.length === 1 && byLabels.length === 1) {
    const spec = byLabels[0].prometheus.value.spec as Record<string, unknown>;
    const missing = missingLabels(asSelector(spec[fields.selector]) ?? {}, object.labels);
    if (missing) {
      suggest = [{ desc: `add ${formatLabels(missing)} to the labels`, ops: labelFix(object, missing) }];
      advice = ` Add ${formatLabels(missing)} to its labels.`;
    }
  }
  const report: CheckReport = {
    at: at(object),
    data: { detail: `No Prometheus in the input selects this ${object.kind}: ${reasons.join('; ')}${byLabels.length > 0 ? `; ${describeSelf}` : ''}.${advice}` },
    suggest,
    related: selections.map((s) => related(s.prometheus, context, `does not select ${object.kind} ${object.name ?? ''}`.trim())),
  };
  return [report];
};

