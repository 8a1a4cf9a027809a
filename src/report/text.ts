// The text report, after ESLint's "stylish": findings grouped by file as
// `line:col  severity  message  rule-id`, each with its source line and a caret under the columns
// (as actionlint does), then a summary line.
import type { Finding, Summary } from '../engine/finding.js';
import type { SourceText } from '../yaml/source.js';
import type { Palette } from './colors.js';

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'blue' } as const;

// C0 control characters except tab, DEL, C1 controls and the Unicode line separators.
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/**
 * Manifest text as the report shows it: control characters escaped (`\n`, `\u001b`), so that a
 * value neither starts a line of its own nor drives the terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Output the GitHub Actions runner takes no workflow command from. It reads `::name::` at the
 * start of a line after leading whitespace, and `##[name]` anywhere in a line (actions/runner
 * ActionCommand.cs, TryParseV2 and TryParse; lines end at \n, \r or \r\n): a zero-width space,
 * which is not whitespace to the runner, goes between the two colons and before the bracket.
 */
export function workflowSafe(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/^([\s\u0085]*):(?=:)/, '$1:\u200b').replace(/##\[/g, '##\u200b[')))
    .join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function excerpt(source: SourceText | undefined, finding: Finding, gutter: number, c: Palette): string[] {
  if (!source) return [];
  const raw = source.lineText(finding.line);
  if (raw.trim() === '') return [];
  const lineNo = String(finding.line).padStart(gutter);
  // Columns of the line as shown, escapes and all.
  const shown = (column: number) => escapeControls(raw.slice(0, column)).length;
  const text = escapeControls(raw);
  const start = shown(finding.column - 1);
  const end = finding.endLine === finding.line ? Math.max(shown(finding.endColumn - 1), start + 1) : Math.max(text.length, start + 1);
  const caret = ' '.repeat(start) + '^'.repeat(Math.min(end, Math.max(text.length, start + 1)) - start);
  return [`    ${c.dim(`${lineNo} |`)} ${text}`, `    ${c.dim(`${' '.repeat(gutter)} |`)} ${c[SEVERITY_COLOR[finding.severity]](caret)}`];
}

export function formatText(findings: readonly Finding[], summary: Summary, sources: Map<string, SourceText>, c: Palette): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, list] of byFile) {
    lines.push(c.underline(escapeControls(file)));
    const gutter = String(Math.max(...list.map((f) => f.line))).length;
    for (const finding of list) {
      const where = `${finding.line}:${finding.column}`;
      const severity = c[SEVERITY_COLOR[finding.severity]](finding.severity.padEnd(7));
      lines.push(`  ${c.dim(where.padEnd(7))} ${severity}  ${escapeControls(finding.message)}  ${c.dim(finding.ruleId)}`);
      lines.push(...excerpt(sources.get(finding.file), finding, gutter, c));
    }
    lines.push('');
  }
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0) {
    lines.push(c.green(`✔ No problems found in ${plural(summary.files, 'file')}.`));
  } else {
    const mark = summary.errors > 0 ? c.red('✖') : summary.warnings > 0 ? c.yellow('⚠') : c.blue('ℹ');
    lines.push(
      `${mark} ${c.bold(`${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`)} in ${plural(summary.files, 'file')}.`,
    );
    const edits = [
      summary.fixable > 0 ? `${summary.fixable} of them ${summary.fixable === 1 ? 'has a fix' : 'have fixes'} that \`scrapelint --fix\` applies` : '',
      (summary.suggestions ?? 0) > 0 ? `${summary.suggestions} ${summary.suggestions === 1 ? 'has a suggestion' : 'have suggestions'} to review, never applied (see --format json)` : '',
    ].filter((e) => e !== '');
    if (edits.length > 0) lines.push(c.dim(`  ${edits.join('; ')}.`));
  }
  const unreadable = summary.unreadable ?? 0;
  if (unreadable > 0) {
    lines.push(c.dim(`  ${plural(unreadable, 'other document')} ${unreadable === 1 ? 'does' : 'do'} not parse; ${unreadable === 1 ? 'it is' : 'they are'} neither monitoring objects nor objects the rules compare them with, so they are not judged.`));
  }
  return workflowSafe(`${lines.join('\n')}\n`);
}
