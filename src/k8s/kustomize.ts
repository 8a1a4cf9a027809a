// Kustomize, as far as the rules need it: what a kustomization renders (its resources, bases and
// components, given as files or folders), what it changes in every object it renders (namespace,
// labels, name prefix and suffix), and what its patches touch. A patch file holds a partial
// object, so it is not an object of its own and is not required to be complete.
// Facts: https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
import { parse } from 'yaml';
import { RE2JS } from 're2js';
import { isObject, KUSTOMIZE_GROUP, type ManifestObject } from './objects.js';
import { pointerToPath, type Path } from '../yaml/nodes.js';

/**
 * Joins a relative path to a folder, as file names of the run are written (posix, no `.`).
 * Backslashes are separators, as kustomize on Windows reads `.\\base`.
 */
export function joinPath(dir: string, path: string): string {
  const parts = (dir === '' ? [] : dir.split('/')).concat(path.replace(/\\/g, '/').split('/'));
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Which objects a patch applies to. Undefined fields match anything. */
export interface PatchTarget {
  group?: string;
  kind?: string;
  name?: string;
  /** The target names objects by labels or annotations: any object may be one. */
  bySelector?: boolean;
}

export interface Patch {
  target: PatchTarget;
  /** The paths the patch changes (from the object's root); [[]] when it cannot be known. */
  touches: Path[];
}

export interface Kustomization {
  object: ManifestObject;
  file: string;
  dir: string;
  /** `namespace:`: the namespace of every namespaced object it renders (replacing theirs). */
  namespace?: string;
  /** `commonLabels` and `labels[].pairs`: added to every object's labels. */
  labels: Record<string, string>;
  namePrefix: string;
  nameSuffix: string;
  /** `resources`, `bases` and `components`, as written. */
  entries: string[];
  /** Files listed as patches, resolved against the kustomization's folder. */
  patchFiles: string[];
  patches: Patch[];
  /** Secrets and ConfigMaps its generators make, as `Kind/name`. */
  generated: string[];
  /** It renders objects the input does not show (Helm charts, generator or transformer plugins, remote resources). */
  opaque: boolean;
}

export function isKustomization(object: ManifestObject): boolean {
  return object.group === KUSTOMIZE_GROUP && (object.kind === 'Kustomization' || object.kind === 'Component');
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/.*\?/i;

/** A resource entry that names something outside the repository (a URL, a git repository). */
export function isRemote(entry: string): boolean {
  return REMOTE.test(entry);
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
}

function targetOf(value: unknown): PatchTarget {
  if (!isObject(value)) return {};
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    group: str(value.group),
    kind: str(value.kind),
    name: str(value.name),
    bySelector: str(value.labelSelector) !== undefined || str(value.annotationSelector) !== undefined,
  };
}

/**
 * The paths a strategic-merge patch sets: each key down to a list or a scalar. Lists of custom
 * resources have no merge keys, so a list in the patch replaces the whole list.
 */
function mergePatchPaths(value: unknown, path: (string | number)[] = []): Path[] {
  if (!isObject(value)) return [path];
  const out: Path[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (path.length === 0 && (key === 'apiVersion' || key === 'kind')) continue;
    if (path.length === 1 && path[0] === 'metadata' && (key === 'name' || key === 'namespace')) continue;
    if (key.startsWith('$')) return [path];
    out.push(...mergePatchPaths(child, [...path, key]));
  }
  return out;
}

/** The paths of JSON 6902 operations (`-` appends to the list before it). */
function jsonPatchPaths(ops: unknown): Path[] | undefined {
  if (!Array.isArray(ops)) return undefined;
  const out: Path[] = [];
  for (const op of ops) {
    if (!isObject(op) || typeof op.path !== 'string') return undefined;
    for (const pointer of [op.path, op.from]) {
      if (typeof pointer !== 'string') continue;
      const path = pointerToPath(pointer);
      out.push(path[path.length - 1] === '-' ? path.slice(0, -1) : path);
    }
  }
  return out;
}

/** A patch given by its content (inline, or a patch file's documents). */
function patchFromContent(content: unknown, target: PatchTarget): Patch {
  const json = jsonPatchPaths(content);
  if (json) return { target, touches: json };
  if (isObject(content)) {
    const metadata = isObject(content.metadata) ? content.metadata : {};
    const own: PatchTarget = {
      kind: target.kind ?? (typeof content.kind === 'string' ? content.kind : undefined),
      name: target.name ?? (typeof metadata.name === 'string' ? metadata.name : undefined),
      group: target.group,
      bySelector: target.bySelector,
    };
    return { target: own, touches: mergePatchPaths(content) };
  }
  return { target, touches: [[]] };
}

function parseInline(text: string): unknown[] {
  try {
    return text
      .split(/^---\s*$/m)
      .map((part) => parse(part, { version: '1.1' }) as unknown)
      .filter((v) => v !== null && v !== undefined);
  } catch {
    return [undefined];
  }
}

/**
 * Reads a kustomization. `patchContent(file)` gives the values of a patch file's documents, or
 * undefined when the file is not in the run (its patch may then touch anything).
 */
export function readKustomization(object: ManifestObject, patchContent: (file: string) => unknown[] | undefined): Kustomization {
  const v = object.value;
  const dir = dirOf(object.file);
  const labels = stringMap(v.commonLabels);
  if (Array.isArray(v.labels)) for (const entry of v.labels) if (isObject(entry)) Object.assign(labels, stringMap(entry.pairs));
  const patchFiles: string[] = [];
  const patches: Patch[] = [];
  const fromFile = (path: string, target: PatchTarget) => {
    const file = joinPath(dir, path);
    patchFiles.push(file);
    const content = patchContent(file);
    if (!content) patches.push({ target, touches: [[]] });
    else for (const doc of content) patches.push(patchFromContent(doc, target));
  };
  for (const entry of Array.isArray(v.patchesStrategicMerge) ? v.patchesStrategicMerge : []) {
    if (typeof entry !== 'string') continue;
    if (entry.includes('\n')) for (const doc of parseInline(entry)) patches.push(patchFromContent(doc, {}));
    else fromFile(entry, {});
  }
  for (const list of [v.patches, v.patchesJson6902]) {
    for (const entry of Array.isArray(list) ? list : []) {
      if (!isObject(entry)) continue;
      const target = targetOf(entry.target);
      if (typeof entry.path === 'string' && entry.path !== '') fromFile(entry.path, target);
      else if (typeof entry.patch === 'string') for (const doc of parseInline(entry.patch)) patches.push(patchFromContent(doc, target));
    }
  }
  // Replacements and variables copy values into fields of any object.
  if ((Array.isArray(v.replacements) && v.replacements.length > 0) || (Array.isArray(v.vars) && v.vars.length > 0)) {
    patches.push({ target: { bySelector: true }, touches: [[]] });
  }
  const generated: string[] = [];
  for (const [field, kind] of [['secretGenerator', 'Secret'], ['configMapGenerator', 'ConfigMap']] as const) {
    for (const entry of Array.isArray(v[field]) ? v[field] : []) if (isObject(entry) && typeof entry.name === 'string') generated.push(`${kind}/${entry.name}`);
  }
  const entries = [...strings(v.resources), ...strings(v.bases), ...strings(v.components)];
  const plugins = ['helmCharts', 'helmChartInflationGenerator', 'generators', 'transformers', 'validators'].some((k) => Array.isArray(v[k]) && v[k].length > 0);
  return {
    object,
    file: object.file,
    dir,
    namespace: typeof v.namespace === 'string' && v.namespace !== '' ? v.namespace : undefined,
    labels,
    namePrefix: typeof v.namePrefix === 'string' ? v.namePrefix : '',
    nameSuffix: typeof v.nameSuffix === 'string' ? v.nameSuffix : '',
    entries,
    patchFiles,
    patches,
    generated,
    opaque: plugins || entries.some(isRemote),
  };
}

const TARGET_NAMES = new Map<string, RE2JS | undefined>();

/**
 * A patch target's name as kustomize reads it: an anchored Go regular expression, which RE2
 * matches in linear time (a JavaScript RegExp can backtrack for minutes on a hostile name).
 * Undefined when it does not compile: kustomize then fails, and the patch applies to nothing.
 */
function targetName(name: string): RE2JS | undefined {
  if (!TARGET_NAMES.has(name)) {
    let compiled: RE2JS | undefined;
    try {
      compiled = RE2JS.compile(`^(?:${name})$`);
    } catch {
      // undefined: it matches nothing
    }
    TARGET_NAMES.set(name, compiled);
  }
  return TARGET_NAMES.get(name);
}

/** Whether a patch target names the object (kind, group and name as kustomize matches them). */
export function targets(target: PatchTarget, object: { group: string; kind: string; name?: string }): boolean {
  if (target.kind && target.kind !== object.kind) return false;
  if (target.group !== undefined && target.group !== object.group) return false;
  if (target.name) {
    if (object.name === undefined) return true;
    if (target.name !== object.name && !targetName(target.name)?.test(object.name)) return false;
  }
  return true;
}
