// The index of every object of a run, built once: by kind, by label, with each object's place in
// its file, and a per-run cache for what checks compute about an object (the Services a monitor
// selects, say) so that several rules and endpoints do not compute it again.
import type { ManifestObject, UnitInfo } from '../k8s/objects.js';
import { anchorRange, locate, type Path } from '../yaml/nodes.js';
import type { SourceText } from '../yaml/source.js';
import type { ObjectIndex, Place } from '../ruleset/types.js';

export function buildIndex(objects: readonly ManifestObject[], sources: ReadonlyMap<string, SourceText>, unit?: UnitInfo): ObjectIndex {
  const byKind = new Map<string, ManifestObject[]>();
  const byLabel = new Map<string, ManifestObject[]>();
  for (const object of objects) {
    const list = byKind.get(object.kind) ?? [];
    list.push(object);
    byKind.set(object.kind, list);
    for (const [key, value] of Object.entries(object.labels)) {
      const labelKey = `${object.kind}\0${key}\0${value}`;
      const labelled = byLabel.get(labelKey) ?? [];
      labelled.push(object);
      byLabel.set(labelKey, labelled);
    }
  }
  const cache = new WeakMap<ManifestObject, Map<string, unknown>>();
  return {
    objects,
    unit,
    ofKind: (kind) => byKind.get(kind) ?? [],
    withLabel: (kind, key, value) => byLabel.get(`${kind}\0${key}\0${value}`) ?? [],
    placeOf(object: ManifestObject, path: Path = []): Place {
      const source = sources.get(object.file);
      const found = locate(object.root, path) ?? locate(object.root, []);
      const range = found ? anchorRange(found) : [0, 0];
      const start = source ? source.position(range[0]) : { line: 1, column: 1 };
      const end = source ? source.position(range[1]) : start;
      return { file: object.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    },
    memo<T>(object: ManifestObject, key: string, compute: () => T): T {
      let entries = cache.get(object);
      if (!entries) cache.set(object, (entries = new Map()));
      if (!entries.has(key)) entries.set(key, compute());
      return entries.get(key) as T;
    },
  };
}
