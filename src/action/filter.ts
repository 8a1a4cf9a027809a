// filter-mode, as reviewdog defines it: which findings a pull-request run reports.
//   added        findings on lines the pull request adds or changes
//   diff_context findings on lines inside the diff's hunks (added or context lines)
//   file         findings in files the pull request changes
//   nofilter     every finding
// A file GitHub sent no patch for (too large) is judged as in `file` mode, whatever the mode.
import type { Finding } from '../engine/finding.js';
import type { FileDiff, PullRequestDiff } from './diff.js';
import type { FilterMode } from './inputs.js';

/**
 * What becomes of a finding: `report` it (it counts for the exit status), `drop` it (the filter
 * leaves it out), or report it `unjudged`: the diff that would say whether the pull request
 * touches it is unknown (unreadable, or GitHub's listing stopped before its file), so it is
 * shown but does not fail the step.
 */
export type Verdict = 'report' | 'drop' | 'unjudged';

export function judge(finding: Finding, mode: FilterMode, diff: PullRequestDiff | undefined): Verdict {
  if (mode === 'nofilter') return 'report';
  if (!diff) return 'unjudged';
  const file = diff.files.get(finding.file);
  if (!file) return diff.complete ? 'drop' : 'unjudged';
  if (mode === 'file' || file.whole) return 'report';
  const lines = mode === 'added' ? file.added : file.inHunks;
  for (let line = finding.line; line <= finding.endLine; line++) if (lines.has(line)) return 'report';
  return 'drop';
}

/** Whether a finding is on lines the pull request adds (for ordering annotations). */
export function onAddedLine(finding: Finding, files: Map<string, FileDiff> | undefined): boolean {
  const file = files?.get(finding.file);
  if (!file) return false;
  if (file.whole) return true;
  for (let line = finding.line; line <= finding.endLine; line++) if (file.added.has(line)) return true;
  return false;
}
