// namespace-not-selected: what the monitor selects lives outside the namespaces it reaches
// (its own by default), or a selecting Prometheus ignores namespace selectors.
import { isObject, type ManifestObject } from '../../../k8s/objects.js';
import { reachOf, selectedBy, type Matched } from '../../relations.js';
import type { CheckContext, CheckReport, FixOp } from '../../types.js';
import { formatReach, nameOf, related } from './common.js';

/**
 * The finding for a monitor whose selector matches only objects certainly outside its reach
 * (Services, or the workloads whose pods it selects: `podsOf`). The check runs on `spec`.
 */
export function namespaceNotSelected(context: CheckContext, { inside, maybe, outside }: Matched, podsOf = false): CheckReport[] {
  const { object, index } = context;
  if (inside.length > 0 || maybe.length > 0 || outside.length === 0) return [];
  const namespaces = [...new Set(outside.map((o) => o.namespace).filter((n): n is string => n !== undefined))];
  if (namespaces.length === 0) return [];
  // A kustomization that moves an object out of the namespace its file names explains the miss.
  const moved = (o: ManifestObject) => (o.movedFrom ? ` (its file says \`${o.movedFrom.namespace}\`; ${o.movedFrom.by} moves it)` : '');
  const named = `${podsOf ? 'the pods of ' : ''}${outside.slice(0, 3).map((o: ManifestObject) => `${nameOf(o, index)}${moved(o)}`).join(', ')}`;
  const spec = isObject(object.value.spec) ? object.value.spec : {};
  const selector = spec.namespaceSelector;
  const at = isObject(selector) ? ['namespaceSelector'] : [];
  const others = outside.slice(0, 3).map((o) => related(o, context, `a selected ${podsOf ? 'workload' : 'Service'} in another namespace`));
  const ignoring = selectedBy(object, index).find((p) => isObject(p.value.spec) && p.value.spec.ignoreNamespaceSelectors === true);
  const list = namespaces.map((n) => `\`${n}\``).join(', ');
  if (ignoring) {
    if (object.namespace === undefined) return [];
    return [
      {
        at,
        data: {
          detail: `This ${object.kind} selects ${named} in ${list}, but ${nameOf(ignoring, index)} sets \`ignoreNamespaceSelectors: true\`, so monitors only discover targets in their own namespace (\`${object.namespace}\`). Move the ${object.kind} into \`${namespaces[0]}\`.`,
        },
        related: [related(ignoring, context, 'ignores namespace selectors'), ...others],
      },
    ];
  }
  let ops: FixOp[];
  let advice: string;
  if (!isObject(selector)) {
    ops = [{ add: { namespaceSelector: { matchNames: namespaces } } }];
    advice = `Add \`namespaceSelector: {matchNames: [${namespaces.join(', ')}]}\`.`;
  } else {
    ops = namespaces.map((n) => ({ in: ['namespaceSelector'], append: { matchNames: n } }));
    advice = `Add ${list} to \`namespaceSelector.matchNames\`.`;
  }
  const reach = reachOf(object, index);
  return [
    {
      at,
      data: {
        detail: `This ${object.kind}'s selector matches ${named}, outside ${formatReach(reach)} that it looks in${isObject(selector) ? '' : ' (its own, as it has no namespaceSelector)'}, so it has no targets. ${advice}`,
      },
      // More namespaces mean more targets, which could be more than the ones meant: a suggestion.
      suggest: [{ desc: `look in ${list} too`, ops }],
      related: others,
    },
  ];
}
