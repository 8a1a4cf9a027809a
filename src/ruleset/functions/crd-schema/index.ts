// crd-schema: what the API server rejects or silently prunes in a monitoring.coreos.com object.
import { schemaErrors, DURATION_PATTERN_SOURCE, type SchemaError } from '../../../k8s/crd.js';
import { isObject } from '../../../k8s/objects.js';
import { fieldAddedAfter, kindAddedIn, NEWEST_MINOR, prunedFields, releaseHasField, releaseHasKind, releaseName, type ReleaseField } from '../../../k8s/operator-releases.js';
import { formatPath } from '../../path.js';
import { renderFlow } from '../../../yaml/edits.js';
import type { CheckFunction, CheckReport, FixOp, LintSettings } from '../../types.js';
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

function unknownReport(kind: string, field: ReleaseField, present: (key: string) => boolean, minor: number): CheckReport {
  const advice = ADVICE[kind]?.[field.key];
  if (advice) {
    return {
      at: [...field.parent, field.key],
      atKey: true,
      data: { detail: `${kind} has no field \`${field.key}\` at ${where(field.parent)}: the API server drops it silently. ${advice}` },
    };
  }
  const suggestion = (field.parent.length === 1 && field.parent[0] === 'spec' ? MEANT[kind]?.[field.key] : undefined) ?? didYouMean(field.key, field.known);
  const added = suggestion && !releaseHasField(kind, field.parent, suggestion, minor) ? fieldAddedAfter(kind, field.parent, suggestion, minor) : undefined;
  const hint = suggestion ? ` Did you mean \`${suggestion}\`?${added !== undefined ? ` (It came in ${releaseName(added)}: on ${releaseName(minor)} it is pruned too.)` : ''}` : '';
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
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { at: path, data: { detail: `${where(path)} is \`${show(value)}\`; the CRD requires it to be ${String(params.comparison)} ${String(params.limit)}: the API server rejects the object.` } };
    case 'minLength':
      return { at: path, data: { detail: `${where(path)} must not be ${Number(params.limit) === 1 ? 'empty' : `shorter than ${String(params.limit)} characters`}: the API server rejects the object.` } };
    case 'minItems':
      return { at: path, data: { detail: `${where(path)} must have at least ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}: the API server rejects the object.` } };
    case 'maxItems':
      return { at: path, data: { detail: `${where(path)} may have at most ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}: the API server rejects the object.` } };
    case 'uniqueItems':
      return { at: [...path, Number(params.i)], data: { detail: `${where([...path, Number(params.i)])} repeats item ${String(params.j)} of a list the CRD declares a set (x-kubernetes-list-type: set): the API server rejects the object.` } };
    case 'listMapKeys': {
      const keys = (params.keys as string[]).map((k, i) => `${k}: ${show((params.values as unknown[])[i])}`).join(', ');
      return { at: path, data: { detail: `${where(path)} has the same key (${keys}) as an earlier item of a list the CRD keys by ${(params.keys as string[]).map((k) => `\`${k}\``).join(', ')} (x-kubernetes-list-type: map): the API server rejects the object.` } };
    }
    case 'cel':
      return { at: path, data: { detail: `${where(path)}: ${error.message} (the CRD's rule \`${String(params.rule)}\`): the API server rejects the object.` } };
    default:
      return { at: path, data: { detail: `${where(path)} ${error.message}: the API server rejects the object.` } };
  }
}

/** Unknown fields another rule reports better: selectors of the wrong shape (selector-wrong-shape). */
function reportedElsewhere(field: ReleaseField): boolean {
  const parent = field.parent[field.parent.length - 1];
  if (parent === 'namespaceSelector') return field.key === 'matchLabels' || field.key === 'matchExpressions';
  return typeof parent === 'string' && parent.endsWith('NamespaceSelector') && field.key === 'matchNames';
}

/** The release judged against, as messages name it. */
function releaseLabel(settings: LintSettings): { minor: number; label: string } {
  if (settings.operatorRelease !== undefined) return { minor: settings.operatorRelease, label: `operator ${releaseName(settings.operatorRelease)} (${settings.operatorReleaseFrom ?? 'as configured'})` };
  return { minor: NEWEST_MINOR, label: `operator ${releaseName(NEWEST_MINOR)}, the newest release (set \`operator.version\` or --operator-version to the one you run)` };
}

function releaseReport(kind: string, field: ReleaseField, label: string): CheckReport {
  const when = [field.addedIn !== undefined ? `it was added in ${releaseName(field.addedIn)}` : '', field.removedIn !== undefined ? `it was removed in ${releaseName(field.removedIn)}` : '']
    .filter(Boolean)
    .join('; ');
  return {
    at: [...field.parent, field.key],
    atKey: true,
    data: { detail: `The CRD of ${kind} in ${label} has no field \`${field.key}\` at ${where(field.parent)} (${when}): the CRDs of that release drop it silently, and its operator would not know it anyway, so the setting never takes effect.` },
  };
}

const keyOf = (path: readonly (string | number)[]) => path.map(String).join('\u0000');

export const crdSchema: CheckFunction = ({ object, settings }) => {
  const root = object.value;
  // A kustomize patch holds a partial object: missing fields are expected there.
  const partial = object.partial === true;
  const reports: CheckReport[] = [];
  const { minor, label } = releaseLabel(settings);
  if (!releaseHasKind(object.kind, minor)) {
    // No CRD for the kind in that release: the API server has no such resource to apply it to.
    return [{ at: ['kind'], data: { detail: `${label} has no ${object.kind} CRD (it came in ${releaseName(kindAddedIn(object.kind) ?? NEWEST_MINOR)}): the API server refuses the object.` } }];
  }
  const pruned: string[] = [];
  for (const field of prunedFields(object.kind, root, minor)) {
    if (reportedElsewhere(field)) continue;
    pruned.push(keyOf([...field.parent, field.key]));
    const parent = valueAt(root, field.parent);
    reports.push(field.inOtherRelease ? releaseReport(object.kind, field, label) : unknownReport(object.kind, field, (k) => isObject(parent) && k in parent, minor));
  }
  const under = (path: readonly (string | number)[]) => {
    const key = keyOf(path);
    return pruned.some((p) => key === p || key.startsWith(`${p}\u0000`));
  };
  const seen = new Set<string>();
  for (const error of schemaErrors(object.kind, root, minor)) {
    // A patch's missing fields come from its base; a CEL rule reads the whole object.
    if (partial && (error.keyword === 'required' || error.keyword === 'cel')) continue;
    if (under(error.path)) continue;
    if (reportedBySchemaValues(error.path, error.keyword, valueAt(root, error.path))) continue;
    const id = `${error.path.join('/')}\0${error.keyword}\0${String(error.params.missingProperty ?? error.params.rule ?? '')}`;
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
