// The JSON report: a stable contract.
//   {"findings": [{ruleId, severity, message, file, line, column, endLine, endColumn, fix?}],
//    "summary": {errors, warnings, infos, fixable, suggestions, files, objects, suppressed, baselined, unreadable}}
// `objects`: the monitoring objects (ServiceMonitor, PodMonitor, Probe, ScrapeConfig, Prometheus, PrometheusAgent) read.
// `unreadable`: documents that do not parse and are not scrapelint's to judge (not monitoring
// objects, nor objects the rules compare them with), so they give no finding.
// With --fix-dry-run, `diffs: [{file, diff}]` holds the unified diff of each file the fixes change.
// `related[]` (optional) are other objects the finding is about: {file, line, column, endLine, endColumn, message}.
// `fix.edits[]` are {range: [start, end) character offsets, text, start: {line, column}, end: {line, column}}:
// edits that are right in every cluster, which --fix applies. `suggestions[]` are {desc, edits}:
// edits that could change what a working scrape does, offered for review and never applied.
import type { FixEdit, Finding, Summary } from '../engine/finding.js';

const edit = (e: FixEdit) => ({ range: e.range, text: e.text, start: e.start, end: e.end });

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
    ...(f.fix ? { fix: { edits: f.fix.edits.map(edit) } } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map((s) => ({ desc: s.desc, edits: s.edits.map(edit) })) } : {}),
  }));
  // JSON.stringify escapes line breaks, and no line starts with `::`; `##[` can be in a string,
  // where the GitHub runner would read a workflow command (see workflowSafe): `\u005b` is the same `[`.
  return `${JSON.stringify({ findings: out, summary, ...extra }, null, 2)}\n`.replace(/##\[/g, '##\\u005b');
}
