// What the API server's CRD validation does with a monitoring.coreos.com object: rejects wrong
// types, enum and pattern violations and missing required fields (the validators of
// @kubernetes-models/prometheus-operator, generated from the operator's Go API types), and
// silently prunes fields it does not know (the field table in crd-fields.generated.ts).
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { Probe } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe';
import { Prometheus } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus';
import { PrometheusAgent } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/PrometheusAgent';
import { ScrapeConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/ScrapeConfig';
import { CRD_FIELDS } from './crd-fields.generated.js';
import { isObject, type JsonObject } from './objects.js';
import { pointerToPath } from '../yaml/nodes.js';
import { DURATION_PATTERN } from './duration.js';

export const CRD_SOURCE = CRD_FIELDS.generatedFrom;

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: JsonObject) => Validatable;

const MODELS: Record<string, { model: ModelClass; apiVersion: string }> = {
  ServiceMonitor: { model: ServiceMonitor as unknown as ModelClass, apiVersion: 'monitoring.coreos.com/v1' },
  PodMonitor: { model: PodMonitor as unknown as ModelClass, apiVersion: 'monitoring.coreos.com/v1' },
  Probe: { model: Probe as unknown as ModelClass, apiVersion: 'monitoring.coreos.com/v1' },
  Prometheus: { model: Prometheus as unknown as ModelClass, apiVersion: 'monitoring.coreos.com/v1' },
  PrometheusAgent: { model: PrometheusAgent as unknown as ModelClass, apiVersion: 'monitoring.coreos.com/v1alpha1' },
  ScrapeConfig: { model: ScrapeConfig as unknown as ModelClass, apiVersion: 'monitoring.coreos.com/v1alpha1' },
};

export interface SchemaError {
  /** Path from the object's root. */
  path: (string | number)[];
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * The fields each kind types as ByteSize (all under `spec`), whose pattern in the validators,
 * `(^0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$`, is unanchored at its start: a long run of digits
 * that does not end in `B` takes quadratic time (60,000 digits and an `x`: 16 s).
 */
const BYTE_SIZE_FIELDS: Record<string, readonly string[]> = {
  ServiceMonitor: ['bodySizeLimit'],
  PodMonitor: ['bodySizeLimit'],
  ScrapeConfig: ['bodySizeLimit'],
  Prometheus: ['bodySizeLimit', 'enforcedBodySizeLimit', 'retentionSize'],
  PrometheusAgent: ['bodySizeLimit', 'enforcedBodySizeLimit'],
};

/**
 * Whether a string matches the ByteSize pattern, in linear time. The pattern accepts `0`, or any
 * string that ends in a digit, an optional unit prefix (K, M, G, T, E, P, each with an optional
 * `i`) and `B`: its optional `([0-9]*[.])?` adds nothing, as the match may start anywhere.
 */
export function isByteSize(value: string): boolean {
  return value === '0' || /[0-9](?:[KMGTEP]i?)?B$/.test(value.slice(-4));
}

/** Strings longer than this in ByteSize fields are judged by isByteSize, not by the validators' regex. */
const BYTE_SIZE_CHECKED = 64;

/** The object with each long ByteSize string replaced by a short one the pattern judges the same. */
function boundedByteSizes(kind: string, value: JsonObject): JsonObject {
  const spec = value.spec;
  if (!isObject(spec)) return value;
  let bounded: JsonObject | undefined;
  for (const field of BYTE_SIZE_FIELDS[kind] ?? []) {
    const size = spec[field];
    if (typeof size !== 'string' || size.length <= BYTE_SIZE_CHECKED) continue;
    bounded ??= { ...spec };
    bounded[field] = isByteSize(size) ? '1B' : 'x';
  }
  return bounded ? { ...value, spec: bounded } : value;
}

/**
 * Schema errors of an object of a linted kind. The apiVersion is judged elsewhere
 * (deprecated-api-version), so the object is validated as the kind's served version.
 */
export function schemaErrors(kind: string, value: JsonObject): SchemaError[] {
  const entry = MODELS[kind];
  if (!entry) return [];
  try {
    new entry.model({ ...boundedByteSizes(kind, value), apiVersion: entry.apiVersion, kind }).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }[] }).errors;
    if (!Array.isArray(errors)) return [];
    return errors.map((e) => ({ path: pointerToPath(e.instancePath), keyword: e.keyword, params: e.params ?? {}, message: e.message ?? e.keyword }));
  }
}

/**
 * Parts of the Prometheus and PrometheusAgent objects that embed Kubernetes core types (pod
 * template fields, storage claims). The validators check the core types' enums and required
 * fields there (`imagePullPolicy`, a claim's apiVersion and kind); the CRDs do not.
 */
const CORE_TYPE_FIELDS = new Set(['containers', 'initContainers', 'tolerations', 'affinity', 'volumes', 'volumeMounts', 'securityContext', 'topologySpreadConstraints', 'volumeClaimTemplate', 'ephemeral']);

/**
 * Whether an error of the generated validators is one the API server does not make, as the
 * operator's CRDs (v0.93.0) show: a null field (the API server drops it), an integer beyond
 * int32/int64 (no range check for integers), and in Prometheus objects the core types' enums and
 * required fields, and `imagePullPolicy: ""` (the CRD's enum allows it).
 */
export function stricterThanTheCrd(kind: string, error: SchemaError, value: unknown): boolean {
  // A null field or map value is dropped; a null list item is an error to the API server too.
  if (value === null && typeof error.path[error.path.length - 1] !== 'number') return true;
  if (error.keyword === 'format' && typeof value === 'number') return true;
  if (kind !== 'Prometheus' && kind !== 'PrometheusAgent') return false;
  if (error.path.length === 2 && error.path[0] === 'spec' && error.path[1] === 'imagePullPolicy' && value === '') return true;
  const core = error.path.some((segment) => typeof segment === 'string' && CORE_TYPE_FIELDS.has(segment));
  return core && ['enum', 'required', 'type', 'format'].includes(error.keyword) && (error.keyword !== 'type' || error.path.includes('metadata'));
}

/**
 * Fields of the operator's newest CRDs that the package's types do not have yet (v0.92 and
 * v0.93), by the type that holds them in crd-fields.generated.ts.
 */
const NEWER_FIELDS: Record<string, string[]> = {
  OTLPConfig: ['labelNamePreserveMultipleUnderscores', 'labelNameUnderscoreSanitization'],
  TSDBSpec: ['chunkEncoding', 'staleSeriesCompactionThreshold'],
};

export interface UnknownField {
  /** Path of the mapping that holds the field. */
  parent: (string | number)[];
  key: string;
  /** The fields that mapping may have. */
  known: string[];
}

/** Fields the API does not know, which the API server prunes without a word. */
export function unknownFields(kind: string, value: JsonObject): UnknownField[] {
  const root = CRD_FIELDS.roots[kind];
  if (!root) return [];
  const out: UnknownField[] = [];
  const visit = (type: string | null, node: unknown, path: (string | number)[]) => {
    if (type === null || node === null || node === undefined) return;
    if (type.startsWith('[]')) {
      if (Array.isArray(node)) node.forEach((item, i) => visit(type.slice(2), item, [...path, i]));
      return;
    }
    if (type.startsWith('{}')) {
      if (isObject(node)) for (const [key, item] of Object.entries(node)) visit(type.slice(2), item, [...path, key]);
      return;
    }
    const entry = CRD_FIELDS.types[type];
    if (!entry || !isObject(node)) return;
    const newer = NEWER_FIELDS[type] ?? [];
    for (const [key, item] of Object.entries(node)) {
      if (newer.includes(key)) continue;
      if (!Object.prototype.hasOwnProperty.call(entry.fields, key)) {
        out.push({ parent: path, key, known: [...Object.keys(entry.fields), ...newer] });
        continue;
      }
      visit(entry.fields[key], item, [...path, key]);
    }
  };
  visit(root, value, []);
  return out;
}

/** The Duration pattern as the API's validators spell it; invalid-duration reports those, with a fix. */
export const DURATION_PATTERN_SOURCE = DURATION_PATTERN.source;
