// A finding's fix as whole lines: which lines of the file it replaces and their new text. This is
// what a pull-request ```suggestion``` needs (it replaces whole lines of the new file).
import type { Finding } from '../engine/finding.js';
import type { SourceText } from '../yaml/source.js';
import { applyEdits } from '../yaml/edits.js';

export interface LineSuggestion {
  /** 1-based first and last line the suggestion replaces. */
  startLine: number;
  endLine: number;
  /** The new text of those lines, lines joined by \n, no final newline. */
  text: string;
}

/** The lines of the finding's fix, or of `edits` (one of its suggestions). */
export function lineSuggestion(finding: Finding, source: SourceText, edits = finding.fix?.edits): LineSuggestion | undefined {
  if (!edits || edits.length === 0) return undefined;
  const from = Math.min(...edits.map((e) => e.range[0]));
  const to = Math.max(...edits.map((e) => e.range[1]));
  const startLine = source.position(from).line;
  let endLine = source.position(to).line;
  // An edit that ends at the very start of a line (it removed whole lines) does not touch that line.
  if (to > from && source.position(to).column === 1) endLine--;
  endLine = Math.max(endLine, startLine);
  const sliceStart = source.lineContentStart(startLine);
  const sliceEnd = source.lineStarts[endLine] ?? source.text.length; // after endLine's line ending
  const shifted = edits.map((e) => ({ range: [e.range[0] - sliceStart, e.range[1] - sliceStart] as [number, number], text: e.text }));
  let text = applyEdits(source.text.slice(sliceStart, sliceEnd), shifted);
  text = text.replace(/\r\n/g, '\n');
  if (source.text.slice(sliceStart, sliceEnd).endsWith('\n') && text.endsWith('\n')) text = text.slice(0, -1);
  return { startLine, endLine, text };
}
