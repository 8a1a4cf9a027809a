// A source text with a line index, so any character offset maps to a 1-based line and column.
// Columns count UTF-16 code units, as JavaScript strings and the `yaml` package do.

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

export class SourceText {
  private starts?: number[];
  /** 1 when the text starts with a byte-order mark, which is not a column of line 1. */
  private readonly bom: number;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Offsets where lines start; built on first use, as most files of a run have no finding. */
  get lineStarts(): readonly number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  /** The line ending the file uses (the first one found), for text we insert. */
  get eol(): string {
    const firstNewline = this.text.indexOf('\n');
    return firstNewline > 0 && this.text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const bom = lo === 0 && offset > 0 ? this.bom : 0;
    return { line: lo + 1, column: offset - starts[lo] + 1 - bom };
  }

  /** Offset of a 1-based line and column. */
  offset(pos: Position): number {
    return this.lineStarts[pos.line - 1] + pos.column - 1 + (pos.line === 1 ? this.bom : 0);
  }

  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    if (line < 1 || line > this.lineStarts.length) return '';
    const start = this.lineContentStart(line);
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, end);
  }

  /** Offset of the first character of a 1-based line (after a byte-order mark on line 1). */
  lineContentStart(line: number): number {
    return this.lineStarts[line - 1] + (line === 1 ? this.bom : 0);
  }

  /** Offset of the start of the line that holds `offset`. */
  lineStartOf(offset: number): number {
    return this.lineStarts[this.position(offset).line - 1];
  }

  /** Offset of the end of the line that holds `offset` (before its line ending). */
  lineEndOf(offset: number): number {
    const line = this.position(offset).line;
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > this.lineStarts[line - 1] && this.text[end - 1] === '\r') end--;
    return end;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
