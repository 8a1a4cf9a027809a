// duplicate-object: the same kind, namespace and name twice in one unit. Applied together, the
// one applied last silently replaces the other (kustomize refuses to build it). Namespaces are
// as the unit applies them; two objects without one are in the same. The later one is reported.
// Only where the objects are certainly applied together: a kustomization's closure, a stream, a
// folder the configuration calls a unit, or one file. The files of a plain folder may be
// alternatives (examples, versions of one object), so across them the rule stands down.
// Objects of an OpenShift Template are left out: each processing may give them other names.
import { sameNamespace } from '../../../k8s/selection.js';
import type { ManifestObject } from '../../../k8s/objects.js';
import type { CheckFunction, ObjectIndex } from '../../types.js';
import { nameOf, related } from './common.js';

const positions = new WeakMap<ObjectIndex, Map<ManifestObject, number>>();

function positionIn(index: ObjectIndex, object: ManifestObject): number {
  let map = positions.get(index);
  if (!map) positions.set(index, (map = new Map(index.objects.map((o, i) => [o, i]))));
  return map.get(object) ?? -1;
}

export const duplicateObject: CheckFunction = (context) => {
  const { object, index } = context;
  if (object.name === undefined || object.inTemplate || object.partial) return [];
  const at = positionIn(index, object);
  const sameFile = index.unit === undefined || index.unit.kind === 'folder';
  const first = index
    .ofKind(object.kind)
    .find(
      (o) =>
        o !== object &&
        (!sameFile || o.file === object.file) &&
        o.group === object.group &&
        o.name === object.name &&
        !o.inTemplate &&
        sameNamespace(o.namespace, object.namespace) === true &&
        positionIn(index, o) < at,
    );
  if (!first) return [];
  const kustomized = index.unit?.kind === 'kustomization';
  return [
    {
      at: ['metadata', 'name'],
      data: {
        other: nameOf(first, index),
        consequence: kustomized ? 'kustomize refuses to build it ("may not add resource with an already registered id")' : 'the one applied last silently replaces the other',
      },
      related: [related(first, context, `the other ${object.kind} of that name`)],
    },
  ];
};
