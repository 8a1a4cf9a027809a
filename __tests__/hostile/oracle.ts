// The fuzzer's oracle: what must hold of any input, checked by running the CLI's main() in
// process on a folder holding the mutated files (or the mutated file on standard input):
//   - the exit status is 0 or 1 (2 is for usage errors, which no file content is), and standard
//     error has no `internal error` and no stack trace;
//   - `--format json` parses, and every finding, related location and fix edit lies inside the
//     text it names; the text report exits as the JSON one does;
//   - `--fix-dry-run`'s diffs apply to the texts; `--fix` writes exactly what they give, adds no
//     file to the folder, gives no file a parse error it did not have, and a lint afterwards
//     finds what the dry run said remains.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyPatch } from 'diff';
import { LIMITS } from '../../src/node/safe-files.js';
import { main } from '../../src/cli/main.js';
import type { FuzzInput } from './mutate.js';

export interface Problem {
  kind: 'crash' | 'violation';
  /** Which run found it: lint, text, dry-run, fix, relint. */
  run: string;
  message: string;
  /** For a crash: the top frame of its stack (function and file, no line numbers). */
  frame?: string;
}

export interface Outcome {
  problems: Problem[];
  ms: number;
  /** What the input reached: findings of the first lint, its parse errors, and files the fixes change. */
  reached: { findings: number; parseErrors: number; fixed: number };
}

interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

async function runMain(args: string[], cwd: string, stdin?: string): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  let status: number;
  try {
    status = await main(args, {
      cwd,
      // SCRAPELINT_DEBUG: an internal error comes with its stack, whose top frame tells crashes apart.
      env: { SCRAPELINT_DEBUG: '1' },
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      readStdin: async () => stdin ?? '',
    });
  } catch (error) {
    // main() is meant to catch everything; an error out of it is a crash too.
    const e = error instanceof Error ? error : new Error(String(error));
    err.push(`scrapelint: internal error: ${e.message} (thrown out of main)\n${e.stack ?? ''}\n`);
    status = 2;
  }
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** The first frame of a stack that is the project's code (not a builtin), without positions. */
export function topFrame(stack: string): string | undefined {
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l));
  const own = frames.find((l) => !/\((node:|<anonymous>|native)/.test(l) && !/at (node:|new Promise|<anonymous>)/.test(l)) ?? frames[0];
  if (!own) return undefined;
  const m = /^\s+at (?:async )?(.*?) \((.*?)(?::\d+:\d+)?\)$/.exec(own) ?? /^\s+at (?:async )?()(.*?)(?::\d+:\d+)?$/.exec(own);
  if (!m) return own.trim();
  // Bundled scripts (scripts/run-ts.mjs) name one file, ts-jest the sources: keep the source's name only.
  const file = m[2].replace(/^file:\/\//, '').split(/[\\/]/).pop()!;
  return /^script-\d+\.mjs$/.test(file) ? m[1] || '<anonymous>' : `${m[1] || '<anonymous>'} (${file})`;
}

/** The problems of a run's exit status and standard error. */
function health(run: string, r: RunResult): Problem[] {
  const internal = /internal error: (.*?)(?: \(please report it[^)]*\)| \(thrown out of main\))?$/m.exec(r.stderr);
  if (internal) return [{ kind: 'crash', run, message: internal[1], frame: topFrame(r.stderr) }];
  const problems: Problem[] = [];
  if (r.status !== 0 && r.status !== 1) problems.push({ kind: 'violation', run, message: `exit status ${r.status}: ${r.stderr.split('\n')[0]}` });
  if (/^\s+at \S/m.test(r.stderr)) problems.push({ kind: 'violation', run, message: `stack trace on stderr: ${r.stderr.split('\n')[0]}` });
  return problems;
}

/** A text's lines (split at \n, as the engine's SourceText does) and its byte-order mark. */
class Lines {
  readonly starts: number[] = [0];
  readonly bom: boolean;
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    this.bom = text.charCodeAt(0) === 0xfeff;
  }
  /** Columns a line has room for: its characters (a \r included) and the position after them. */
  maxColumn(line: number): number {
    const end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return end - this.starts[line - 1] + 1 - (line === 1 && this.bom ? 1 : 0);
  }
  position(offset: number): { line: number; column: number } {
    let line = 1;
    while (line < this.starts.length && this.starts[line] <= offset) line++;
    const bom = line === 1 && offset > 0 && this.bom ? 1 : 0;
    return { line, column: offset - this.starts[line - 1] + 1 - bom };
  }
}

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function spanProblem(span: Span, lines: Lines): string | undefined {
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  if (![span.line, span.column, span.endLine, span.endColumn].every(ok)) return 'a position that is not a positive integer';
  const count = lines.starts.length;
  if (span.line > count || span.endLine > count) return `line ${Math.max(span.line, span.endLine)} of a ${count}-line text`;
  if (span.column > lines.maxColumn(span.line)) return `column ${span.column} of line ${span.line}, which has ${lines.maxColumn(span.line) - 1} characters`;
  if (span.endColumn > lines.maxColumn(span.endLine)) return `end column ${span.endColumn} of line ${span.endLine}, which has ${lines.maxColumn(span.endLine) - 1} characters`;
  if (span.endLine < span.line || (span.endLine === span.line && span.endColumn < span.column)) return 'an end before its start';
  return undefined;
}

interface JsonEdit {
  range: [number, number];
  text: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface JsonFinding extends Span {
  ruleId: string;
  file: string;
  related?: (Span & { file: string })[];
  fix?: { edits: JsonEdit[] };
  suggestions?: { edits: JsonEdit[] }[];
}

interface JsonReport {
  findings: JsonFinding[];
  summary: Record<string, number>;
  diffs?: { file: string; diff: string }[];
}

/** Parses a --format json report and checks every location in it against the texts. */
function checkReport(run: string, r: RunResult, texts: Map<string, Lines>): { report?: JsonReport; problems: Problem[] } {
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch (error) {
    return { problems: [{ kind: 'violation', run, message: `--format json output does not parse: ${(error as Error).message}` }] };
  }
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ kind: 'violation', run, message });
  if (!Array.isArray(report.findings) || typeof report.summary !== 'object') {
    fail('the JSON report has no findings list or no summary');
    return { problems };
  }
  for (const f of report.findings) {
    const at = `${f.ruleId} at ${f.file}:${f.line}:${f.column}`;
    const lines = texts.get(f.file);
    if (!lines) {
      fail(`${at}: a file that was not linted`);
      continue;
    }
    const bad = spanProblem(f, lines);
    if (bad) fail(`${at}: ${bad}`);
    for (const rel of f.related ?? []) {
      const other = texts.get(rel.file);
      const badRel = other ? spanProblem(rel, other) : 'a file that was not linted';
      if (badRel) fail(`${at}: related ${rel.file}:${rel.line}:${rel.column}: ${badRel}`);
    }
    for (const e of [...(f.fix?.edits ?? []), ...(f.suggestions ?? []).flatMap((s) => s.edits)]) {
      const [start, end] = e.range;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= lines.text.length)) {
        fail(`${at}: edit range [${start}, ${end}) outside the text of ${lines.text.length} characters`);
        continue;
      }
      const s = lines.position(start);
      const t = lines.position(end);
      if (s.line !== e.start.line || s.column !== e.start.column || t.line !== e.end.line || t.column !== e.end.column) {
        fail(`${at}: edit range [${start}, ${end}) is ${s.line}:${s.column}-${t.line}:${t.column}, but says ${e.start.line}:${e.start.column}-${e.end.line}:${e.end.column}`);
      }
    }
  }
  return { report, problems };
}

const key = (f: JsonFinding) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;
const parseErrors = (report: JsonReport, file: string) => report.findings.filter((f) => f.ruleId === 'parse-error' && f.file === file).length;

function listTree(dir: string): string[] {
  const walk = (d: string, prefix: string): string[] =>
    readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? walk(join(d, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
  return walk(dir, '').sort();
}

/** Writes the input's files under `dir` (emptied first). */
export function writeInput(input: FuzzInput, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of input.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.bytes);
  }
}

/** The text the CLI lints for a file's bytes (as src/node/file-text.ts decodes them). */
function decode(bytes: Buffer): { text: string; utf8: boolean } {
  // UTF-16 with a byte-order mark (either order), the mark kept: kubectl reads such files too.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const units = Buffer.from(bytes);
    if (bytes[0] === 0xfe) for (let i = 0; i + 1 < units.length; i += 2) [units[i], units[i + 1]] = [bytes[i + 1], bytes[i]];
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(units), utf8: false };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), utf8: true };
  } catch {
    return { text: bytes.toString('utf8'), utf8: false };
  }
}

/** Runs the oracle on one input, in `dir` (a scratch folder it empties and fills). */
export async function checkInput(input: FuzzInput, dir: string): Promise<Outcome> {
  const started = performance.now();
  const problems: Problem[] = [];
  writeInput(input, dir);
  const base = ['--no-config', '--format', 'json'];
  const texts = new Map<string, Lines>();
  const decoded = new Map(input.files.map((f) => [f.path, decode(f.bytes)]));
  let paths: string[];
  let stdin: string | undefined;
  if (input.stdin) {
    // As `cat file | scrapelint -` gives it: the bytes as UTF-8, with replacement characters.
    const bytes = input.files.find((f) => f.path === input.target)!.bytes;
    stdin = bytes.toString('utf8');
    texts.set(input.target, new Lines(stdin));
    paths = ['--stdin-filename', input.target, '-'];
  } else {
    for (const [path, d] of decoded) texts.set(path, new Lines(d.text));
    paths = ['.'];
  }
  const reached = { findings: 0, parseErrors: 0, fixed: 0 };
  const done = (): Outcome => ({ problems, ms: performance.now() - started, reached });

  // Past the bound of safe-files.ts (a mutation can make a file that large): one line naming the
  // file and the bound, exit code 2, from every run.
  const overBound = stdin !== undefined ? Buffer.byteLength(stdin, 'utf8') > LIMITS.stdin : input.files.some((f) => /\.(ya?ml|json)$/.test(f.path) && f.bytes.length > LIMITS.manifest);
  if (overBound) {
    for (const run of ['lint', 'text', 'dry-run']) {
      const r = await runMain([...(run === 'text' ? ['--no-config'] : base), ...(run === 'dry-run' ? ['--fix-dry-run'] : []), ...paths], dir, stdin);
      const internal = health(run, r).filter((p) => p.kind === 'crash');
      problems.push(...internal);
      if (internal.length === 0 && (r.status !== 2 || !/^scrapelint: cannot read .+: it is larger than \d+ MiB, the most scrapelint reads from (a manifest|it)\n$/.test(r.stderr))) {
        problems.push({ kind: 'violation', run, message: `an input past its bound: exit status ${r.status}, ${JSON.stringify(r.stderr.slice(0, 200))}` });
      }
    }
    return done();
  }

  const lint = await runMain([...base, ...paths], dir, stdin);
  problems.push(...health('lint', lint));
  const linted = lint.status <= 1 ? checkReport('lint', lint, texts) : { problems: [] };
  problems.push(...linted.problems);
  reached.findings = linted.report?.findings.length ?? 0;
  reached.parseErrors = linted.report?.findings.filter((f) => f.ruleId === 'parse-error').length ?? 0;

  const text = await runMain(['--no-config', ...paths], dir, stdin);
  problems.push(...health('text', text));
  if (problems.length === 0 && text.status !== lint.status) problems.push({ kind: 'violation', run: 'text', message: `the text report exits ${text.status}, the JSON one ${lint.status}` });

  const dry = await runMain([...base, '--fix-dry-run', ...paths], dir, stdin);
  problems.push(...health('dry-run', dry));
  if (dry.status > 1) return done();
  // The dry run reports what remains after the fixes: its positions are in the patched texts.
  let dryJson: JsonReport | undefined;
  try {
    dryJson = JSON.parse(dry.stdout) as JsonReport;
  } catch {
    // checkReport says so below
  }
  const patched = new Map<string, string>();
  for (const { file, diff } of dryJson?.diffs ?? []) {
    const lines = texts.get(file);
    const after = lines ? applyPatch(lines.text, diff) : false;
    if (after === false) problems.push({ kind: 'violation', run: 'dry-run', message: `the diff of ${file} does not apply to it` });
    else patched.set(file, after);
  }
  reached.fixed = patched.size;
  const dryReport = checkReport('dry-run', dry, new Map([...texts].map(([file, lines]) => [file, patched.has(file) ? new Lines(patched.get(file)!) : lines])));
  problems.push(...dryReport.problems);
  if (input.stdin || patched.size === 0 || problems.length > 0 || !linted.report) return done();

  const before = listTree(dir);
  const fix = await runMain([...base, '--fix', '.'], dir);
  problems.push(...health('fix', fix));
  if (fix.status > 1) return done();
  const after = listTree(dir);
  if (after.join('\n') !== before.join('\n')) problems.push({ kind: 'violation', run: 'fix', message: `--fix changed the files of the folder: ${after.filter((f) => !before.includes(f)).join(', ') || 'some are gone'}` });
  for (const f of input.files) {
    const now = readFileSync(join(dir, f.path));
    const expected = decoded.get(f.path)!.utf8 && patched.has(f.path) ? Buffer.from(patched.get(f.path)!, 'utf8') : f.bytes;
    if (!now.equals(expected)) problems.push({ kind: 'violation', run: 'fix', message: `--fix wrote to ${f.path} other than what --fix-dry-run's diff gives` });
  }
  const relint = await runMain([...base, '.'], dir);
  problems.push(...health('relint', relint));
  if (relint.status > 1) return done();
  const fixedTexts = new Map(listTree(dir).map((p) => [p, new Lines(decode(readFileSync(join(dir, p))).text)]));
  const again = checkReport('relint', relint, fixedTexts);
  problems.push(...again.problems);
  if (!again.report) return done();
  for (const f of input.files) {
    const was = parseErrors(linted.report, f.path);
    const now = parseErrors(again.report, f.path);
    if (now > was) problems.push({ kind: 'violation', run: 'relint', message: `--fix gave ${f.path} ${now} parse errors; it had ${was}` });
  }
  // What the dry run said remains is what a lint of the fixed files finds (when every file was written).
  if (!/not fixed/.test(fix.stderr) && dryReport.report) {
    const said = dryReport.report.findings.map(key).sort().join('\n');
    const found = again.report.findings.map(key).sort().join('\n');
    if (said !== found) problems.push({ kind: 'violation', run: 'relint', message: 'a lint after --fix finds other than what --fix-dry-run said remains' });
  }
  return done();
}
