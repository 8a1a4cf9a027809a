// Workflow-command annotations (::error file=...::). GitHub shows only 10 errors and 10 warnings
// per step, so the most severe findings on changed lines go first. The runner cuts a message at
// 4,096 characters without saying so (actions/runner, ExecutionContext's _maxIssueMessageLength):
// messages are cut here first, with a mark.
import * as core from '@actions/core';
import { cut, LIMITS } from './api.js';
import type { Finding } from '../engine/finding.js';
import { SEVERITY_RANK } from '../ruleset/types.js';

export const ANNOTATION_MESSAGE_CHARS = 4096;

export function annotationOrder(findings: readonly Finding[], changed: (f: Finding) => boolean): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      Number(changed(b)) - Number(changed(a)) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}

export function emitAnnotations(findings: readonly Finding[]): void {
  for (const f of findings) {
    const properties: core.AnnotationProperties = { title: cut(f.ruleId, LIMITS.annotationTitle), file: f.file, startLine: f.line, endLine: f.endLine };
    // Columns are allowed only when the annotation is on one line.
    // GitHub's end column is the last flagged column (ours is the one after it), as in the check run.
    if (f.line === f.endLine) {
      properties.startColumn = f.column;
      properties.endColumn = Math.max(f.column, f.endColumn - 1);
    }
    const message = cut(f.message, ANNOTATION_MESSAGE_CHARS, 'chars');
    if (f.severity === 'error') core.error(message, properties);
    else if (f.severity === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
}
