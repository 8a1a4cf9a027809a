// The Markdown job summary ($GITHUB_STEP_SUMMARY): counts by severity and a table of findings
// with links to the rule docs, kept under GitHub's 1 MiB limit per step. Every value from the
// repository (messages, file names, rule ids, custom rules' docs links) is escaped (markdown.ts):
// it shows as text and opens no mention, link or HTML.
import type { Finding, Summary } from '../engine/finding.js';
import { docsUrl } from '../ruleset/docs-url.js';
import { markdownCode, markdownInline, markdownLink, markdownText } from './markdown.js';

/** GitHub rejects step summaries over 1 MiB; stay well below it. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

const ICON = { error: '🔴', warning: '🟡', info: '🔵' } as const;

export interface SummaryOptions {
  /** A line under the counts, such as which findings the filter kept (text with `code spans`). */
  note?: string;
  /**
   * What the pull request changes in what scrapelint checks (its configuration, the baseline,
   * suppressions), one line each (text with `code spans`), shown under the counts.
   */
  policy?: readonly string[];
  /** A link to a file at a line, when the run knows the repository. */
  fileUrl?: (file: string, line: number) => string;
  budgetBytes?: number;
  /** A rule's documentation (custom rules have their own). */
  docsUrlOf?: (ruleId: string) => string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const TABLE = { table: true } as const;

export function renderSummary(findings: readonly Finding[], summary: Summary, options: SummaryOptions = {}): string {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES;
  const head = [
    '## scrapelint',
    '',
    findings.length === 0
      ? `✅ No problems found in ${plural(summary.files, 'file')}.`
      : `**${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}** in ${plural(summary.files, 'file')}.`,
  ];
  if (options.note) head.push('', markdownInline(options.note));
  // Cut, so that however much the pull request changes, the findings keep their room.
  for (const line of options.policy ?? []) head.push('', `⚠️ ${markdownInline(line.length > 4000 ? `${line.slice(0, 4000)} … (cut)` : line)}`);
  if (findings.length === 0) return `${head.join('\n')}\n`;
  head.push('', '| Severity | Where | Rule | Message |', '|---|---|---|---|');
  let text = `${head.join('\n')}\n`;
  let shown = 0;
  for (const f of findings) {
    const where = markdownCode(`${f.file}:${f.line}`, TABLE);
    const whereCell = options.fileUrl ? markdownLink(where, options.fileUrl(f.file, f.line)) : where;
    const ruleCell = markdownLink(markdownText(f.ruleId), (options.docsUrlOf ?? docsUrl)(f.ruleId));
    const row = `| ${ICON[f.severity]} ${f.severity} | ${whereCell} | ${ruleCell} | ${markdownInline(f.message, TABLE)} |\n`;
    // Keep room for the closing note.
    if (Buffer.byteLength(text) + Buffer.byteLength(row) > budget - 200) break;
    text += row;
    shown++;
  }
  if (shown < findings.length) text += `\n_${findings.length - shown} more findings are not shown here (a job summary is limited to 1 MiB); see the annotations, the check run or the SARIF file._\n`;
  return text;
}
