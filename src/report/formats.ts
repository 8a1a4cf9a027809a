// One-line and machine formats of the CLI besides text and JSON: compact (the unix shape of
// ESLint and actionlint), GitHub workflow commands, and SARIF (as the Action writes it).
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../ruleset/types.js';
import { escapeControls } from './text.js';

/** `file:line:col: severity message [rule]`, one finding per line; a count at the end, as ESLint's unix format. */
export function formatCompact(findings: readonly Finding[]): string {
  const lines = findings.map((f) => `${escapeControls(f.file)}:${f.line}:${f.column}: ${f.severity} ${escapeControls(f.message)} [${f.ruleId}]`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n${lines.length} problem${lines.length === 1 ? '' : 's'}\n`;
}

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's data: `%`, CR and LF escaped (actions/toolkit's escapeData). */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: also `:` and `,` (escapeProperty). */
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub workflow commands (`::error file=...::message`): annotations on the run and the pull request, without the Action. */
export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const properties = [`file=${f.file}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []), `title=${f.ruleId}`]
        .map((p) => { const i = p.indexOf('='); return `${p.slice(0, i)}=${escapeProperty(p.slice(i + 1))}`; })
        .join(',');
      return `::${COMMAND[f.severity]} ${properties}::${escapeData(f.message)}\n`;
    })
    .join('');
}
