// invalid-duration and scrape-timeout-exceeds-interval.
import { DURATION_PATTERN_SOURCE as CRD_DURATION_PATTERN, schemaErrors } from '../../../k8s/crd.js';
import { isObject } from '../../../k8s/objects.js';
import { evaluatePath, formatPath, parsePath, type PathPattern } from '../../path.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { isValidDuration, parseDuration, readDuration } from '../../../k8s/duration.js';
import { nameOf, prometheusesOf, show, specOf } from './common.js';

interface InvalidDurationOptions {
  /** Per kind, the paths (from the object's root) of the fields to check, numbers included. */
  fields?: Record<string, string[]>;
  /** Also every other field the CRD types as Duration (from the schema's pattern errors). */
  otherDurationFields?: boolean;
}

const compiled = new WeakMap<object, Record<string, PathPattern[]>>();

function fieldPatterns(options: InvalidDurationOptions): Record<string, PathPattern[]> {
  let patterns = compiled.get(options);
  if (!patterns) {
    patterns = Object.fromEntries(Object.entries(options.fields ?? {}).map(([kind, paths]) => [kind, paths.map((p) => parsePath(p, false))]));
    compiled.set(options, patterns);
  }
  return patterns;
}

function durationReport(path: readonly (string | number)[], value: unknown): CheckReport | undefined {
  if (typeof value === 'string' && isValidDuration(value)) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined; // other types: crd-schema
  const key = path[path.length - 1];
  const reading = readDuration(value);
  const problems = reading && reading.problems.length > 0 ? reading.problems.join('; ') : 'it needs whole numbers with units y, w, d, h, m, s or ms, largest first';
  const advice = reading
    ? `Write \`${String(key)}: ${reading.suggestion}\`.`
    : 'Write a whole number with a unit, such as `30s` or `1m30s`.';
  const report: CheckReport = { at: [...path], data: { field: String(key), shown: show(value), problems, advice } };
  if (reading && typeof key === 'string') report.fix = [{ in: path.slice(0, -1), set: { [key]: reading.suggestion } }];
  return report;
}

/** Every Duration field of the object that the API server would reject, with the valid form to write. */
export const invalidDuration: CheckFunction = ({ object, options }) => {
  const opts = (options ?? {}) as InvalidDurationOptions;
  const reports: CheckReport[] = [];
  const seen = new Set<string>();
  for (const pattern of fieldPatterns(opts)[object.kind] ?? []) {
    for (const { path, value } of evaluatePath(object.value, pattern)) {
      seen.add(formatPath(path));
      const report = durationReport(path, value);
      if (report) reports.push(report);
    }
  }
  if (opts.otherDurationFields) {
    for (const error of schemaErrors(object.kind, object.value)) {
      if (error.keyword !== 'pattern' || error.params.pattern !== CRD_DURATION_PATTERN || seen.has(formatPath(error.path))) continue;
      seen.add(formatPath(error.path));
      const value = evaluatePath(object.value, error.path)[0]?.value;
      const report = durationReport(error.path, value);
      if (report) reports.push(report);
    }
  }
  return reports;
};

/** The interval the operator uses for an object that sets none: the Prometheus's, default 30s. */
const DEFAULT_SCRAPE_INTERVAL = '30s';

interface Interval {
  ms: number;
  text: string;
  /** How a message names it. */
  description: string;
}

function fallbackInterval(prometheuses: ReturnType<typeof prometheusesOf>, field: string): Interval | undefined {
  if (prometheuses.length === 0) {
    return { ms: 30000, text: DEFAULT_SCRAPE_INTERVAL, description: `the default scrape interval, ${DEFAULT_SCRAPE_INTERVAL} (there is no \`${field}\` here and no Prometheus in the input)` };
  }
  let largest: Interval | undefined;
  for (const prometheus of prometheuses) {
    const raw = specOf(prometheus).scrapeInterval;
    const text = raw === undefined || raw === null || raw === '' ? DEFAULT_SCRAPE_INTERVAL : raw;
    // An interval the operator cannot read: the comparison is unknown, so say nothing.
    if (typeof text !== 'string') return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) return undefined;
    if (!largest || ms > largest.ms) {
      const how = raw === text ? `\`scrapeInterval: ${text}\`` : `its default scrapeInterval, ${text}`;
      largest = { ms, text, description: `the scrape interval of ${prometheus.kind} ${nameOf(prometheus)} (${how}), which applies since there is no \`${field}\` here` };
    }
  }
  if (largest && prometheuses.length > 1) largest.description = largest.description.replace(/^the scrape interval of/, 'the largest scrape interval among the Prometheus objects of the input, that of');
  return largest;
}

/**
 * scrapeTimeout longer than the interval: the operator rejects the whole object. Without an
 * interval on the object, the largest scrapeInterval of the Prometheus objects in the input
 * applies (no false alarm whichever of them selects it), else the default 30s.
 */
export const scrapeTimeoutExceedsInterval: CheckFunction = ({ value, object, index, options }) => {
  if (!isObject(value)) return [];
  const field = ((options ?? {}) as { interval?: string }).interval ?? 'interval';
  const timeoutText = value.scrapeTimeout;
  if (typeof timeoutText !== 'string') return [];
  const timeout = parseDuration(timeoutText);
  if (timeout === undefined) return [];
  let interval: Interval | undefined;
  const own = value[field];
  if (own !== undefined && own !== null && own !== '') {
    if (typeof own !== 'string') return [];
    const ms = parseDuration(own);
    if (ms === undefined) return [];
    interval = { ms, text: own, description: `\`${field}: ${own}\`` };
  } else {
    interval = fallbackInterval(prometheusesOf(index), field);
  }
  if (!interval || interval.ms === 0 || timeout <= interval.ms) return [];
  return [
    {
      at: ['scrapeTimeout'],
      data: { timeout: timeoutText, interval: interval.text, intervalDescription: interval.description, kind: object.kind },
      // Lower the timeout, or raise the interval: a person chooses.
      suggest: [{ desc: `lower \`scrapeTimeout\` to ${interval.text}`, ops: [{ set: { scrapeTimeout: interval.text } }] }],
    },
  ];
};
