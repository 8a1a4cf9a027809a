// Applying fixes, as ESLint does: lint, apply the fixes that do not overlap, lint again, up to
// ten passes. A fix is kept only if the file still parses and crd-schema finds nothing new in
// it; otherwise the finding stays, saying why its fix was not applied. Pure: texts in, texts out.
import { applyEdits, type TextEdit } from '../yaml/edits.js';
import type { Rule } from '../ruleset/types.js';
import { lint, type LintInput, type LintOptions, type LintResult } from './lint.js';
import type { Finding } from './finding.js';

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

/** A run's health for one file: parse errors and crd-schema findings, which a fix must not add. */
function health(file: string, text: string, rules: readonly Rule[]): { parse: number; schema: Set<string> } {
  const guard = rules.filter((r) => r.id === 'parse-error' || r.id === 'crd-schema');
  const { findings } = lint([{ file, text }], { rules: guard });
  return {
    parse: findings.filter((f) => f.ruleId === 'parse-error').length,
    schema: new Set(findings.filter((f) => f.ruleId === 'crd-schema').map((f) => f.message)),
  };
}

function worse(before: ReturnType<typeof health>, after: ReturnType<typeof health>): keyof typeof REJECTED | undefined {
  if (after.parse > before.parse) return 'parse';
  for (const message of after.schema) if (!before.schema.has(message)) return 'schema';
  return undefined;
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
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    }
    for (const [file, candidates] of byFile) {
      const original = texts.get(file)!;
      const baseline = health(file, original, options.rules);
      candidates.sort((a, b) => span(a)[0] - span(b)[0] || span(a)[1] - span(b)[1]);
      let edits: TextEdit[] = [];
      let lastEnd = -Infinity;
      let count = 0;
      for (const finding of candidates) {
        const [start, end] = span(finding);
        // Overlapping (or touching) an applied fix: next pass, on the new text.
        if (start <= lastEnd) continue;
        const trial = [...edits, ...finding.fix!.edits.map((e) => ({ range: e.range, text: e.text }))];
        const problem = worse(baseline, health(file, applyEdits(original, trial), options.rules));
        if (problem) {
          refused.set(key(finding), problem);
          continue;
        }
        edits = trial;
        lastEnd = end;
        count++;
      }
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
  const fixed = new Map([...texts].filter(([file, text]) => inputs.find((i) => i.file === file)!.text !== text));
  return { fixed, applied, result };
}
