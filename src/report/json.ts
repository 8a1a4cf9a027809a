// The JSON report: a stable contract.
//   {"findings": [{ruleId, severity, message, file, line, column, endLine, endColumn, fix?}],
//    "summary": {errors, warnings, infos, fixable, files, suppressed, baselined}}
// With --fix-dry-run, `diffs: [{file, diff}]` holds the unified diff of each file the fixes change.
// `related[]` (optional) are other objects the finding is about: {file, line, column, endLine, endColumn, message}.
// `fix.edits[]` are {range: [start, end) character offsets, text, start: {line, column}, end: {line, column}}.
import type { Finding, Summary } from '../engine/finding.js';

export function formatJson(findings: readonly Finding[], summary: Summary, extra: Record<string, unknown> = {}): string {
  const out = findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.related ? { related: f.related } : {}),
    ...(f.fix ? { fix: { edits: f.fix.edits.map((e) => ({ range: e.range, text: e.text, start: e.start, end: e.end })) } } : {}),
  }));
  return `${JSON.stringify({ findings: out, summary, ...extra }, null, 2)}\n`;
}
