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
 * Schema errors of an object of a linted kind. The apiVersion is judged elsewhere
 * (deprecated-api-version), so the object is validated as the kind's served version.
 */
export function schemaErrors(kind: string, value: JsonObject): SchemaError[] {
  const entry = MODELS[kind];
  if (!entry) return [];
  try {
    new entry.model({ ...value, apiVersion: entry.apiVersion, kind }).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }[] }).errors;
    if (!Array.isArray(errors)) return [];
    return errors.map((e) => ({ path: pointerToPath(e.instancePath), keyword: e.keyword, params: e.params ?? {}, message: e.message ?? e.keyword }));
  }
}

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
    for (const [key, item] of Object.entries(node)) {
      if (!Object.prototype.hasOwnProperty.call(entry.fields, key)) {
        out.push({ parent: path, key, known: Object.keys(entry.fields) });
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
