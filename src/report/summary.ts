// The Markdown job summary ($GITHUB_STEP_SUMMARY): counts by severity and a table of findings
// with links to the rule docs, kept under GitHub's 1 MiB limit per step.
import type { Finding, Summary } from '../engine/finding.js';
import { docsUrl } from '../ruleset/docs-url.js';

/** GitHub rejects step summaries over 1 MiB; stay well below it. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

const ICON = { error: '🔴', warning: '🟡', info: '🔵' } as const;

export interface SummaryOptions {
  /** A line under the counts, such as which findings the filter kept. */
  note?: string;
  /** A link to a file at a line, when the run knows the repository. */
  fileUrl?: (file: string, line: number) => string;
  budgetBytes?: number;
  /** A rule's documentation (custom rules have their own). */
  docsUrlOf?: (ruleId: string) => string;
}

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderSummary(findings: readonly Finding[], summary: Summary, options: SummaryOptions = {}): string {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES;
  const head = [
    '## scrapelint',
    '',
    findings.length === 0
      ? `✅ No problems found in ${plural(summary.files, 'file')}.`
      : `**${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}** in ${plural(summary.files, 'file')}.`,
  ];
  if (options.note) head.push('', options.note);
  if (findings.length === 0) return `${head.join('\n')}\n`;
  head.push('', '| Severity | Where | Rule | Message |', '|---|---|---|---|');
  let text = `${head.join('\n')}\n`;
  let shown = 0;
  for (const f of findings) {
    const where = `${f.file}:${f.line}`;
    const whereCell = options.fileUrl ? `[\`${cell(where)}\`](${options.fileUrl(f.file, f.line)})` : `\`${cell(where)}\``;
    const row = `| ${ICON[f.severity]} ${f.severity} | ${whereCell} | [${f.ruleId}](${(options.docsUrlOf ?? docsUrl)(f.ruleId)}) | ${cell(f.message)} |\n`;
    // Keep room for the closing note.
    if (Buffer.byteLength(text) + Buffer.byteLength(row) > budget - 200) break;
    text += row;
    shown++;
  }
  if (shown < findings.length) text += `\n_${findings.length - shown} more findings are not shown here (a job summary is limited to 1 MiB); see the annotations, the check run or the SARIF file._\n`;
  return text;
}
