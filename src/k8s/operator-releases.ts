// The operator's API release by release: which fields the CRDs of each minor release from v0.45
// on have (operator-releases.generated.ts, from the operator's own CRDs). The API server of a
// release prunes, silently, every field its CRD does not have: a `scrapeClass` applied with the
// CRDs of v0.48 just disappears. Releases are named by their minor version (v0.48.1 is 48).
import { OPERATOR_RELEASES } from './operator-releases.generated.js';
import { parseRanges, type FieldConstraints, type FieldNode } from './operator-release-data.js';
import { isObject, type ManifestObject } from './objects.js';

/** Each ranges string parsed once: the walk over every object's fields asks about the same few hundred. */
const parsedRanges = new Map<string, [number, number][]>();
const spansOf = (ranges: string) => {
  let spans = parsedRanges.get(ranges);
  if (!spans) parsedRanges.set(ranges, (spans = parseRanges(ranges)));
  return spans;
};
export const inRanges = (ranges: string, minor: number) => spansOf(ranges).some(([from, to]) => minor >= from && minor <= to);

export const MINORS: readonly number[] = Object.keys(OPERATOR_RELEASES.releases)
  .map(Number)
  .sort((a, b) => a - b);
export const NEWEST_MINOR = MINORS[MINORS.length - 1];

/** The Prometheus version a release configures for a Prometheus that names none (`v2.26.0` for v0.48). */
export const defaultPrometheusVersion = (minor: number): string => OPERATOR_RELEASES.defaultPrometheus[minor];

/** How a release is written in messages: `v0.48`. */
export const releaseName = (minor: number) => `v0.${minor}`;

/** The releases scrapelint knows, for messages: "v0.45 to v0.93". */
export const RELEASE_RANGE = `${releaseName(MINORS[0])} to ${releaseName(NEWEST_MINOR)}`;

/**
 * The minor release a version names (`v0.48.1`, `0.48`, `v0.48`), or an explanation of why it
 * names none scrapelint knows.
 */
export function parseOperatorVersion(text: string): { minor: number } | { error: string } {
  const m = /^v?0\.(\d+)(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) return { error: `"${text}" is not an operator release (write it as v0.48.1 or v0.48)` };
  const minor = Number(m[1]);
  if (!MINORS.includes(minor)) return { error: `${text} is not a release scrapelint knows (${RELEASE_RANGE})` };
  return { minor };
}

/** The releases of each node, resolved through the parents (computed on first use). */
const resolved = new WeakMap<FieldNode, string>();
export const rangesOf = (node: FieldNode, parent: string) => {
  let r = resolved.get(node);
  if (r === undefined) resolved.set(node, (r = node.r ?? parent));
  return r;
};

/** The field `key` of a node's properties (never one of Object's own). */
export const fieldOf = (node: FieldNode, key: string): FieldNode | undefined => (node.p && Object.prototype.hasOwnProperty.call(node.p, key) ? node.p[key] : undefined);

/** A field's constraints in a release (`ranges` its releases). */
export function constraintsIn(node: FieldNode, ranges: string, minor: number): FieldConstraints | undefined {
  if (node.c) return inRanges(ranges, minor) ? node.c : undefined;
  return node.cs?.find(([r]) => inRanges(r, minor))?.[1];
}

/** Whether the node takes fields in the release: some field of it is in the release. */
function structuredIn(node: FieldNode, ranges: string, minor: number): boolean {
  return node.p !== undefined && Object.values(node.p).some((child) => inRanges(rangesOf(child, ranges), minor));
}

/** A field the chosen release's CRD does not have, which the API server prunes without a word. */
export interface ReleaseField {
  /** Path of the mapping that holds it. */
  parent: (string | number)[];
  key: string;
  /** The fields that mapping may have, in any release (for a did-you-mean: check the release has it). */
  known: string[];
  /** Whether another release has it (then addedIn or removedIn says which). */
  inOtherRelease: boolean;
  /** The release that added it (the first after the chosen one that has it), if any. */
  addedIn?: number;
  /** The release that removed it (the first after the last one before the chosen one that had it), if any. */
  removedIn?: number;
}

/** The fields of ObjectMeta that people write; the API server prunes others in `metadata`. */
const OBJECT_META = ['name', 'generateName', 'namespace', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'];

function around(ranges: string, minor: number): { addedIn?: number; removedIn?: number } {
  const spans = spansOf(ranges);
  const later = spans.find(([from]) => from > minor);
  const earlier = spans.filter(([, to]) => to < minor).pop();
  return { ...(later ? { addedIn: later[0] } : {}), ...(earlier ? { removedIn: earlier[1] + 1 } : {}) };
}

/**
 * The fields of an object that the chosen release's CRD does not have (those another release
 * has, and those none has, with what the mapping may hold, for a did-you-mean). Only mappings
 * whose schema lists fields are judged; `metadata` is the API server's own ObjectMeta.
 */
export function prunedFields(kind: string, value: unknown, minor: number): ReleaseField[] {
  const root = OPERATOR_RELEASES.kinds[kind];
  if (!root) return [];
  const out: ReleaseField[] = [];
  const visit = (node: FieldNode, ranges: string, item: unknown, path: (string | number)[]) => {
    if (node.x !== undefined && inRanges(node.x, minor)) return;
    if (Array.isArray(item)) {
      if (node.i) item.forEach((entry, index) => visit(node.i!, rangesOf(node.i!, ranges), entry, [...path, index]));
      return;
    }
    if (!isObject(item)) return;
    if (structuredIn(node, ranges, minor)) {
      let known: string[] | undefined;
      for (const [key, child] of Object.entries(item)) {
        if (path.length === 0 && key === 'metadata') {
          if (isObject(child)) for (const metaKey of Object.keys(child)) if (!OBJECT_META.includes(metaKey)) out.push({ parent: ['metadata'], key: metaKey, known: OBJECT_META, inOtherRelease: false });
          continue;
        }
        const field = fieldOf(node, key);
        const fieldRanges = field ? rangesOf(field, ranges) : undefined;
        if (field && inRanges(fieldRanges!, minor)) visit(field, fieldRanges!, child, [...path, key]);
        else if (!field && node.a) visit(node.a, rangesOf(node.a, ranges), child, [...path, key]);
        else out.push({ parent: path, key, known: (known ??= Object.keys(node.p!)), inOtherRelease: field !== undefined, ...(field ? around(fieldRanges!, minor) : {}) });
      }
    } else if (node.a) {
      for (const [key, child] of Object.entries(item)) visit(node.a, rangesOf(node.a, ranges), child, [...path, key]);
    }
  };
  visit(root, rangesOf(root, ''), value, []);
  return out;
}

/** Whether the chosen release's CRD has the field `key` of the mapping at `parent`. */
export function releaseHasField(kind: string, parent: readonly (string | number)[], key: string, minor: number): boolean {
  const found = fieldAt(kind, parent, key, minor);
  return found === 'open' || (found !== undefined && inRanges(found.ranges, minor));
}

/** The schema of field `key` of the mapping at `parent`, with its releases; 'open' inside a preserve-unknown-fields part. */
function fieldAt(kind: string, parent: readonly (string | number)[], key: string, minor: number): { node: FieldNode; ranges: string } | 'open' | undefined {
  let node: FieldNode | undefined = OPERATOR_RELEASES.kinds[kind];
  if (!node) return undefined;
  let ranges = rangesOf(node, '');
  for (const segment of parent) {
    if (node.x !== undefined && inRanges(node.x, minor)) return 'open';
    const next: FieldNode | undefined = typeof segment === 'number' ? node.i : (fieldOf(node, segment) ?? node.a);
    if (!next) return undefined;
    node = next;
    ranges = rangesOf(node, ranges);
  }
  if (node.x !== undefined && inRanges(node.x, minor)) return 'open';
  const field = fieldOf(node, key);
  return field ? { node: field, ranges: rangesOf(field, ranges) } : undefined;
}

/** The first release after `minor` whose CRD has the field `key` of the mapping at `parent`. */
export function fieldAddedAfter(kind: string, parent: readonly (string | number)[], key: string, minor: number): number | undefined {
  const found = fieldAt(kind, parent, key, minor);
  return found && found !== 'open' ? spansOf(found.ranges).find(([from]) => from > minor)?.[0] : undefined;
}

/** The first release with the kind's CRD. */
export function kindAddedIn(kind: string): number | undefined {
  const root = OPERATOR_RELEASES.kinds[kind];
  return root ? spansOf(rangesOf(root, ''))[0][0] : undefined;
}

/** The kinds a release has (ScrapeConfig came in v0.65, PrometheusAgent in v0.64). */
export function releaseHasKind(kind: string, minor: number): boolean {
  const root = OPERATOR_RELEASES.kinds[kind];
  return root !== undefined && inRanges(rangesOf(root, ''), minor);
}

/** The operator's image, as its manifests and charts name it: `quay.io/prometheus-operator/prometheus-operator:v0.75.2`. */
const OPERATOR_IMAGE = /(?:^|\/)prometheus-operator\/prometheus-operator:v?0\.(\d+)\.\d+(?:-[0-9A-Za-z.-]+)?(?:@sha256:[0-9a-f]{64})?$/;

/**
 * The release the input shows: the image of the operator's Deployment, when the input holds
 * one, and only if every such image names the same release scrapelint knows. Several releases
 * (a tree of alternatives, an upgrade in progress) name none: the newest is assumed then.
 */
export function releaseInInput(objects: Iterable<ManifestObject>): { minor: number; from: string } | undefined {
  let found: { minor: number; from: string } | undefined;
  for (const object of objects) {
    if (object.kind !== 'Deployment' || object.inTemplate) continue;
    const spec = isObject(object.value.spec) && isObject(object.value.spec.template) && isObject(object.value.spec.template.spec) ? object.value.spec.template.spec : undefined;
    const containers = Array.isArray(spec?.containers) ? spec.containers : [];
    for (const container of containers) {
      const image = isObject(container) && typeof container.image === 'string' ? container.image : undefined;
      const m = image ? OPERATOR_IMAGE.exec(image) : null;
      if (!m) continue;
      const minor = Number(m[1]);
      if (!MINORS.includes(minor) || (found && found.minor !== minor)) return undefined;
      found ??= { minor, from: `the image ${image} of Deployment ${object.namespace ? `${object.namespace}/` : ''}${object.name ?? ''} in ${object.file}` };
    }
  }
  return found;
}
