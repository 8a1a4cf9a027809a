// probe-prober-url (targets): a Probe needs `targets.staticConfig` or `targets.ingress`, or the
// operator rejects it. Kustomize patches hold partial objects and are left alone.
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction } from '../../types.js';

export const probeTargets: CheckFunction = ({ object, value }) => {
  if (!isObject(value)) return [];
  if (object.partial) return [];
  const targets = value.targets;
  if (isObject(targets) && (isObject(targets.staticConfig) || isObject(targets.ingress))) return [];
  return [{ at: isObject(targets) || 'targets' in value ? ['targets'] : [], atKey: true }];
};

/** probe-prober-url (prober): a Probe without `prober` has no prober URL, which validateProberURL refuses. */
export const probeProberMissing: CheckFunction = ({ object, value }) => {
  if (!isObject(value) || object.partial) return [];
  return value.prober === undefined || value.prober === null ? [{ at: 'prober' in value ? ['prober'] : [], atKey: true }] : [];
};
