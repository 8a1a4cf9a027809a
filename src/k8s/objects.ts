// Recognising Kubernetes objects in parsed documents: a mapping with string `apiVersion` and
// `kind`. `kind: List` (what `kubectl get -o yaml` prints) contributes its items, and an OpenShift
// `Template` (template.openshift.io/v1) its `objects`.
import type { Node } from 'yaml';
import type { ParsedDocument } from '../yaml/parse.js';
import { locate, type Path } from '../yaml/nodes.js';
import { identify, isKustomizationFile, isObject, type Identity, type JsonObject } from './identity.js';

export { isObject, type JsonObject } from './identity.js';

export const MONITORING_GROUP = 'monitoring.coreos.com';

/** The monitoring.coreos.com kinds scrapelint lints. */
export const LINTED_KINDS = ['ServiceMonitor', 'PodMonitor', 'Probe', 'ScrapeConfig', 'Prometheus', 'PrometheusAgent'] as const;
export type LintedKind = (typeof LINTED_KINDS)[number];

/** An object of the input: its identity (apiVersion, kind, name, ...), value and place. */
export interface ManifestObject extends Identity {
  file: string;
  /** The parsed document, with node ranges (parsed on demand for objects read without positions). */
  document?: ParsedDocument;
  /** Where the object sits in its document: [] or ['items', i] inside a List. */
  basePath: Path;
  /** The object's node (parsed on demand for objects read without positions). */
  root?: Node;
  /** [start, end) offsets of the object's text. */
  range: [number, number];
  value: JsonObject;
  /** The unit the object is judged in (see units.ts): absent for an object read on its own. */
  unit?: UnitInfo;
  /** The paths that patches of its unit change (absent when none does): its text is not what is applied there. */
  touched?: readonly Path[];
  /** A partial object: a document that a kustomization lists as a patch, or a test's assertion. */
  partial?: boolean;
  /** One of the `objects` of an OpenShift Template (its `${PARAMETERS}` are filled in by `oc process`). */
  inTemplate?: boolean;
  /** The namespace its own file gives it, when a kustomization of its unit replaces it. */
  movedFrom?: { namespace: string; by: string };
}

/** What rules may ask of the unit an object is judged in. */
export interface UnitInfo {
  name: string;
  /**
   * How the unit was found: a kustomization's closure, a stream, a folder the configuration says
   * is applied as a whole (`tree`), or a folder (`kubectl apply -f <folder>` is assumed, not known).
   */
  kind: 'kustomization' | 'folder' | 'tree' | 'stream' | 'partial';
  /** The unit renders objects the input does not show. */
  incomplete: boolean;
  /** Secrets and ConfigMaps its generators make, as `Kind/name`. */
  generated: ReadonlySet<string>;
}

function toObject(file: string, document: ParsedDocument, basePath: Path, value: unknown): ManifestObject | undefined {
  if (!isObject(value)) return undefined;
  const identity = identify(value);
  if (!identity) return undefined;
  const root = locate(document.doc.contents as Node, basePath)?.node;
  if (!root) return undefined;
  return {
    file,
    document,
    basePath,
    root,
    range: root.range ? [root.range[0], root.range[2]] : document.range,
    value,
    ...identity,
  };
}

export const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

export const TEMPLATE_GROUP = 'template.openshift.io';

/** An OpenShift Template, whose `objects` are instantiated by `oc process`. */
export function isOpenShiftTemplate(object: { group: string; kind: string }): boolean {
  return object.kind === 'Template' && (object.group === TEMPLATE_GROUP || object.group === '');
}

/** Every Kubernetes object of a document (one, the items of a List, or the objects of a Template). */
export function objectsOf(file: string, document: ParsedDocument): ManifestObject[] {
  // A kustomization file may leave out apiVersion and kind.
  if (isKustomizationFile(file) && isObject(document.value) && document.value.kind === undefined) {
    const value = { apiVersion: `${KUSTOMIZE_GROUP}/v1beta1`, kind: 'Kustomization', ...document.value };
    const object = toObject(file, { ...document, value }, [], value);
    return object ? [object] : [];
  }
  const object = toObject(file, document, [], document.value);
  if (!object) return [];
  if (object.kind.endsWith('List') && Array.isArray(object.value.items)) {
    const items: ManifestObject[] = [];
    object.value.items.forEach((item, i) => {
      const child = toObject(file, document, ['items', i], item);
      if (child) items.push(child);
    });
    return items;
  }
  if (isOpenShiftTemplate(object) && Array.isArray(object.value.objects)) {
    const items: ManifestObject[] = [];
    object.value.objects.forEach((item, i) => {
      const child = toObject(file, document, ['objects', i], item);
      // `oc process` drops a namespace written into an object (unless it is a parameter): the
      // objects land in the namespace the processed template is applied to.
      if (child) items.push({ ...child, namespace: undefined, inTemplate: true });
    });
    return items;
  }
  return [object];
}

const prefixOf = (a: Path, b: Path) => a.length <= b.length && a.every((segment, i) => segment === b[i]);

/** Whether patches of the object's unit change `path`, or something inside or above it. */
export function touched(object: ManifestObject, path: Path): boolean {
  return (object.touched ?? []).some((t) => prefixOf(t, path) || prefixOf(path, t));
}

export function isLinted(object: ManifestObject): boolean {
  return object.group === MONITORING_GROUP && (LINTED_KINDS as readonly string[]).includes(object.kind);
}

/** `kind ns/name` for messages. */
export function describe(object: ManifestObject): string {
  const name = object.name ?? '(unnamed)';
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${name}`;
}

/**
 * An object read without positions (see `yaml/load-plain.ts`): the rules run on its value, and
 * its document is parsed with positions only when something points into it (a finding, its fix,
 * a message naming it): rarely, as most objects of a run have no finding.
 */
export class LightObject implements ManifestObject {
  readonly basePath: Path = [];
  readonly apiVersion: string;
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  private positioned?: { document?: ParsedDocument };

  private constructor(
    readonly file: string,
    readonly range: [number, number],
    readonly value: JsonObject,
    identity: Identity,
    private readonly parse: () => ParsedDocument | undefined,
  ) {
    this.apiVersion = identity.apiVersion;
    this.group = identity.group;
    this.kind = identity.kind;
    this.name = identity.name;
    this.namespace = identity.namespace;
    this.labels = identity.labels;
  }

  /** The object, when `value` is one (a mapping with apiVersion and kind). */
  static of(file: string, range: [number, number], value: unknown, parse: () => ParsedDocument | undefined): LightObject | undefined {
    const identity = isObject(value) ? identify(value) : undefined;
    return identity ? new LightObject(file, range, value as JsonObject, identity, parse) : undefined;
  }

  get document(): ParsedDocument | undefined {
    this.positioned ??= { document: this.parse() };
    return this.positioned.document;
  }

  get root(): Node | undefined {
    const contents = this.document?.doc.contents;
    return contents ?? undefined;
  }
}
