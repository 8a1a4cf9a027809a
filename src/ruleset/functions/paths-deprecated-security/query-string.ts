// path-query-string: a `?` in a scrape path is escaped to %3F by Prometheus, so the target answers
// 404. Move the query into `params`: a map of lists on endpoints and ScrapeConfigs, a list of
// {name, values} on Probes (where `module` has its own field).
import { isObject } from '../../../k8s/objects.js';
import { renderFlow } from '../../../yaml/edits.js';
import type { CheckFunction, FixOp } from '../../types.js';

interface Options {
  /** Where the path is, relative to the checked value: [path], [metricsPath], [prober, path]. */
  path: string[];
  /** `map`: params: {k: [v]}; `list`: params: [{name: k, values: [v]}] (Probe). */
  params: 'map' | 'list';
  /** The path the operator scrapes when none is written. */
  defaultPath: string;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The query's keys and their values, in order; undefined when it cannot be read safely. */
export function parseQuery(query: string): Map<string, string[]> | undefined {
  if (query.includes('#')) return undefined;
  const out = new Map<string, string[]>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined || key === '') return undefined;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

const code = (key: string, value: unknown) => `\`${key}: ${typeof value === 'string' ? value : renderFlow(value)}\``;

/** Ops that add the query to a map of lists (`params` of an endpoint or a ScrapeConfig). */
function mapOps(params: unknown, query: Map<string, string[]>): FixOp[] | undefined {
  const grouped = Object.fromEntries(query);
  if (params === undefined || params === null) return [{ set: { params: grouped } }];
  if (!isObject(params)) return undefined;
  const ops: FixOp[] = [];
  for (const [key, values] of query) {
    const existing = params[key];
    if (existing === undefined || existing === null) {
      ops.push({ in: ['params'], set: { [key]: values } });
      continue;
    }
    if (!Array.isArray(existing)) return undefined;
    const added = values.filter((v) => !existing.includes(v));
    if (added.length === 1) ops.push({ in: ['params'], append: { [key]: added[0] } });
    else if (added.length > 1) ops.push({ in: ['params'], set: { [key]: [...existing, ...added] } });
  }
  return ops;
}

/** Ops that add the query to a Probe's `params: [{name, values}]` (and `module`). */
function listOps(spec: Record<string, unknown>, query: Map<string, string[]>): FixOp[] | undefined {
  const ops: FixOp[] = [];
  const rest = new Map(query);
  const module = rest.get('module');
  if (module) {
    // `.spec.module` wins over a `module` param: the query's module goes there.
    rest.delete('module');
    if (module.length !== 1) return undefined;
    if (spec.module === undefined || spec.module === null) ops.push({ set: { module: module[0] } });
    else if (spec.module !== module[0]) return undefined;
  }
  if (rest.has('target')) return undefined; // the Probe's targets supply `target`
  const params = spec.params;
  const fresh = [...rest].map(([name, values]) => ({ name, values }));
  if (fresh.length === 0) return ops;
  if (params === undefined || params === null) return [...ops, { set: { params: fresh } }];
  if (!Array.isArray(params)) return undefined;
  const appended: { name: string; values: string[] }[] = [];
  for (const { name, values } of fresh) {
    const index = params.findIndex((p) => isObject(p) && p.name === name);
    if (index < 0) {
      appended.push({ name, values });
      continue;
    }
    const existing = (params[index] as Record<string, unknown>).values;
    if (existing === undefined || existing === null) ops.push({ in: ['params', index], set: { values } });
    else if (!Array.isArray(existing)) return undefined;
    else {
      const added = values.filter((v) => !existing.includes(v));
      if (added.length === 1) ops.push({ in: ['params', index], append: { values: added[0] } });
      else if (added.length > 1) ops.push({ in: ['params', index], set: { values: [...existing, ...added] } });
    }
  }
  if (appended.length === 1) ops.push({ append: { params: appended[0] } });
  else if (appended.length > 1) ops.push({ set: { params: [...params, ...appended] } });
  return ops;
}

export const pathQueryString: CheckFunction = ({ value, options }) => {
  const { path, params, defaultPath } = options as Options;
  if (!isObject(value)) return [];
  const holderPath = path.slice(0, -1);
  const key = path[path.length - 1];
  let holder: unknown = value;
  for (const segment of holderPath) holder = isObject(holder) ? holder[segment] : undefined;
  if (!isObject(holder)) return [];
  const raw = holder[key];
  if (typeof raw !== 'string') return [];
  const mark = raw.indexOf('?');
  if (mark < 0) return [];
  const before = raw.slice(0, mark).trim();
  const fixedPath = before === '' ? defaultPath : before.startsWith('/') ? before : `/${before}`;
  const query = parseQuery(raw.slice(mark + 1));
  const setPath: FixOp = holderPath.length > 0 ? { in: holderPath, set: { [key]: fixedPath } } : { set: { [key]: fixedPath } };
  let moved: FixOp[] | undefined;
  let suggestion: string;
  if (query && query.size === 0) {
    moved = [];
    suggestion = code(key, fixedPath);
  } else if (query && params === 'map') {
    moved = mapOps(value.params, query);
    suggestion = `${code(key, fixedPath)} and ${code('params', Object.fromEntries(query))}`;
  } else if (query) {
    moved = listOps(value, query);
    const names = [...query].filter(([name]) => name !== 'module').map(([name, values]) => ({ name, values }));
    const module = query.get('module');
    suggestion = [code(key, fixedPath), module ? code('module', module.join(',')) : '', names.length > 0 ? code('params', names) : '']
      .filter(Boolean)
      .join(' and ');
  } else {
    suggestion = `${code(key, fixedPath)} and the query's values under \`params\``;
  }
  const fix = moved ? [setPath, ...moved] : undefined;
  const advice = fix ? '' : ' No automatic fix: the query cannot be moved without a choice of yours (it repeats `module` or `target`, clashes with what is there, or does not parse).';
  return [{ at: path, data: { suggestion, advice }, fix }];
};
