// crd-schema: what the API server rejects or silently prunes in a monitoring.coreos.com object.
import { schemaErrors, stricterThanTheCrd, unknownFields, DURATION_PATTERN_SOURCE, type SchemaError, type UnknownField } from '../../../k8s/crd.js';
import { isObject } from '../../../k8s/objects.js';
import { formatPath } from '../../path.js';
import { renderFlow } from '../../../yaml/edits.js';
import type { CheckFunction, CheckReport, FixOp } from '../../types.js';
import { editDistance } from '../nearest.js';
import { reportedBySchemaValues } from '../schema-values/overlap.js';

/** Fields people put in the wrong kind: the field that kind has instead, or advice. */
const MEANT: Record<string, Record<string, string>> = {
  PodMonitor: { endpoints: 'podMetricsEndpoints' },
  ServiceMonitor: { podMetricsEndpoints: 'endpoints' },
};

/** The known field a misspelt one most likely means, if any is close enough. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    let score = editDistance(lower, c);
    // `scrapeClassName` for `scrapeClass`: one is the other plus a suffix.
    if (Math.min(lower.length, c.length) >= 5 && (lower.startsWith(c) || c.startsWith(lower))) score = Math.min(score, 1.5);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = Math.max(2, Math.floor(key.length / 4));
  return best !== undefined && bestScore <= allowed ? best : undefined;
}

const where = (path: (string | number)[]) => (path.length === 0 ? 'the object' : `\`${formatPath(path)}\``);
const show = (value: unknown) => (typeof value === 'string' ? value : renderFlow(value));

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const segment of path) node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

/** Fields that exist elsewhere but not in this kind, with what to do instead. */
const ADVICE: Record<string, Record<string, string>> = {
  PodMonitor: {
    bearerTokenFile: 'PodMonitors cannot read files: send the token with `authorization` and a Secret (`credentials: {name, key}`).',
  },
};

function unknownReport(kind: string, field: UnknownField, present: (key: string) => boolean): CheckReport {
  const advice = ADVICE[kind]?.[field.key];
  if (advice) {
    return {
      at: [...field.parent, field.key],
      atKey: true,
      data: { detail: `${kind} has no field \`${field.key}\` at ${where(field.parent)}: the API server drops it silently. ${advice}` },
    };
  }
  const suggestion = (field.parent.length === 1 && field.parent[0] === 'spec' ? MEANT[kind]?.[field.key] : undefined) ?? didYouMean(field.key, field.known);
  const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
  // The rename turns on a setting that has never been in effect: a suggestion, not a fix.
  const suggest = suggestion && !present(suggestion) ? [{ desc: `rename \`${field.key}\` to \`${suggestion}\``, ops: [{ in: field.parent, rename: { [field.key]: suggestion } }] }] : undefined;
  return {
    at: [...field.parent, field.key],
    atKey: true,
    data: { detail: `${kind} has no field \`${field.key}\` at ${where(field.parent)}: the API server drops it silently, so the setting never takes effect.${hint}` },
    suggest,
  };
}

function errorReport(kind: string, error: SchemaError, root: unknown): CheckReport | undefined {
  const { path, keyword, params } = error;
  const value = valueAt(root, path);
  const key = path[path.length - 1];
  switch (keyword) {
    case 'required':
      return {
        at: path,
        data: { detail: `${kind} is missing the required field \`${String(params.missingProperty)}\` in ${where(path)}: the API server rejects the object.` },
      };
    case 'type':
      return { at: path, data: { detail: `${where(path)} must be ${params.type === 'integer' ? 'an integer' : `a ${String(params.type)}`}, not \`${show(value)}\`: the API server rejects the object.` } };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const match = typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
      const fix: FixOp[] | undefined = match && typeof key === 'string' ? [{ in: path.slice(0, -1), set: { [key]: match } }] : undefined;
      return {
        at: path,
        data: { detail: `\`${show(value)}\` is not allowed for ${where(path)}${match ? `; write \`${match}\`` : ''} (allowed: ${allowed.join(', ')}).` },
        fix,
      };
    }
    case 'pattern':
      // Durations have their own rule, with a fix: invalid-duration.
      if (params.pattern === DURATION_PATTERN_SOURCE) return undefined;
      return { at: path, data: { detail: `\`${show(value)}\` does not match the pattern the API requires for ${where(path)} (${String(params.pattern)}).` } };
    default:
      return { at: path, data: { detail: `${where(path)} ${error.message}: the API server rejects the object.` } };
  }
}

/** Unknown fields another rule reports better: selectors of the wrong shape (selector-wrong-shape). */
function reportedElsewhere(field: UnknownField): boolean {
  const parent = field.parent[field.parent.length - 1];
  if (parent === 'namespaceSelector') return field.key === 'matchLabels' || field.key === 'matchExpressions';
  return typeof parent === 'string' && parent.endsWith('NamespaceSelector') && field.key === 'matchNames';
}

export const crdSchema: CheckFunction = ({ object }) => {
  const root = object.value;
  // A kustomize patch holds a partial object: missing fields are expected there.
  const partial = object.partial === true;
  const reports: CheckReport[] = [];
  for (const field of unknownFields(object.kind, root)) {
    if (reportedElsewhere(field)) continue;
    const parent = valueAt(root, field.parent);
    reports.push(unknownReport(object.kind, field, (k) => isObject(parent) && k in parent));
  }
  const seen = new Set<string>();
  for (const error of schemaErrors(object.kind, root)) {
    if (partial && error.keyword === 'required') continue;
    if (stricterThanTheCrd(object.kind, error, valueAt(root, error.path))) continue;
    if (reportedBySchemaValues(error.path, error.keyword, valueAt(root, error.path))) continue;
    const id = `${error.path.join('/')}\0${error.keyword}\0${String(error.params.missingProperty ?? '')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const report = errorReport(object.kind, error, root);
    if (report) reports.push(report);
  }
  const metadata = root.metadata;
  if (!partial && !(isObject(metadata) && (typeof metadata.name === 'string' || typeof metadata.generateName === 'string'))) {
    reports.push({ at: isObject(metadata) ? ['metadata'] : [], data: { detail: `${object.kind} has no \`metadata.name\`: the API server rejects the object.` } });
  }
  return reports;
};
