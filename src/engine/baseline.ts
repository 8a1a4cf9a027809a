// A baseline: today's findings recorded so that later runs report only new ones (ESLint's bulk
// suppressions are the model). Entries are keyed by what a finding is about, not where it is:
// rule, file, object (kind namespace/name) and the path in the object, or the message for
// findings about the input itself, with a count. Moving lines around keeps them matching.
import { fnv1a } from '../report/hash.js';
import type { Finding } from './finding.js';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  object?: string;
  path?: string;
  /** A short hash of the message, for findings without an object. */
  message?: string;
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

function keyOf(e: Omit<BaselineEntry, 'count'>): string {
  return [e.ruleId, e.file, e.object ?? '', e.path ?? '', e.message ?? ''].join('\0');
}

/** How the baseline names a finding's file (relative to the baseline file, say). */
export type FileOf = (finding: Finding) => string;
const asIs: FileOf = (f) => f.file;

/**
 * What a finding is about, as one string (the baseline's key): rule, file, object and path in the
 * object, or a hash of the message for findings about the input itself. SARIF fingerprints and
 * review-comment markers hash it, so they survive moved lines as baseline entries do.
 */
export function findingKey(f: Finding): string {
  return keyOf(entryOf(f, asIs));
}

function entryOf(f: Finding, fileOf: FileOf): Omit<BaselineEntry, 'count'> {
  const file = fileOf(f);
  return f.subject ? { ruleId: f.ruleId, file, object: f.subject.object, path: f.subject.path } : { ruleId: f.ruleId, file, message: fnv1a(f.message) };
}

/**
 * A baseline of `findings`. With `previous` and the files this run linted, the previous entries
 * of files not linted now are kept (a run over part of the repository records that part).
 */
export function createBaseline(findings: readonly Finding[], fileOf: FileOf = asIs, previous?: Baseline, linted?: ReadonlySet<string>): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const e of previous?.entries ?? []) if (linted && !linted.has(e.file)) counts.set(keyOf(e), { ...e });
  for (const f of findings) {
    const entry = entryOf(f, fileOf);
    const key = keyOf(entry);
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { ...entry, count: 1 });
  }
  const entries = [...counts.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return { version: 1, entries };
}

export interface BaselineResult {
  /** Findings the baseline does not cover: new ones. */
  reported: Finding[];
  /** How many findings the baseline covered. */
  baselined: number;
  /** Entries (with how many of their count) that matched nothing: the file can be pruned. */
  stale: BaselineEntry[];
  /** The baseline without its stale part. */
  pruned: Baseline;
}

/**
 * The findings the baseline does not cover. Entries of files this run did not lint (`linted`)
 * are neither stale nor pruned.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, fileOf: FileOf = asIs, linted?: ReadonlySet<string>): BaselineResult {
  const left = new Map(baseline.entries.map((e) => [keyOf(e), { entry: e, left: e.count }]));
  const reported: Finding[] = [];
  let baselined = 0;
  for (const f of findings) {
    const slot = left.get(keyOf(entryOf(f, fileOf)));
    if (slot && slot.left > 0) {
      slot.left--;
      baselined++;
    } else reported.push(f);
  }
  const stale: BaselineEntry[] = [];
  const kept: BaselineEntry[] = [];
  for (const { entry, left: n } of left.values()) {
    if (linted && !linted.has(entry.file)) {
      kept.push(entry);
      continue;
    }
    if (n > 0) stale.push({ ...entry, count: n });
    if (entry.count - n > 0) kept.push({ ...entry, count: entry.count - n });
  }
  return { reported, baselined, stale, pruned: { version: 1, entries: kept } };
}

export class BaselineError extends Error {}

/** Reads a baseline file's text. Throws BaselineError when it is not one. */
export function parseBaseline(text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`not JSON (${(error as Error).message})`);
  }
  const v = value as Partial<Baseline>;
  if (v?.version !== 1 || !Array.isArray(v.entries) || !v.entries.every((e) => typeof e?.ruleId === 'string' && typeof e.file === 'string' && Number.isInteger(e.count))) {
    throw new BaselineError('not a scrapelint baseline (version 1 with entries of ruleId, file and count)');
  }
  return v as Baseline;
}
