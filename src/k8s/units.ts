// Units: the objects that are applied together, the only ones the rules may compare. A finding
// about two objects must hold wherever they could be applied, so objects that are never applied
// together (independent examples in sibling folders, two overlays of one base) never meet.
//
//   - A kustomization that no other kustomization of the run includes is a unit: every file it
//     renders, through resources, bases and components (files or folders), with the namespace,
//     labels and name prefix it and the kustomizations in between set. A base included by two
//     overlays is in both units, with each overlay's namespace.
//   - One stream on standard input (`helm template ... | scrapelint -`) is a unit.
//   - Every other file is in the unit of its folder: the files directly in one folder; or, for
//     folders the user says are applied as a whole (`units:` in the configuration, as
//     `kubectl apply -R -f <folder>` applies them), that folder and every folder below it.
//
// A unit is incomplete when it renders something the input does not show (a remote base, a
// resource outside the run, a Helm chart or plugin): rules that need to see everything stand down.
import type { Node } from 'yaml';
import type { ParsedDocument } from '../yaml/parse.js';
import type { Path } from '../yaml/nodes.js';
import type { JsonObject, ManifestObject, UnitInfo } from './objects.js';
import { isKustomizationFile, isObject, KUSTOMIZATION_NAMES } from './identity.js';
import { dirOf, isKustomization, isRemote, joinPath, readKustomization, targets, type Kustomization, type Patch } from './kustomize.js';

/** What the kustomizations between a unit's root and a file change in the file's objects. */
export interface Layer {
  /** The namespace the outermost kustomization that sets one gives every namespaced object. */
  namespace?: string;
  /** That kustomization's file. */
  namespaceBy?: string;
  labels: Record<string, string>;
  namePrefix: string;
  nameSuffix: string;
  patches: Patch[];
}

export interface Unit {
  /** For messages: `the kustomization overlays/prod`, `folder deploy/apps`, `standard input`. */
  name: string;
  kind: UnitInfo['kind'];
  files: Map<string, Layer>;
  incomplete: boolean;
  /** Secrets and ConfigMaps its generators make (`Kind/name`). */
  generated: Set<string>;
}

export interface UnitInput {
  file: string;
  /** One rendered stream (standard input): a unit of its own. */
  stream?: boolean;
}

export interface Units {
  units: Unit[];
  /**
   * Files of partial objects, in no unit: those the run's kustomizations list as patches, and the
   * assertions of end-to-end tests (kuttl's and chainsaw's `NN-assert.yaml`, `NN-errors.yaml`,
   * and the files a chainsaw test asserts), which are matched against a cluster, never applied.
   */
  partialFiles: Set<string>;
}

const ASSERTION_FILE = /(^|\/)(\d+-(assert|errors?)([-_.][\w.-]*)?|(chainsaw-)?(assert|errors?))\.ya?ml$/;

/** A test's assertion file, by kuttl's and chainsaw's naming conventions. */
export function isAssertionFile(file: string): boolean {
  return ASSERTION_FILE.test(file);
}

/** The files a chainsaw Test (chainsaw.kyverno.io) asserts or expects errors from. */
function chainsawAssertions(test: ManifestObject): string[] {
  const spec = test.value.spec;
  const files: string[] = [];
  for (const step of isObject(spec) && Array.isArray(spec.steps) ? spec.steps : []) {
    if (!isObject(step)) continue;
    for (const list of [step.try, step.catch, step.finally]) {
      for (const op of Array.isArray(list) ? list : []) {
        for (const kind of ['assert', 'error']) {
          const target = isObject(op) ? op[kind] : undefined;
          const file = isObject(target) ? target.file : undefined;
          if (typeof file === 'string' && file !== '' && !file.includes('*')) files.push(joinPath(dirOf(test.file), file));
        }
      }
    }
  }
  return files;
}

/** A file no kustomization changes. */
export const NO_LAYER: Layer = { labels: {}, namePrefix: '', nameSuffix: '', patches: [] };

/** Whether `file` lies in folder `dir` or below it (`''` is every file of the run). */
function under(file: string, dir: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/**
 * Sorts the run's files into units. `objectsOf(file)` gives a file's objects (for patch files'
 * content); `trees` are folders applied as a whole (file names as the run writes them).
 */
export function buildUnits(files: readonly UnitInput[], objectsOf: (file: string) => readonly ManifestObject[], trees: readonly string[] = []): Units {
  const roots = trees.map((t) => joinPath('', t)).sort((a, b) => b.length - a.length);
  const names = new Set(files.map((f) => f.file));
  const kustomizations = new Map<string, Kustomization>();
  for (const { file } of files) {
    if (!isKustomizationFile(file)) continue;
    const object = objectsOf(file).find(isKustomization);
    if (object) kustomizations.set(file, readKustomization(object, (patch) => (names.has(patch) ? objectsOf(patch).map((o) => o.value) : undefined)));
  }
  const inFolder = (dir: string) => KUSTOMIZATION_NAMES.map((n) => kustomizations.get(joinPath(dir, n))).find((k) => k !== undefined);
  type Resolved = { file: string } | { kustomization: Kustomization } | { missing: true };
  const resolve = (k: Kustomization, entry: string): Resolved => {
    if (isRemote(entry)) return { missing: true };
    const path = joinPath(k.dir, entry);
    const there = kustomizations.get(path) ?? inFolder(path);
    if (there) return { kustomization: there };
    return names.has(path) ? { file: path } : { missing: true };
  };
  const included = new Set<Kustomization>();
  for (const k of kustomizations.values()) {
    for (const entry of k.entries) {
      const r = resolve(k, entry);
      if ('kustomization' in r && r.kustomization !== k) included.add(r.kustomization);
    }
  }
  const partialFiles = new Set([...kustomizations.values()].flatMap((k) => k.patchFiles));
  for (const { file } of files) {
    if (isAssertionFile(file)) partialFiles.add(file);
    for (const object of objectsOf(file)) if (object.group === 'chainsaw.kyverno.io' && object.kind === 'Test') for (const f of chainsawAssertions(object)) if (names.has(f)) partialFiles.add(f);
  }
  const units: Unit[] = [];
  const claimed = new Set<string>([...kustomizations.keys(), ...partialFiles]);
  for (const root of kustomizations.values()) {
    if (included.has(root)) continue;
    const unit: Unit = { name: `the kustomization ${root.dir || '.'}`, kind: 'kustomization', files: new Map(), incomplete: false, generated: new Set() };
    const visit = (k: Kustomization, outer: Layer, path: Set<Kustomization>) => {
      if (path.has(k)) return;
      const layer: Layer = {
        namespace: outer.namespace ?? k.namespace,
        namespaceBy: outer.namespace !== undefined ? outer.namespaceBy : k.namespace !== undefined ? k.file : undefined,
        labels: { ...k.labels, ...outer.labels },
        namePrefix: outer.namePrefix + k.namePrefix,
        nameSuffix: k.nameSuffix + outer.nameSuffix,
        patches: [...outer.patches, ...k.patches],
      };
      if (k.opaque) unit.incomplete = true;
      for (const name of k.generated) unit.generated.add(name);
      const inner = new Set(path).add(k);
      for (const entry of k.entries) {
        const r = resolve(k, entry);
        if ('missing' in r) unit.incomplete = true;
        else if ('kustomization' in r) visit(r.kustomization, layer, inner);
        else if (!unit.files.has(r.file) && !partialFiles.has(r.file)) {
          unit.files.set(r.file, layer);
          claimed.add(r.file);
        }
      }
    };
    visit(root, NO_LAYER, new Set());
    units.push(unit);
  }
  const folders = new Map<string, Unit>();
  for (const { file, stream } of files) {
    if (claimed.has(file)) continue;
    if (stream) {
      units.push({ name: 'standard input', kind: 'stream', files: new Map([[file, NO_LAYER]]), incomplete: false, generated: new Set() });
      continue;
    }
    const tree = roots.find((root) => under(file, root));
    const dir = tree ?? dirOf(file);
    let unit = folders.get(dir);
    if (!unit) {
      const name = tree === undefined ? `folder ${dir || '.'}` : `the folder ${dir || '.'} and those below it`;
      unit = { name, kind: tree === undefined ? 'folder' : 'tree', files: new Map(), incomplete: false, generated: new Set() };
      folders.set(dir, unit);
      units.push(unit);
    }
    unit.files.set(file, NO_LAYER);
  }
  return { units, partialFiles };
}

/** Kinds without a namespace: kustomize's `namespace:` leaves them alone. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'Node']);

/**
 * An object as its unit applies it: the namespace a kustomization gives it (or its own, or the
 * run's `--namespace`; undefined when nothing says), the labels kustomizations add, the name
 * prefix and suffix, and the paths patches change. Everything else is the object read.
 */
export class PlacedObject implements ManifestObject {
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  readonly name?: string;
  readonly touched?: readonly Path[];
  /** The namespace the object's own file gives it, when a kustomization replaces it with another. */
  readonly movedFrom?: { namespace: string; by: string };

  constructor(
    readonly base: ManifestObject,
    readonly unit: Unit,
    layer: Layer,
    defaultNamespace: string | undefined,
    readonly partial = false,
  ) {
    const clusterScoped = CLUSTER_SCOPED.has(base.kind) && base.group === '';
    this.namespace = clusterScoped ? undefined : (layer.namespace ?? base.namespace ?? defaultNamespace);
    if (!clusterScoped && layer.namespace && base.namespace && layer.namespace !== base.namespace) this.movedFrom = { namespace: base.namespace, by: layer.namespaceBy ?? 'a kustomization' };
    this.labels = Object.keys(layer.labels).length > 0 ? { ...base.labels, ...layer.labels } : base.labels;
    this.name = base.name !== undefined && base.kind !== 'Namespace' ? `${layer.namePrefix}${base.name}${layer.nameSuffix}` : base.name;
    const touched = layer.patches.filter((p) => targets(p.target, base)).flatMap((p) => p.touches);
    if (touched.length > 0) this.touched = touched;
  }

  get file(): string {
    return this.base.file;
  }
  get apiVersion(): string {
    return this.base.apiVersion;
  }
  get group(): string {
    return this.base.group;
  }
  get kind(): string {
    return this.base.kind;
  }
  get basePath(): Path {
    return this.base.basePath;
  }
  get range(): [number, number] {
    return this.base.range;
  }
  get value(): JsonObject {
    return this.base.value;
  }
  get document(): ParsedDocument | undefined {
    return this.base.document;
  }
  get root(): Node | undefined {
    return this.base.root;
  }
  get inTemplate(): boolean | undefined {
    return this.base.inTemplate;
  }
}
