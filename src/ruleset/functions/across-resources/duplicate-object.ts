// duplicate-object: the same kind, namespace and name twice in one unit. Applied together, the
// one applied last silently replaces the other (kustomize refuses to build it). Namespaces are
// as the unit applies them; two objects without one are in the same. The later one is reported.
// Only where the objects are certainly applied together: a kustomization's closure, a stream, a
// folder the configuration calls a unit, or one file. The files of a plain folder may be
// alternatives (examples, versions of one object), so across them the rule stands down.
// Objects of an OpenShift Template are left out: each processing may give them other names.
import type { ManifestObject } from '../../../k8s/objects.js';
import type { CheckFunction, ObjectIndex } from '../../types.js';
import { nameOf, related } from './common.js';

/** What makes two objects the same one where they are applied: kind, group, namespace, name (and file). */
const identity = (o: ManifestObject, sameFile: boolean) => JSON.stringify([o.kind, o.group, o.namespace ?? null, o.name, sameFile ? o.file : null]);

/** The first object of each identity in the unit, in the order of its objects (once per index: linear). */
const firsts = new WeakMap<ObjectIndex, Map<string, ManifestObject>>();

function firstOf(index: ObjectIndex, object: ManifestObject, sameFile: boolean): ManifestObject | undefined {
  let map = firsts.get(index);
  if (!map) {
    map = new Map();
    for (const o of index.objects) {
      if (o.name === undefined || o.inTemplate) continue;
      const key = identity(o, sameFile);
      if (!map.has(key)) map.set(key, o);
    }
    firsts.set(index, map);
  }
  return map.get(identity(object, sameFile));
}

export const duplicateObject: CheckFunction = (context) => {
  const { object, index } = context;
  if (object.name === undefined || object.inTemplate || object.partial) return [];
  const sameFile = index.unit === undefined || index.unit.kind === 'folder';
  // sameNamespace is true only for equal namespaces (two unknown ones included): part of the identity.
  const first = firstOf(index, object, sameFile);
  if (first === undefined || first === object) return [];
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
