// What the API server's CRD validation does with a monitoring.coreos.com object, for one operator
// release, from that release's own CRDs (operator-releases.generated.ts): it prunes fields the
// schema does not have and null values, applies defaults, then rejects what breaks the OpenAPI
// constraints (checked by ajv: types, enums, patterns, bounds, required fields), the Kubernetes
// list rules (x-kubernetes-list-type set and map) and the CEL rules (x-kubernetes-validations,
// evaluated with @bufbuild/cel). The newest release's validators are compiled into the bundle at
// build time (scripts/precompile-crds.ts); another release's are compiled on first use.
import { isCelError, parse, plan, celEnv } from '@bufbuild/cel';
import type { ValidateFunction } from 'ajv';
import { OPERATOR_RELEASES } from './operator-releases.generated.js';
import { CHECKED_KEYWORDS, type CelRule, type FieldConstraints, type FieldNode } from './operator-release-data.js';
import { constraintsIn, fieldOf, inRanges, NEWEST_MINOR, rangesOf } from './operator-releases.js';
import { PRECOMPILED_CRD_VALIDATORS } from './crd-precompiled.js';
import { isObject, type JsonObject } from './objects.js';
import { pointerToPath } from '../yaml/nodes.js';
import { DURATION_PATTERN } from './duration.js';
import { Ajv, AJV_OPTIONS } from '../ruleset/data-file.js';

export const CRD_SOURCE = OPERATOR_RELEASES.generatedFrom;

/** The served version scrapelint validates each kind as (deprecated-api-version judges the apiVersion). */
export const SERVED_VERSIONS: Record<string, string> = {
  ServiceMonitor: 'monitoring.coreos.com/v1',
  PodMonitor: 'monitoring.coreos.com/v1',
  Probe: 'monitoring.coreos.com/v1',
  Prometheus: 'monitoring.coreos.com/v1',
  PrometheusAgent: 'monitoring.coreos.com/v1alpha1',
  ScrapeConfig: 'monitoring.coreos.com/v1alpha1',
};

export interface SchemaError {
  /** Path from the object's root. */
  path: (string | number)[];
  /** The JSON Schema keyword, or `listMapKeys` (a duplicate key of a list map) or `cel` (a CEL rule). */
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

type JsonSchema = Record<string, unknown>;

/** The JSON Schema ajv checks for a field in a release: the OpenAPI keywords, int-or-string and sets. */
function toJsonSchema(node: FieldNode, ranges: string, minor: number): JsonSchema {
  const c = constraintsIn(node, ranges, minor) ?? {};
  const schema: JsonSchema = {};
  for (const keyword of CHECKED_KEYWORDS) {
    // Defaults are applied before validation (prepare), nulls pruned or allowed there.
    if (keyword === 'default' || keyword === 'nullable' || c[keyword] === undefined) continue;
    schema[keyword] = c[keyword];
  }
  if (c.intOrString) schema.anyOf = [{ type: 'integer' }, { type: 'string' }];
  if (c.nullable === true && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  if (c.listType === 'set') schema.uniqueItems = true;
  if (node.p) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, child] of Object.entries(node.p)) {
      const childRanges = rangesOf(child, ranges);
      if (inRanges(childRanges, minor)) properties[key] = toJsonSchema(child, childRanges, minor);
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
  }
  if (node.i) schema.items = toJsonSchema(node.i, rangesOf(node.i, ranges), minor);
  if (node.a) schema.additionalProperties = toJsonSchema(node.a, rangesOf(node.a, ranges), minor);
  return schema;
}

/** Subschemas smaller than this (as JSON) are left where they are. */
const SHARED_SIZE = 24;

/**
 * The schema with each subschema that occurs more than once (the same TLS, Secret or relabeling
 * schema in every endpoint type, the core Container in containers and initContainers) moved to
 * `$defs` and referenced: ajv then compiles it once, which makes the code several times smaller.
 */
function shareRepeated(root: JsonSchema): JsonSchema {
  const counts = new Map<string, number>();
  const texts = new WeakMap<JsonSchema, string>();
  const count = (schema: JsonSchema): string => {
    const text = JSON.stringify(schema);
    texts.set(schema, text);
    if (text.length >= SHARED_SIZE) counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const child of children(schema)) count(child);
    return text;
  };
  count(root);
  const defs: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();
  const rewrite = (schema: JsonSchema, top: boolean): JsonSchema => {
    const text = texts.get(schema)!;
    if (!top && (counts.get(text) ?? 0) > 1) {
      let name = names.get(text);
      if (!name) {
        name = `s${names.size}`;
        names.set(text, name);
        defs[name] = rewrite(schema, true);
      }
      return { $ref: `#/$defs/${name}` };
    }
    const out: JsonSchema = { ...schema };
    if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>).map(([k, v]) => [k, rewrite(v, false)]));
    if (schema.items) out.items = rewrite(schema.items as JsonSchema, false);
    if (schema.additionalProperties) out.additionalProperties = rewrite(schema.additionalProperties as JsonSchema, false);
    return out;
  };
  const out = rewrite(root, true);
  return names.size > 0 ? { ...out, $defs: defs } : out;
}

function children(schema: JsonSchema): JsonSchema[] {
  return [...Object.values((schema.properties ?? {}) as Record<string, JsonSchema>), ...(schema.items ? [schema.items as JsonSchema] : []), ...(schema.additionalProperties ? [schema.additionalProperties as JsonSchema] : [])];
}

/** The JSON Schema of a kind's CRD in a release, as ajv compiles it (also at build time). */
export function jsonSchemaFor(kind: string, minor: number): JsonSchema | undefined {
  const root = OPERATOR_RELEASES.kinds[kind];
  if (!root) return undefined;
  const ranges = rangesOf(root, '');
  return inRanges(ranges, minor) ? shareRepeated(toJsonSchema(root, ranges, minor)) : undefined;
}

/** How ajv is set up for the CRDs: every error, RE2 for patterns (the API server's Go regexp is RE2 too). */
export const CRD_AJV_OPTIONS = { ...AJV_OPTIONS, strict: false, allErrors: true, messages: false, inlineRefs: false } as const;

let ajv: InstanceType<typeof Ajv> | undefined;
const compiled = new Map<string, ValidateFunction | undefined>();

function validatorFor(kind: string, minor: number): ValidateFunction | undefined {
  const key = `${kind}@${minor}`;
  if (compiled.has(key)) return compiled.get(key);
  let validate = minor === NEWEST_MINOR ? (PRECOMPILED_CRD_VALIDATORS?.[kind] as ValidateFunction | undefined) : undefined;
  if (!validate) {
    const schema = jsonSchemaFor(kind, minor);
    if (schema) validate = (ajv ??= new Ajv(CRD_AJV_OPTIONS)).compile(schema);
  }
  compiled.set(key, validate);
  return validate;
}

/** Each CEL rule planned once; undefined where @bufbuild/cel cannot read it. */
const programs = new Map<string, ((input: { self: unknown }) => unknown) | undefined>();
function programFor(rule: string) {
  if (!programs.has(rule)) {
    let program: ((input: { self: unknown }) => unknown) | undefined;
    try {
      const planned = plan(celEnv(), parse(rule));
      program = (input) => planned(input as never);
    } catch {
      program = undefined;
    }
    programs.set(rule, program);
  }
  return programs.get(rule);
}

/** A value as the API server hands it to CEL: integers are CEL ints. */
function celValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(celValue);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, celValue(v)]));
  return value;
}

/** The path a rule's `fieldPath` (`.spec.replicas`, `.foo['bar']`) names below the node, if it is that simple. */
function fieldPathSegments(fieldPath: string): string[] | undefined {
  const segments: string[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\['([^']*)'\]/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fieldPath))) segments.push(m[1] ?? m[2]);
  return re.lastIndex === fieldPath.length || fieldPath.length === 0 ? segments : undefined;
}

function celErrors(rules: CelRule[], value: unknown, path: (string | number)[], errors: SchemaError[]): void {
  let input: unknown;
  for (const rule of rules) {
    if (rule.skip) continue;
    const program = programFor(rule.rule);
    if (!program) continue;
    let result: unknown;
    try {
      result = program({ self: (input ??= celValue(value)) });
    } catch {
      continue; // not evaluated: never guessed
    }
    // An error (a field a rule reads without has(), a missing overload) is the API server's too,
    // but which one it would give is not certain: no finding.
    if (result !== false || isCelError(result)) continue;
    const below = rule.fieldPath ? fieldPathSegments(rule.fieldPath) : [];
    errors.push({ path: [...path, ...(below ?? [])], keyword: 'cel', params: { rule: rule.rule }, message: rule.message ?? `failed rule: ${rule.rule}` });
  }
}

/** The field schema of a map's key: the field itself, or the map's values. */
function childOf(node: FieldNode, ranges: string, key: string, minor: number): { node: FieldNode; ranges: string } | undefined {
  const field = fieldOf(node, key);
  if (field) {
    const fieldRanges = rangesOf(field, ranges);
    return inRanges(fieldRanges, minor) ? { node: field, ranges: fieldRanges } : undefined;
  }
  return node.a ? { node: node.a, ranges: rangesOf(node.a, ranges) } : undefined;
}

const clone = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * The object as the API server validates it: unknown fields and non-nullable nulls pruned (a
 * preserve-unknown-fields part kept as it is), defaults applied; duplicate keys of list maps and
 * failed CEL rules collected on the way (those are checked after defaulting, as the API server does).
 */
function prepare(node: FieldNode, ranges: string, minor: number, value: unknown, path: (string | number)[], errors: SchemaError[]): unknown {
  const c: FieldConstraints = constraintsIn(node, ranges, minor) ?? {};
  const open = node.x !== undefined && inRanges(node.x, minor);
  let out: unknown = value;
  if (Array.isArray(value)) {
    const items = node.i ? { node: node.i, ranges: rangesOf(node.i, ranges) } : undefined;
    out = items && !open ? value.map((item, i) => (item === null ? null : prepare(items.node, items.ranges, minor, item, [...path, i], errors))) : value;
    if (c.listType === 'map' && c.listMapKeys) duplicateMapKeys(out as unknown[], c.listMapKeys, path, errors);
  } else if (isObject(value) && !open) {
    const prepared: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      // The API server's own ObjectMeta, not the CRD's.
      if (path.length === 0 && key === 'metadata') {
        prepared[key] = item;
        continue;
      }
      const child = childOf(node, ranges, key, minor);
      if (!child) continue; // pruned
      if (item === null && constraintsIn(child.node, child.ranges, minor)?.nullable !== true) continue; // pruned
      prepared[key] = item === null ? null : prepare(child.node, child.ranges, minor, item, [...path, key], errors);
    }
    for (const [key, field] of Object.entries(node.p ?? {})) {
      if (key in prepared) continue;
      const fieldRanges = rangesOf(field, ranges);
      if (!inRanges(fieldRanges, minor)) continue;
      const fallback = constraintsIn(field, fieldRanges, minor)?.default;
      if (fallback !== undefined) prepared[key] = prepare(field, fieldRanges, minor, clone(fallback), [...path, key], []);
    }
    out = prepared;
  }
  if (c.validations && out !== null && out !== undefined) celErrors(c.validations, out, path, errors);
  return out;
}

/** The items of a list map (x-kubernetes-list-type: map) whose keys an earlier item has already. */
function duplicateMapKeys(items: unknown[], keys: string[], path: (string | number)[], errors: SchemaError[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!isObject(item)) return;
    const id = JSON.stringify(keys.map((k) => item[k] ?? null));
    if (seen.has(id)) errors.push({ path: [...path, i], keyword: 'listMapKeys', params: { keys, values: keys.map((k) => item[k]) }, message: `has the same ${keys.join(', ')} as an earlier item` });
    seen.add(id);
  });
}

/** ajv's errors in ours; the branches of an int-or-string (anyOf) said once as its own error. */
function fromAjv(errors: NonNullable<ValidateFunction['errors']>): SchemaError[] {
  return errors
    .filter((e) => !e.schemaPath.includes('/anyOf/'))
    .map((e) =>
      e.keyword === 'anyOf'
        ? { path: pointerToPath(e.instancePath), keyword: 'type', params: { type: 'integer or string' }, message: 'must be an integer or a string' }
        : { path: pointerToPath(e.instancePath), keyword: e.keyword, params: e.params ?? {}, message: e.message ?? e.keyword },
    );
}

/**
 * Schema errors of an object of a linted kind in a release (the newest by default). The
 * apiVersion is judged elsewhere (deprecated-api-version), so the object is validated as the
 * kind's served version. Fields the release does not have are not errors (they are pruned:
 * prunedFields in operator-releases.ts).
 */
export function schemaErrors(kind: string, value: JsonObject, minor: number = NEWEST_MINOR): SchemaError[] {
  const root = OPERATOR_RELEASES.kinds[kind];
  const validate = validatorFor(kind, minor);
  if (!root || !validate) return [];
  const errors: SchemaError[] = [];
  const prepared = prepare(root, rangesOf(root, ''), minor, { ...value, apiVersion: SERVED_VERSIONS[kind], kind }, [], errors) as JsonObject;
  if (!validate(prepared) && validate.errors) errors.unshift(...fromAjv(validate.errors));
  return errors;
}

/** The Duration pattern as the CRDs spell it; invalid-duration reports those, with a fix. */
export const DURATION_PATTERN_SOURCE = DURATION_PATTERN.source;
