// Command-line arguments. Mistakes become a UsageError: one line on stderr and exit code 2.
import { parseArgs } from 'node:util';
import type { Severity } from '../ruleset/types.js';
import { parseSelector, SelectorSyntaxError, type LabelSelector } from '../k8s/selectors.js';
import { parseOperatorVersion } from '../k8s/operator-releases.js';
import { closest } from '../ruleset/functions/nearest.js';

export class UsageError extends Error {}

export const FORMATS = ['text', 'compact', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  command: 'lint' | 'rules' | 'init' | 'help' | 'version';
  paths: string[];
  format: Format;
  /** `scrapelint rules <id>`: the rule to show. */
  ruleId?: string;
  /** -o, --output-file: where the report goes instead of standard output. */
  outputFile?: string;
  failOn: Severity | 'none';
  /** --quiet: report errors only. */
  quiet?: boolean;
  /** --max-warnings N: more warnings than N make the exit code 1. */
  maxWarnings?: number;
  /** --no-error-on-unmatched-pattern: a run that finds no file is not an error. */
  allowNoFiles?: boolean;
  color?: boolean;
  stdinFilename?: string;
  namespace?: string;
  prometheusSelector?: LabelSelector;
  /** The operator release (its minor version), from --operator-version. */
  operatorRelease?: number;
  /** --fix writes the fixes, --fix-dry-run prints them as a diff. */
  fix?: 'write' | 'dry-run';
  /** --fix-type: fix only findings of these severities. */
  fixTypes?: Severity[];
  /** --rule: fix only these rules. */
  fixRules?: string[];
  /** --config PATH */
  config?: string;
  /** --no-config */
  noConfig?: boolean;
  /** --baseline PATH */
  baseline?: string;
  /** --write-baseline / --prune-baseline */
  baselineAction?: 'write' | 'prune';
  /** init --force */
  force?: boolean;
}

export const HELP = `Usage: scrapelint [options] [paths...]
       scrapelint rules [RULE-ID] [--format text|json]
       scrapelint init [--force]
       scrapelint help

Lints prometheus-operator monitoring resources (ServiceMonitor, PodMonitor, Probe, ScrapeConfig,
Prometheus) in YAML and JSON manifests. Folders are searched for *.yaml, *.yml and *.json, skipping
node_modules, .git and what .gitignore ignores. "-" reads one stream from standard input.

Options:
  -f, --format FORMAT       text (default), compact (file:line:col: severity message [rule]),
                            json, sarif (SARIF 2.1.0) or github (workflow commands)
  -o, --output-file FILE    write the report to FILE (inside the repository) instead of stdout
  --quiet                   report errors only
  --max-warnings N          exit 1 when there are more than N warnings
  --no-error-on-unmatched-pattern
                            a path with no YAML or JSON file in it is not an error (exit 2)
  --fail-on error|warning|info|none
                            lowest severity that makes the exit code 1 (default: error)
  --stdin-filename NAME     file name to report for standard input (default: <stdin>)
  -n, --namespace NAME      namespace of objects that name none, as kubectl apply -n (default: unknown)
  --prometheus-selector SELECTOR
                            the label selector of the Prometheus that should select the monitors,
                            for runs without the Prometheus object (e.g. release=kps)
  --operator-version VERSION
                            the prometheus-operator release the manifests are applied to (e.g.
                            v0.48.1; default: the newest): fields its CRDs do not have are reported
  --fix                     apply the fixes to the files, then report what remains
  --fix-dry-run             print the fixes as a unified diff; change nothing
  --fix-type error,warning,info
                            with --fix: fix only findings of these severities
  --rule RULE-ID            with --fix: fix only this rule (repeatable)
  -c, --config PATH         the configuration file (default: .scrapelint.yaml or .scrapelint.yml,
                            from here up to the repository root)
  --no-config               use no configuration file
  --baseline PATH           the baseline file (default: .scrapelint-baseline.json beside the
                            configuration); findings it records are not reported
  --write-baseline          record every finding of this run in the baseline file
  --prune-baseline          drop the baseline entries that no longer match
  --color, --no-color       force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, configuration
or input error.
`;

/** ` (did you mean X?)` when one candidate is a small edit away from `value`. */
function didYouMean(value: string, candidates: readonly string[]): string {
  const best = closest(value, candidates);
  return best ? ` (did you mean ${best}?)` : '';
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for --${flag}: expected one of ${allowed.join(', ')}${didYouMean(value, allowed)}`);
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'prometheus-selector': { type: 'string' },
  'operator-version': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-type': { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'boolean' },
  'prune-baseline': { type: 'boolean' },
  force: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    // Node's messages are clear but long; keep the first sentence.
    const message = (error as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    const unknown = /^Unknown option '(--[^']+)'/.exec(message);
    const hint = unknown ? didYouMean(unknown[1], Object.keys(OPTIONS).map((o) => `--${o}`)) : '';
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1) + hint);
  }
  const { values, positionals } = parsed;
  const format = oneOf('format', values.format, FORMATS, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], ['error', 'warning', 'info', 'none'] as const, 'error');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  const color = values.color ? true : values['no-color'] ? false : undefined;
  let command: CliOptions['command'] = 'lint';
  let ruleId: string | undefined;
  let paths = positionals;
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  else if (positionals[0] === 'help') {
    if (positionals.length > 1) throw new UsageError('"help" takes no arguments (to lint a folder named help, write ./help)');
    command = 'help';
    paths = [];
  }
  else if (positionals[0] === 'init') {
    if (positionals.length > 1) throw new UsageError('"init" takes no arguments (to lint a folder named init, write ./init)');
    command = 'init';
    paths = [];
  } else if (positionals[0] === 'rules') {
    // `scrapelint rules` lists the rules, `scrapelint rules <id>` shows one; lint a folder named rules with `./rules`.
    if (positionals.length > 2) throw new UsageError(`"rules" takes at most one rule id (to lint a folder named rules, write ./rules)`);
    command = 'rules';
    ruleId = positionals[1];
    paths = [];
    if (format !== 'text' && format !== 'json') throw new UsageError(`"rules" lists the rules as text or json, not ${format}`);
  }
  if (command === 'lint' && paths.length === 0) paths = ['.'];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
  const namespace = values.namespace;
  if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) throw new UsageError(`invalid namespace "${namespace}" for --namespace`);
  let prometheusSelector: LabelSelector | undefined;
  if (values['prometheus-selector'] !== undefined) {
    try {
      prometheusSelector = parseSelector(values['prometheus-selector']);
    } catch (error) {
      if (error instanceof SelectorSyntaxError) throw new UsageError(`--prometheus-selector: ${error.message}`);
      throw error;
    }
  }
  let operatorRelease: number | undefined;
  if (values['operator-version'] !== undefined) {
    const release = parseOperatorVersion(values['operator-version']);
    if ('error' in release) throw new UsageError(`--operator-version: ${release.error}`);
    operatorRelease = release.minor;
  }
  if (values.force && command !== 'init') throw new UsageError('--force is for "scrapelint init"');
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`invalid value "${values['max-warnings']}" for --max-warnings: expected a whole number, 0 or more`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  if (values['write-baseline'] && values['prune-baseline']) throw new UsageError('--write-baseline and --prune-baseline cannot be used together');
  if ((values['write-baseline'] || values['prune-baseline']) && (values.fix || values['fix-dry-run'])) throw new UsageError('the baseline options cannot be used with --fix');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const fix = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  if (!fix && (values['fix-type'] || values.rule)) throw new UsageError('--fix-type and --rule need --fix or --fix-dry-run');
  if (fix === 'write' && paths.includes('-')) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run to see the diff');
  const fixTypes = values['fix-type']?.flatMap((v) => v.split(',')).map((v) => oneOf('fix-type', v.trim(), ['error', 'warning', 'info'] as const, 'error'));
  return {
    command,
    paths,
    format,
    outputFile: values['output-file'],
    ruleId,
    failOn,
    quiet: values.quiet,
    maxWarnings,
    allowNoFiles: values['no-error-on-unmatched-pattern'],
    color,
    stdinFilename: values['stdin-filename'],
    namespace,
    prometheusSelector,
    operatorRelease,
    fix,
    fixTypes,
    fixRules: values.rule?.flatMap((v) => v.split(',')).map((v) => v.trim()),
    config: values.config,
    noConfig: values['no-config'],
    baseline: values.baseline,
    baselineAction: values['write-baseline'] ? 'write' : values['prune-baseline'] ? 'prune' : undefined,
    force: values.force,
  };
}
