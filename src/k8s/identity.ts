// What makes a value a Kubernetes object (string apiVersion and kind), and what the index needs
// of it: group, name, namespace, labels. Free of the parser, so worker threads can use it.

export type JsonObject = Record<string, unknown>;

/** Text that claims to be a Kubernetes manifest: every one has an apiVersion. */
export const MANIFEST_HINT = /\bapiVersion["']?\s*:/;

/** The names kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A kustomization file, which may leave out apiVersion and kind. */
export function isKustomizationFile(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return (KUSTOMIZATION_NAMES as readonly string[]).includes(name);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[key] = String(v);
    }
  }
  return out;
}

export interface Identity {
  apiVersion: string;
  group: string;
  kind: string;
  name?: string;
  /** metadata.namespace as written (undefined when absent or empty). */
  namespace?: string;
  labels: Record<string, string>;
}

/** The object's identity, or undefined when the value is not a Kubernetes object. */
export function identify(value: JsonObject): Identity | undefined {
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return undefined;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const slash = apiVersion.lastIndexOf('/');
  return {
    apiVersion,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    kind,
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    // An empty namespace is no namespace, as for kubectl.
    namespace: typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined,
    labels: stringMap(metadata.labels),
  };
}
