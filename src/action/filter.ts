// filter-mode, as reviewdog defines it: which findings a pull-request run reports.
//   added        findings on lines the pull request adds or changes
//   diff_context findings on lines inside the diff's hunks (added or context lines)
//   file         findings in files the pull request changes
//   nofilter     every finding
import type { Finding } from '../engine/finding.js';
import type { FileDiff } from './diff.js';
import type { FilterMode } from './inputs.js';

export function keepFinding(finding: Finding, mode: FilterMode, diff: Map<string, FileDiff> | undefined): boolean {
  if (mode === 'nofilter' || !diff) return true;
  const file = diff.get(finding.file);
  if (!file) return false;
  if (mode === 'file') return true;
  const lines = mode === 'added' ? file.added : file.inHunks;
  for (let line = finding.line; line <= finding.endLine; line++) if (lines.has(line)) return true;
  return false;
}

/** Whether a finding is on lines the pull request adds (for ordering annotations). */
export function onAddedLine(finding: Finding, diff: Map<string, FileDiff> | undefined): boolean {
  const file = diff?.get(finding.file);
  if (!file) return false;
  for (let line = finding.line; line <= finding.endLine; line++) if (file.added.has(line)) return true;
  return false;
}
