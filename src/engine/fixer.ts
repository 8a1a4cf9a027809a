// Applying fixes, as ESLint does: lint, apply the fixes that do not overlap, lint again, up to
// ten passes. A fix is kept only if the file still parses and crd-schema finds nothing new in
// it; otherwise the finding stays, saying why its fix was not applied. Pure: texts in, texts out.
import { applyEdits, type TextEdit } from '../yaml/edits.js';
import type { Rule } from '../ruleset/types.js';
import { lint, type LintInput, type LintOptions, type LintResult } from './lint.js';
import type { Finding } from './finding.js';
import { splitDocuments, type Chunk } from '../yaml/split.js';

export const MAX_FIX_PASSES = 10;

export interface FixOptions extends LintOptions {
  /** Fix only the findings this accepts (--rule, --fix-type). */
  accept?: (finding: Finding) => boolean;
}

export interface FixResult {
  /** The texts after fixing, by file (only files that changed). */
  fixed: Map<string, string>;
  /** How many fixes were applied, by file. */
  applied: Map<string, number>;
  /** The lint result of the fixed texts: what remains. */
  result: LintResult;
}

const REJECTED = {
  parse: 'the fixed file would not parse',
  schema: "the fixed object would fail crd-schema",
} as const;

/** The span a fix touches: from its first edit's start to its last edit's end. */
function span(finding: Finding): [number, number] {
  const edits = finding.fix!.edits;
  return [Math.min(...edits.map((e) => e.range[0])), Math.max(...edits.map((e) => e.range[1]))];
}

/** A run's health for one text: parse errors and crd-schema findings, which a fix must not add. */
interface Health {
  parse: number;
  schema: Set<string>;
}

function health(file: string, text: string, rules: readonly Rule[]): Health {
  const guard = rules.filter((r) => r.id === 'parse-error' || r.id === 'crd-schema');
  const { findings } = lint([{ file, text }], { rules: guard });
  return {
    parse: findings.filter((f) => f.ruleId === 'parse-error').length,
    schema: new Set(findings.filter((f) => f.ruleId === 'crd-schema').map((f) => f.message)),
  };
}

function worse(before: Health, after: Health): keyof typeof REJECTED | undefined {
  if (after.parse > before.parse) return 'parse';
  for (const message of after.schema) if (!before.schema.has(message)) return 'schema';
  return undefined;
}

/** The index of the document (chunk) that holds all of [start, end], or -1. */
function chunkOf(chunks: readonly Chunk[], start: number, end: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= start) lo = mid;
    else hi = mid - 1;
  }
  const chunk = chunks[lo];
  return chunk && chunk.start <= start && end <= chunk.end ? lo : -1;
}

/**
 * The fixes of one file that are applied: in order, each that does not overlap one before it and
 * leaves the file no worse (no new parse error, no new crd-schema message) than it was.
 *
 * The file's documents are parsed and judged each on its own (yaml/parse.ts, and crd-schema looks
 * at one object), so the health of the file is the sum of its documents': each fix is judged by
 * linting only the document it edits, with the fixes already taken there, against the file's
 * health before any fix. That keeps --fix linear in the findings of a file (linting the whole
 * file again for each fix made 1,000 fixes in one file take minutes). A fix whose edits leave
 * its document (none of the built-in ones) makes the file judged whole, as a whole, for each fix.
 */
function chooseFixes(
  file: string,
  original: string,
  candidates: Finding[],
  rules: readonly Rule[],
  refuse: (finding: Finding, reason: keyof typeof REJECTED) => void,
): { edits: TextEdit[]; count: number } {
  const spans = new Map(candidates.map((f) => [f, span(f)]));
  candidates.sort((a, b) => spans.get(a)![0] - spans.get(b)![0] || spans.get(a)![1] - spans.get(b)![1]);
  const baseline = health(file, original, rules);
  const chunks = splitDocuments(original);
  const perDocument = candidates.every((f) => chunkOf(chunks, ...spans.get(f)!) >= 0);
  const edits: TextEdit[] = [];
  let lastEnd = -Infinity;
  let count = 0;
  // Per document: the edits taken in it and its health with them.
  const taken = new Map<number, { edits: TextEdit[]; health: Health }>();
  let parseErrors = baseline.parse;
  for (const finding of candidates) {
    const [start, end] = spans.get(finding)!;
    // Overlapping (or touching) an applied fix: next pass, on the new text.
    if (start <= lastEnd) continue;
    const own = finding.fix!.edits.map((e) => ({ range: e.range, text: e.text }));
    let problem: keyof typeof REJECTED | undefined;
    if (perDocument) {
      const index = chunkOf(chunks, start, end);
      const { start: from, end: to } = chunks[index];
      const slice = original.slice(from, to);
      let state = taken.get(index);
      if (!state) taken.set(index, (state = { edits: [], health: health(file, slice, rules) }));
      const trial = [...state.edits, ...own];
      const after = health(file, applyEdits(slice, trial.map((e) => ({ range: [e.range[0] - from, e.range[1] - from] as [number, number], text: e.text }))), rules);
      const total = parseErrors - state.health.parse + after.parse;
      problem = worse(baseline, { parse: total, schema: after.schema });
      if (!problem) {
        state.edits = trial;
        state.health = after;
        parseErrors = total;
      }
    } else {
      problem = worse(baseline, health(file, applyEdits(original, [...edits, ...own]), rules));
    }
    if (problem) {
      refuse(finding, problem);
      continue;
    }
    edits.push(...own);
    lastEnd = end;
    count++;
  }
  return { edits, count };
}

export function fixInputs(inputs: readonly LintInput[], options: FixOptions): FixResult {
  const texts = new Map(inputs.map((i) => [i.file, i.text]));
  const applied = new Map<string, number>();
  /** Fixes refused, by rule and message, with the reason: they are not offered again. */
  const refused = new Map<string, keyof typeof REJECTED>();
  const key = (f: Finding) => `${f.file}\0${f.ruleId}\0${f.message}`;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings } = lint(
      [...texts].map(([file, text]) => ({ file, text })),
      options,
    );
    let changed = false;
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      if (!f.fix || refused.has(key(f)) || (options.accept && !options.accept(f))) continue;
      let list = byFile.get(f.file);
      if (!list) byFile.set(f.file, (list = []));
      list.push(f);
    }
    for (const [file, candidates] of byFile) {
      const original = texts.get(file)!;
      const { edits, count } = chooseFixes(file, original, candidates, options.rules, (finding, reason) => refused.set(key(finding), reason));
      if (count > 0) {
        texts.set(file, applyEdits(original, edits));
        applied.set(file, (applied.get(file) ?? 0) + count);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const result = lint(
    [...texts].map(([file, text]) => ({ file, text })),
    options,
  );
  for (const finding of result.findings) {
    const reason = refused.get(key(finding));
    if (reason && finding.fix) {
      finding.message = `${finding.message} (The fix was not applied: ${REJECTED[reason]}.)`;
      delete finding.fix;
    }
  }
  const given = new Map(inputs.map((i) => [i.file, i.text]));
  const fixed = new Map([...texts].filter(([file, text]) => given.get(file) !== text));
  return { fixed, applied, result };
}
