// Command-line arguments. Mistakes become a UsageError: one line on stderr and exit code 2.
import { parseArgs } from 'node:util';
import type { Severity } from '../ruleset/types.js';

export class UsageError extends Error {}

export type Format = 'text' | 'json';

export interface CliOptions {
  command: 'lint' | 'rules' | 'help' | 'version';
  paths: string[];
  format: Format;
  failOn: Severity | 'none';
  color?: boolean;
  stdinFilename?: string;
}

export const HELP = `Usage: scrapelint [options] [paths...]
       scrapelint rules [--format text|json]

Lints prometheus-operator monitoring resources (ServiceMonitor, PodMonitor, Probe, ScrapeConfig,
Prometheus) in YAML and JSON manifests. Folders are searched for *.yaml, *.yml and *.json, skipping
node_modules, .git and what .gitignore ignores. "-" reads one stream from standard input.

Options:
  --format text|json        output format (default: text)
  --fail-on error|warning|info|none
                            lowest severity that makes the exit code 1 (default: error)
  --stdin-filename NAME     file name to report for standard input (default: <stdin>)
  --color, --no-color       force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, configuration
or input error.
`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for --${flag}: expected one of ${allowed.join(', ')}`);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // Node's messages are clear but long; keep the first sentence.
    const message = (error as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
  const { values, positionals } = parsed;
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], ['error', 'warning', 'info', 'none'] as const, 'error');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  const color = values.color ? true : values['no-color'] ? false : undefined;
  let command: CliOptions['command'] = 'lint';
  let paths = positionals;
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  else if (positionals[0] === 'rules') {
    // `scrapelint rules` lists the rules; lint a folder named rules with `./rules`.
    if (positionals.length > 1) throw new UsageError(`"rules" takes no arguments (to lint a folder named rules, write ./rules)`);
    command = 'rules';
    paths = [];
  }
  if (command === 'lint' && paths.length === 0) paths = ['.'];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
  return { command, paths, format, failOn, color, stdinFilename: values['stdin-filename'] };
}
