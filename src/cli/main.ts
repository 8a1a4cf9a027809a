// The command-line shell: arguments in, files read, the engine run, a report out, an exit code.
import { lint, type LintInput, type LintOptions, type LintResult } from '../engine/lint.js';
import { fixInputs } from '../engine/fixer.js';
import type { Finding } from '../engine/finding.js';
import { unifiedDiff } from '../report/diff.js';
import { writeFixed } from '../node/write-fixes.js';
import type { Palette } from '../report/colors.js';
import { summarize } from '../engine/finding.js';
import { SEVERITY_RANK, type Rule, type Severity } from '../ruleset/types.js';
import { RuleLoadError } from '../ruleset/loader.js';
import { formatText, workflowSafe } from '../report/text.js';
import { formatJson } from '../report/json.js';
import { formatCompact, formatGithub } from '../report/formats.js';
import { toSarif } from '../report/sarif.js';
import { writeFileInside, rootOf } from '../node/safe-files.js';
import { COLORS, NO_COLORS } from '../report/colors.js';
import { ruleDocsUrl } from '../ruleset/docs-url.js';
import { isFixable, renderRuleDoc } from '../ruleset/docs.js';
import { closest } from '../ruleset/functions/nearest.js';
import { packageVersion } from '../node/rules-dir.js';
import { loadConfiguration, type Configuration } from '../node/configuration.js';
import { readBaselineFile, writeBaselineFile } from '../node/baseline-file.js';
import { applyBaseline, createBaseline } from '../engine/baseline.js';
import { ConfigError } from '../config/config.js';
import { init } from './init.js';
import { dirname, resolve } from 'node:path';
import { displayName, InputError, namesAnyManifest } from '../node/files.js';
import { readLintInputs } from '../node/read-inputs.js';
import { HELP, parseCliArgs, UsageError, type CliOptions } from './args.js';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  readStdin(): Promise<string>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

function useColor(options: CliOptions, io: CliIo): boolean {
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return !['0', 'false', ''].includes(io.env.FORCE_COLOR.toLowerCase());
  return io.stdout.isTTY === true;
}

/**
 * `scrapelint rules`: every rule with the severity it has in this configuration (its default, or
 * what the configuration's `rules` say); `scrapelint rules <id>`: one rule's documentation.
 */
function listRules(rules: readonly Rule[], configured: Record<string, Severity | 'off'>, options: CliOptions, io: CliIo): number {
  // The severity a rule reports at here, whether it is on, and how that differs from its default.
  const severityOf = (r: Rule): Severity => { const c = configured[r.id]; return c && c !== 'off' ? c : r.severity; };
  const isOn = (r: Rule) => (configured[r.id] ? configured[r.id] !== 'off' : r.enabled);
  const noteOf = (r: Rule) => {
    const c = configured[r.id];
    if (c === 'off') return r.enabled ? ` (off in this configuration; ${r.severity} by default)` : ' (off by default)';
    if (c && (c !== r.severity || !r.enabled)) return ` (in this configuration; ${r.enabled ? r.severity : 'off'} by default)`;
    return r.enabled ? '' : ' (off by default)';
  };
  const asJson = (r: Rule) => ({ id: r.id, severity: severityOf(r), enabled: isOn(r), kinds: r.kinds, description: r.description, fixable: isFixable(r), docsUrl: ruleDocsUrl(r) });
  if (options.ruleId !== undefined) {
    const rule = rules.find((r) => r.id === options.ruleId);
    if (!rule) {
      const near = closest(options.ruleId, rules.map((r) => r.id));
      throw new UsageError(`unknown rule "${options.ruleId}"${near ? ` (did you mean ${near}?)` : ''}; "scrapelint rules" lists them`);
    }
    if (options.format === 'json') io.stdout.write(`${JSON.stringify({ ...asJson(rule), docs: rule.docs }, null, 2)}\n`);
    else {
      const here = configured[rule.id] ? `\n\nIn this configuration: ${isOn(rule) ? severityOf(rule) : 'off'} (${rule.enabled ? rule.severity : 'off'} by default).` : '';
      io.stdout.write(`${renderRuleDoc(rule).trimEnd()}${here}\n`);
    }
    return EXIT_OK;
  }
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(rules.map(asJson), null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const rule of rules) io.stdout.write(`${rule.id.padEnd(width)}  ${severityOf(rule).padEnd(7)}  ${rule.description}${noteOf(rule)}\n`);
  return EXIT_OK;
}

/** --fix and --fix-dry-run: fix, write (or print the diff), and return what remains. */
function applyFixes(inputs: LintInput[], lintOptions: LintOptions, options: CliOptions, io: CliIo, c: Palette): LintResult & { diffs: { file: string; diff: string }[] } {
  const diffs: { file: string; diff: string }[] = [];
  const accept = (f: Finding) => (!options.fixRules || options.fixRules.includes(f.ruleId)) && (!options.fixTypes || options.fixTypes.includes(f.severity));
  const { fixed, applied, result } = fixInputs(inputs, { ...lintOptions, accept });
  const notes: string[] = [];
  let count = 0;
  let written = 0;
  for (const input of inputs) {
    const after = fixed.get(input.file);
    if (after === undefined) continue;
    if (options.fix === 'dry-run') {
      diffs.push({ file: input.file, diff: unifiedDiff(input.file, input.text, after) });
      count += applied.get(input.file) ?? 0;
      written++;
      continue;
    }
    if (input.notUtf8) {
      notes.push(`${input.file}: not fixed, it is not UTF-8 text`);
      continue;
    }
    const { outcome, reason } = input.path ? writeFixed(input.path, input.text, after) : { outcome: 'failed' as const, reason: 'not a file' };
    if (outcome === 'written') {
      count += applied.get(input.file) ?? 0;
      written++;
    }
    else if (outcome === 'changed-since-read') notes.push(`${input.file}: not fixed, it changed while scrapelint ran`);
    else if (outcome === 'symbolic-link') notes.push(`${input.file}: not fixed, it is a symbolic link`);
    else notes.push(`${input.file}: not fixed, ${reason}`);
  }
  for (const note of notes) io.stderr.write(`scrapelint: ${note}\n`);
  if (options.format === 'text') {
    for (const { diff } of diffs) io.stdout.write(diff);
    io.stdout.write(c.dim(`${options.fix === 'dry-run' ? 'Would apply' : 'Applied'} ${count} fix${count === 1 ? '' : 'es'} in ${written} file${written === 1 ? '' : 's'}; what remains:\n\n`));
  }
  // Files that could not be written are reported as they are on disk.
  if (notes.length > 0 && options.fix === 'write') {
    return { ...lint(inputs.map((i) => (notes.some((n) => n.startsWith(`${i.file}:`)) ? i : { ...i, text: fixed.get(i.file) ?? i.text })), lintOptions), diffs };
  }
  return { ...result, diffs };
}

/** The baseline: --write-baseline records, --prune-baseline prunes, otherwise it filters. */
function applyBaselineFile(
  findings: Finding[],
  inputs: readonly LintInput[],
  configuration: Configuration,
  options: CliOptions,
  io: CliIo,
): { reported: Finding[]; baselined: number; notes: string[] } {
  const path = options.baseline ? resolve(io.cwd, options.baseline) : configuration.baselinePath;
  const shown = displayName(path, io.cwd);
  // Entries name files relative to the baseline file, so runs from any folder match them.
  const base = dirname(path);
  const relativeToBaseline = (file: string) => (file.startsWith('<') ? file : displayName(resolve(io.cwd, file), base));
  const fileOf = (f: Finding) => relativeToBaseline(f.file);
  const linted = new Set(inputs.map((i) => relativeToBaseline(i.file)));
  const previous = readBaselineFile(path, shown);
  if (options.baselineAction === 'write') {
    writeBaselineFile(path, createBaseline(findings, fileOf, previous, linted), shown);
    return { reported: [], baselined: findings.length, notes: [`Wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to the baseline ${shown}.`] };
  }
  if (!previous) {
    if (options.baseline) throw new InputError(`no such baseline file: ${options.baseline}`);
    return { reported: findings, baselined: 0, notes: [] };
  }
  const result = applyBaseline(findings, previous, fileOf, linted);
  const notes: string[] = [];
  if (result.baselined > 0) notes.push(`${result.baselined} finding${result.baselined === 1 ? ' is' : 's are'} in the baseline ${shown} and not reported.`);
  const stale = result.stale.length;
  const entries = (n: number) => `${n} baseline entr${n === 1 ? 'y' : 'ies'}`;
  if (options.baselineAction === 'prune') {
    writeBaselineFile(path, result.pruned, shown);
    if (stale > 0) notes.push(`Pruned ${entries(stale)} that no longer ${stale === 1 ? 'matches' : 'match'} from ${shown}.`);
  } else if (stale > 0) {
    notes.push(`${entries(stale)} no longer ${stale === 1 ? 'matches' : 'match'} any finding: run scrapelint --prune-baseline to drop ${stale === 1 ? 'it' : 'them'}.`);
  }
  return { reported: result.reported, baselined: result.baselined, notes };
}

/** -o FILE: the report, written inside the repository (or the working folder outside one). */
function writeReport(file: string, report: string, cwd: string): void {
  const path = resolve(cwd, file);
  const shown = displayName(path, cwd);
  try {
    writeFileInside(path, report, { roots: [rootOf(cwd, cwd)], shown, createFolders: true });
  } catch (error) {
    const reason = (error as { reason?: string }).reason ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`cannot write the report ${shown}: ${reason}`);
  }
}

export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Diffs, rule descriptions and error messages carry input text too: nothing printed may be a
  // GitHub workflow command.
  const guard = (stream: CliIo['stdout']) => ({ isTTY: stream.isTTY, write: (s: string) => stream.write(workflowSafe(s)) });
  const io: CliIo = { ...rawIo, stdout: guard(rawIo.stdout), stderr: guard(rawIo.stderr) };
  try {
    const options = parseCliArgs(argv);
    if (options.command === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    if (options.command === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (options.command === 'init') return init(options, io);
    const configuration = loadConfiguration({ cwd: io.cwd, configPath: options.config, noConfig: options.noConfig });
    const { rules } = configuration;
    if (options.command === 'rules') return listRules(rules, configuration.lintOptions.severities ?? {}, options, io);
    const started = performance.now();
    const inputs = await readLintInputs(options.paths, {
      cwd: io.cwd,
      stdinName: options.stdinFilename,
      readStdin: io.readStdin,
      exclude: configuration.ignored,
    });
    if (inputs.length === 0 && !options.allowNoFiles && !namesAnyManifest(options.paths, io.cwd)) {
      throw new InputError(`no YAML or JSON file in ${options.paths.join(', ')} (pass --no-error-on-unmatched-pattern if that is expected)`);
    }
    // Flags win over the configuration file.
    const base = configuration.lintOptions;
    const lintOptions: LintOptions = {
      ...base,
      settings: {
        ...base.settings,
        ...(options.namespace ? { defaultNamespace: options.namespace } : {}),
        ...(options.prometheusSelector ? { prometheusSelector: options.prometheusSelector, prometheusSelectorFrom: '--prometheus-selector' } : {}),
        ...(options.operatorRelease !== undefined ? { operatorRelease: options.operatorRelease, operatorReleaseFrom: '--operator-version' } : {}),
      },
    };
    const palette = useColor(options, io) ? COLORS : NO_COLORS;
    const read = performance.now();
    let result: LintResult & { diffs?: { file: string; diff: string }[] };
    if (options.fix) {
      for (const id of options.fixRules ?? []) {
        if (!rules.some((r) => r.id === id)) throw new UsageError(`unknown rule "${id}" for --rule (see scrapelint rules)`);
      }
      result = applyFixes(inputs, lintOptions, options, io, palette);
    } else {
      result = lint(inputs, lintOptions);
    }
    // SCRAPELINT_TIMING=1, like ESLint's TIMING: where the time of a slow run goes.
    if (io.env.SCRAPELINT_TIMING) io.stderr.write(`scrapelint: read ${inputs.length} files in ${(read - started).toFixed(0)} ms, linted in ${(performance.now() - read).toFixed(0)} ms\n`);
    const baseline = applyBaselineFile(result.findings, inputs, configuration, options, io);
    const findings = options.quiet ? baseline.reported.filter((f) => f.severity === 'error') : baseline.reported;
    const summary = { ...summarize(findings, inputs.length), suppressed: result.suppressed, baselined: baseline.baselined, unreadable: result.unreadable, objects: result.objects };
    const extra: Record<string, unknown> = result.diffs && options.fix === 'dry-run' ? { diffs: result.diffs } : {};
    const colors = options.outputFile ? NO_COLORS : palette;
    let report: string;
    if (options.format === 'json') report = formatJson(findings, summary, extra);
    else if (options.format === 'compact') report = formatCompact(findings);
    else if (options.format === 'github') report = formatGithub(findings);
    else if (options.format === 'sarif') report = `${JSON.stringify(toSarif(findings, rules, { version: packageVersion() }), null, 2)}\n`;
    else report = formatText(findings, summary, result.sources, colors) + baseline.notes.map((note) => colors.dim(`${note}\n`)).join('');
    if (options.outputFile) writeReport(options.outputFile, report, io.cwd);
    // Workflow commands are what the github format is for; escapeData keeps each on its line.
    else if (options.format === 'github') rawIo.stdout.write(report);
    else io.stdout.write(report);
    // A mistyped path in CI should not pass silently.
    if (result.objects === 0 && inputs.length > 0) {
      io.stderr.write(`scrapelint: warning: no monitoring object (ServiceMonitor, PodMonitor, Probe, ScrapeConfig, Prometheus, PrometheusAgent) in the ${inputs.length === 1 ? 'file' : `${inputs.length} files`} read; check the paths\n`);
    }
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    if (tooManyWarnings) io.stderr.write(`scrapelint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    if (options.failOn === 'none') return tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
    const threshold = SEVERITY_RANK[options.failOn];
    return tooManyWarnings || findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr.write(`scrapelint: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr.write('Run "scrapelint --help" for usage.\n');
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`scrapelint: invalid configuration: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof RuleLoadError) {
      for (const line of error.message.split('\n')) io.stderr.write(`scrapelint: invalid rule file: ${line}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`scrapelint: internal error: ${message} (please report it; set SCRAPELINT_DEBUG=1 for details)\n`);
    if (io.env.SCRAPELINT_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}
