// Generates src/k8s/operator-releases.generated.ts: for each monitoring.coreos.com kind scrapelint
// lints, the structural schema of the operator's own CRDs (example/prometheus-operator-crd/ in the
// prometheus-operator repository) in every minor release from v0.45 to the newest, as one tree of
// fields per kind: each field with the releases that know it and the constraints the API server
// checks (types, enums, patterns, bounds, required fields, defaults, list types and map keys, CEL
// rules), stored once where releases agree. The API server of a release prunes every field its CRD
// does not have, silently, and rejects what breaks the constraints; crd-schema reports both for the
// release the user runs (--operator-version, operator.version). Descriptions are left out.
//
// Run: npm run operator-releases -- --repo PATH, where PATH is a clone (or bare mirror) of
// github.com/prometheus-operator/prometheus-operator with its tags. Each minor release is read at
// its newest patch tag; release candidates are left out.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { packageRoot } from '../src/node/rules-dir.js';
import { parse, plan, celEnv } from '@bufbuild/cel';
import { CHECKED_KEYWORDS, formatRanges, type FieldConstraints, type FieldNode, type ReleaseData } from '../src/k8s/operator-release-data.js';

const FIRST_MINOR = 45;

/** The CRD file and the served version scrapelint lints, per kind. */
const KINDS: Record<string, { file: string; version: string }> = {
  ServiceMonitor: { file: 'monitoring.coreos.com_servicemonitors.yaml', version: 'v1' },
  PodMonitor: { file: 'monitoring.coreos.com_podmonitors.yaml', version: 'v1' },
  Probe: { file: 'monitoring.coreos.com_probes.yaml', version: 'v1' },
  Prometheus: { file: 'monitoring.coreos.com_prometheuses.yaml', version: 'v1' },
  PrometheusAgent: { file: 'monitoring.coreos.com_prometheusagents.yaml', version: 'v1alpha1' },
  ScrapeConfig: { file: 'monitoring.coreos.com_scrapeconfigs.yaml', version: 'v1alpha1' },
};

const args = process.argv.slice(2);
const repo = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : process.env.PROMETHEUS_OPERATOR_REPO;
if (!repo) {
  console.error('usage: npm run operator-releases -- --repo PATH (a clone of prometheus-operator/prometheus-operator with its tags)');
  process.exit(2);
}
const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });

/** The newest patch tag of each minor release from FIRST_MINOR on. */
function releases(): { minor: number; tag: string }[] {
  const newest = new Map<number, { patch: number; tag: string }>();
  for (const tag of git('tag', '--list', 'v0.*').split('\n')) {
    const m = /^v0\.(\d+)\.(\d+)$/.exec(tag.trim());
    if (!m) continue;
    const [minor, patch] = [Number(m[1]), Number(m[2])];
    if (minor < FIRST_MINOR) continue;
    if (!newest.has(minor) || newest.get(minor)!.patch < patch) newest.set(minor, { patch, tag: tag.trim() });
  }
  return [...newest].sort((a, b) => a[0] - b[0]).map(([minor, { tag }]) => ({ minor, tag }));
}

/**
 * The Prometheus version a release configures when a Prometheus names none: DefaultPrometheusVersion
 * in pkg/operator (a literal in old releases, the last entry of PrometheusCompatibilityMatrix since).
 */
function defaultPrometheus(tag: string): string {
  const text = ['defaults.go', 'compatibility.go']
    .map((file) => {
      try {
        return git('show', `${tag}:pkg/operator/${file}`);
      } catch {
        return '';
      }
    })
    .join('\n');
  const literal = /DefaultPrometheusVersion\s*=\s*"(v[0-9.]+)"/.exec(text);
  if (literal) return literal[1];
  const matrix = /PrometheusCompatibilityMatrix\s*=\s*\[\]string\{([^}]*)\}/.exec(text);
  const versions = matrix ? [...matrix[1].matchAll(/"(v[0-9.]+)"/g)].map((m) => m[1]) : [];
  if (/DefaultPrometheusVersion\s*=\s*PrometheusCompatibilityMatrix\[len\(PrometheusCompatibilityMatrix\)\s*-\s*1\]/.test(text) && versions.length > 0) return versions[versions.length - 1];
  throw new Error(`${tag}: no DefaultPrometheusVersion in pkg/operator`);
}

interface Schema {
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  additionalProperties?: Schema | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [keyword: string]: unknown;
}

/** A field while it is built: the releases of each part as sets. */
interface Building {
  in: Set<number>;
  fields?: Map<string, Building>;
  items?: Building;
  values?: Building;
  open?: Set<number>;
  /** Its constraints (as JSON) to the releases that have them. */
  constraints: Map<string, Set<number>>;
}

/** What a CEL rule the data cannot evaluate is skipped for, if anything: parsed and planned as crd-schema will. */
function celSkipReason(rule: string): string | undefined {
  if (/\boldSelf\b/.test(rule)) return 'a transition rule (oldSelf): there is no old object to compare with';
  try {
    plan(celEnv(), parse(rule));
    return undefined;
  } catch (error) {
    return `@bufbuild/cel cannot read it: ${(error as Error).message.split('\n')[0]}`;
  }
}

const skippedRules = new Map<string, string>();

/** The keywords of a schema node that the API server checks, as the data stores them (see FieldConstraints). */
function constraintsOf(schema: Schema): FieldConstraints {
  const out: FieldConstraints = {};
  for (const keyword of CHECKED_KEYWORDS) if (schema[keyword] !== undefined) (out as Record<string, unknown>)[keyword] = schema[keyword];
  if (schema['x-kubernetes-int-or-string'] === true) {
    out.intOrString = true;
    delete out.type;
  }
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set' || listType === 'map') out.listType = listType;
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (Array.isArray(mapKeys) && mapKeys.length > 0) out.listMapKeys = mapKeys as string[];
  const validations = schema['x-kubernetes-validations'];
  if (Array.isArray(validations) && validations.length > 0) {
    out.validations = (validations as Record<string, unknown>[]).map((v) => {
      const rule = String(v.rule);
      const skip = celSkipReason(rule);
      if (skip) skippedRules.set(rule, skip);
      return {
        rule,
        ...(typeof v.message === 'string' ? { message: v.message } : {}),
        ...(typeof v.fieldPath === 'string' ? { fieldPath: v.fieldPath } : {}),
        ...(skip ? { skip } : {}),
      };
    });
  }
  return out;
}

function merge(node: Building, schema: Schema, minor: number): void {
  node.in.add(minor);
  const constraints = JSON.stringify(constraintsOf(schema));
  if (!node.constraints.has(constraints)) node.constraints.set(constraints, new Set());
  node.constraints.get(constraints)!.add(minor);
  if (schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true) (node.open ??= new Set()).add(minor);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    node.fields ??= new Map();
    if (!node.fields.has(key)) node.fields.set(key, building());
    merge(node.fields.get(key)!, child, minor);
  }
  const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
  if (items && typeof items === 'object') merge((node.items ??= building()), items, minor);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') merge((node.values ??= building()), schema.additionalProperties, minor);
}

const building = (): Building => ({ in: new Set(), constraints: new Map() });

/** The compact form: a part's releases only where they differ from its parent's. */
function compact(node: Building, parentRanges: string): FieldNode {
  const ranges = formatRanges([...node.in]);
  const out: FieldNode = {};
  if (ranges !== parentRanges) out.r = ranges;
  if (node.open) out.x = formatRanges([...node.open]);
  // One set of constraints in all its releases (the usual case), or each set with its releases.
  const sets = [...node.constraints].filter(([json]) => json !== '{}');
  if (node.constraints.size === 1 && sets.length === 1) out.c = JSON.parse(sets[0][0]) as FieldConstraints;
  else if (sets.length > 0) out.cs = sets.map(([json, minors]) => [formatRanges([...minors]), JSON.parse(json) as FieldConstraints]);
  if (node.fields) out.p = Object.fromEntries([...node.fields].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, compact(v, ranges)]));
  if (node.items) out.i = compact(node.items, ranges);
  if (node.values) out.a = compact(node.values, ranges);
  return out;
}

const list = releases();
const roots = new Map<string, Building>();
for (const { minor, tag } of list) {
  for (const [kind, { file, version }] of Object.entries(KINDS)) {
    let text: string;
    try {
      text = git('show', `${tag}:example/prometheus-operator-crd/${file}`);
    } catch {
      continue; // the kind is newer than the release
    }
    const crd = parseAllDocuments(text)
      .map((d) => d.toJS() as { kind?: string; spec?: { versions?: { name: string; schema?: { openAPIV3Schema?: Schema } }[] } } | null)
      .find((d) => d?.kind === 'CustomResourceDefinition');
    const schema = crd?.spec?.versions?.find((v) => v.name === version)?.schema?.openAPIV3Schema;
    if (!schema) throw new Error(`${tag}: ${file} has no ${version} schema`);
    if (!roots.has(kind)) roots.set(kind, building());
    merge(roots.get(kind)!, schema, minor);
  }
}

/** JSON text as the body of a single-quoted JavaScript string (it has few single quotes, many double). */
const singleQuoted = (text: string) => text.replace(/[\\']/g, (c) => `\\${c}`).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const data: ReleaseData = {
  generatedFrom: `prometheus-operator ${list[0].tag} to ${list[list.length - 1].tag}, example/prometheus-operator-crd/`,
  releases: Object.fromEntries(list.map(({ minor, tag }) => [minor, tag])),
  defaultPrometheus: Object.fromEntries(list.map(({ minor, tag }) => [minor, defaultPrometheus(tag)])),
  kinds: Object.fromEntries([...roots].map(([kind, node]) => [kind, compact(node, '')])),
};
const out = join(packageRoot(), 'src', 'k8s', 'operator-releases.generated.ts');
writeFileSync(
  out,
  `// The fields of the operator's CRDs, release by release (see src/k8s/operator-releases.ts).
// Generated by scripts/generate-operator-releases.ts (npm run operator-releases -- --repo PATH); do not edit.
/* eslint-disable */
import type { ReleaseData } from './operator-release-data.js';

// One JSON string: smaller in the bundle than an object literal, and read faster (JSON.parse).
export const OPERATOR_RELEASES: ReleaseData = JSON.parse('${singleQuoted(JSON.stringify(data))}');
`,
);
for (const [rule, reason] of skippedRules) console.log(`CEL rule skipped: ${rule}: ${reason}`);
console.log(`${out}: ${list.length} releases (${list[0].tag} to ${list[list.length - 1].tag}), ${roots.size} kinds`);
