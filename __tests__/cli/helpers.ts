// Helpers for the CLI tests: run the built CLI (dist/cli.js) in a child process, in temporary
// folders, with an environment that does not leak the test runner's colour settings.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const EXAMPLES = join(ROOT, 'examples');
export const BROKEN = readFileSync(join(EXAMPLES, 'kubelet-broken.yaml'), 'utf8');
export const FIXED = readFileSync(join(EXAMPLES, 'kubelet-fixed.yaml'), 'utf8');

export const MISSING_BUILD_MESSAGE = `${CLI} is missing: run "npm run build" in ${ROOT} before the CLI tests (they spawn the built CLI).`;

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(MISSING_BUILD_MESSAGE);
}

/** ESC, the start of every ANSI escape sequence. */
export const ANSI = /\u001b\[/;

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for children: the test process's, minus what changes colour, debugging or
 * Node's behaviour (jest sets NODE_OPTIONS=--experimental-vm-modules; jest-worker may set FORCE_COLOR).
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS', 'SCRAPELINT_DEBUG', 'CLICOLOR', 'CLICOLOR_FORCE']) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

/** Runs `node dist/cli.js ...args` and waits for it. Standard input is `input`, or empty. */
export function runCli(args: readonly string[], options: RunOptions): RunResult {
  assertBuilt();
  return run(process.execPath, [CLI, ...args], { cwd: options.cwd, env: cleanEnv(options.env), input: options.input ?? '' });
}

export function run(command: string, args: readonly string[], options: SpawnSyncOptions & { input?: string }): RunResult {
  const result = spawnSync(command, [...args], { encoding: 'utf8', timeout: 110_000, maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A describe-scoped factory of temporary folders, all removed by cleanup(). */
export function tempDirs(prefix = 'scrapelint-cli-') {
  const made: string[] = [];
  return {
    make(): string {
      // realpath: on some systems the temp folder is behind a symbolic link (macOS /tmp).
      const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes files (path relative to `root` => contents), creating folders; an empty folder for a path ending in "/". */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith('/')) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { edits: { range: [number, number]; text: string; start: { line: number; column: number }; end: { line: number; column: number } }[] };
}

export interface JsonReport {
  findings: JsonFinding[];
  summary: { errors: number; warnings: number; infos: number; fixable: number; files: number };
}

export function parseReport(stdout: string): JsonReport {
  try {
    return JSON.parse(stdout) as JsonReport;
  } catch (error) {
    throw new Error(`stdout is not JSON (${(error as Error).message}):\n${stdout.slice(0, 2000)}`);
  }
}

/** The set of files that have findings, sorted. */
export function filesOf(report: JsonReport): string[] {
  return [...new Set(report.findings.map((f) => f.file))].sort();
}

/** The ids of the rule files in rules/*.yaml, sorted. */
export function ruleFileIds(): { id: string; severity: string }[] {
  const dir = join(ROOT, 'rules');
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const id = /^id:\s*(\S+)\s*$/m.exec(text)?.[1];
      const severity = /^severity:\s*(\S+)\s*$/m.exec(text)?.[1];
      if (!id || !severity) throw new Error(`rules/${name} has no top-level id or severity`);
      return { id, severity };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Quotes an argument for /bin/sh. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Whether util-linux `script` (to run the CLI on a pseudo-terminal) is available. */
export function hasScript(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('script', ['-qec', 'true', '/dev/null'], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0;
}

/** Asserts the shape of a usage / input error: exit 2, one `scrapelint: ...` line (plus at most the help hint), no stack trace. */
export function expectCleanError(result: RunResult, pattern?: RegExp): string {
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  const problems: string[] = [];
  if (result.status !== 2) problems.push(`exit code ${result.status}, expected 2`);
  if (lines.length < 1 || lines.length > 2) problems.push(`${lines.length} stderr lines, expected 1 (or 2 with the help hint)`);
  if (lines.length >= 1 && !/^scrapelint: \S/.test(lines[0])) problems.push(`first stderr line does not start with "scrapelint: "`);
  if (lines.length === 2 && !/--help/.test(lines[1])) problems.push(`second stderr line is not the help hint`);
  if (/^\s+at\s/m.test(result.stderr) || /\b(Error|TypeError|RangeError):/.test(result.stderr)) problems.push('stderr looks like a stack trace');
  if (/internal error/.test(result.stderr)) problems.push('stderr reports an internal error');
  if (ANSI.test(result.stderr)) problems.push('stderr has ANSI escape codes');
  if (pattern && !pattern.test(lines[0] ?? '')) problems.push(`first stderr line does not match ${pattern}`);
  if (problems.length > 0) {
    throw new Error(`${problems.join('; ')}\n--- stderr ---\n${result.stderr}\n--- stdout ---\n${result.stdout.slice(0, 2000)}`);
  }
  return lines[0];
}
