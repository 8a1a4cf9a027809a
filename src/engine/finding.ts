// A finding: what a rule reports, where, and the text edits that fix it.
import type { Position } from '../yaml/source.js';
import type { Severity } from '../ruleset/types.js';
import { SEVERITY_RANK } from '../ruleset/types.js';

export interface FixEdit {
  /** [start, end) character offsets in the file. */
  range: [number, number];
  text: string;
  /** 1-based positions of range[0] and range[1]. */
  start: Position;
  end: Position;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** As given to the engine (the shells make it relative to the working directory). */
  file: string;
  line: number;
  column: number;
  /** Position just after the flagged text. */
  endLine: number;
  endColumn: number;
  /** [start, end) character offsets of the flagged text. */
  range: [number, number];
  fix?: { edits: FixEdit[] };
  /** Edits offered for review, never applied by --fix (ESLint's suggestions). */
  suggestions?: { desc: string; edits: FixEdit[] }[];
  /** Other objects the finding is about, with where they are. */
  related?: RelatedPlace[];
  /** The object and the path in it the finding is about (absent for input findings). */
  subject?: { object: string; path: string };
}

export interface RelatedPlace {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  /** Findings with suggestions (edits to review, never applied by --fix). */
  suggestions: number;
  files: number;
  /** Documents that do not parse and are none of scrapelint's business (counted, not reported). */
  unreadable?: number;
  /** The monitoring objects linted. */
  objects?: number;
}

export function summarize(findings: readonly Finding[], files: number): Summary {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    fixable: findings.filter((f) => f.fix).length,
    suggestions: findings.filter((f) => f.suggestions).length,
    files,
  };
}
