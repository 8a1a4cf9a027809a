// namespace-not-selected: what the monitor selects lives outside the namespaces it reaches
// (its own by default), or a selecting Prometheus ignores namespace selectors.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { defaultNamespace, namespaceOf, reachOf, selectedBy } from '../../relations.js';
import type { CheckContext, CheckReport, FixOp } from '../../types.js';
import { formatReach, nameOf, related } from './common.js';

/**
 * The finding for a monitor whose selector matches only `outside` objects (Services, or the
 * workloads whose pods it selects: `podsOf`). The check runs on `spec`.
 */
export function namespaceNotSelected(context: CheckContext, inside: readonly ManifestObject[], outside: readonly ManifestObject[], podsOf = false): CheckReport[] {
  const { object, index, settings } = context;
  if (inside.length > 0 || outside.length === 0) return [];
  const ns = defaultNamespace(settings);
  const namespaces = [...new Set(outside.map((o) => namespaceOf(o, ns)))];
  const named = `${podsOf ? 'the pods of ' : ''}${outside.slice(0, 3).map((o) => nameOf(o, index, settings)).join(', ')}`;
  const spec = isObject(object.value.spec) ? object.value.spec : {};
  const selector = spec.namespaceSelector;
  const at = isObject(selector) ? ['namespaceSelector'] : [];
  const others = outside.slice(0, 3).map((o) => related(o, context, `a selected ${podsOf ? 'workload' : 'Service'} in another namespace`));
  const ignoring = selectedBy(object, index, settings).find((p) => isObject(p.value.spec) && p.value.spec.ignoreNamespaceSelectors === true);
  if (ignoring) {
    return [
      {
        at,
        data: {
          detail: `This ${object.kind} selects ${named} in ${namespaces.map((n) => `\`${n}\``).join(', ')}, but ${nameOf(ignoring, index, settings)} sets \`ignoreNamespaceSelectors: true\`, so monitors only discover targets in their own namespace (\`${namespaceOf(object, ns)}\`). Move the ${object.kind} into \`${namespaces[0]}\`.`,
        },
        related: [related(ignoring, context, 'ignores namespace selectors'), ...others],
      },
    ];
  }
  const list = namespaces.map((n) => `\`${n}\``).join(', ');
  let fix: FixOp[] | undefined;
  let advice: string;
  if (!isObject(selector)) {
    fix = [{ add: { namespaceSelector: { matchNames: namespaces } } }];
    advice = `Add \`namespaceSelector: {matchNames: [${namespaces.join(', ')}]}\`.`;
  } else {
    fix = namespaces.map((n) => ({ in: ['namespaceSelector'], append: { matchNames: n } }));
    advice = `Add ${list} to \`namespaceSelector.matchNames\`.`;
  }
  const reach = reachOf(object, index, settings);
  return [
    {
      at,
      data: {
        detail: `This ${object.kind}'s selector matches ${named}, outside ${formatReach(reach)} that it looks in${isObject(selector) ? '' : ' (its own, as it has no namespaceSelector)'}, so it has no targets. ${advice}`,
      },
      fix,
      related: others,
    },
  ];
}
