// What a pull request changes in what scrapelint checks, said out loud, and an input that keeps
// the policy out of the pull request's hands.
//
// A pull request can make its own check green by changing the policy instead of the manifests:
// its .scrapelint.yaml (`ignore: ["**"]`, rules turned off), the baseline, or suppression
// comments on the lines it adds. The Action then says what changed, as a warning in the log and on
// the file, in the check run and in the job summary, compared with the base commit of the pull
// request (read from the checked-out git history when it holds that commit, else through the
// contents API at the base SHA).
//
// `config-from: base` reads the configuration, the custom rule files it names and the baseline
// from the base commit instead of the checkout, so that what a pull request changes there does not
// apply to it; when the base's versions cannot be read, the step fails with one line (it never
// falls back to the pull request's own). Suppression comments live in the manifests: they apply
// either way, and are reported either way.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import ignoreModule from 'ignore';
import { Lexer, parseDocument } from 'yaml';
import { ConfigError, parseConfig } from '../config/config.js';
import { applyBaseline, parseBaseline, type Baseline } from '../engine/baseline.js';
import type { Finding } from '../engine/finding.js';
import { BASELINE_NAME, CONFIG_NAMES, findConfig, loadConfiguration, type Configuration } from '../node/configuration.js';
import { readBaselineFile } from '../node/baseline-file.js';
import { collectFiles, displayName, InputError } from '../node/files.js';
import { FileRefusedError, LIMITS, readTextInside } from '../node/safe-files.js';
import { builtinRulesDir } from '../node/rules-dir.js';
import { markdownCode } from '../report/markdown.js';
import { escapeControls } from '../report/text.js';
import type { Rule } from '../ruleset/types.js';
import type { SourceText } from '../yaml/source.js';
import { ApiError, cut, PermissionError, type Octokit } from './api.js';
import type { PullRequestDiff } from './diff.js';
import type { ConfigFrom } from './inputs.js';
import type { PullRequest } from './pull-request.js';

const ignore = ((ignoreModule as unknown as { default?: typeof ignoreModule }).default ?? ignoreModule) as typeof ignoreModule;

/** The most custom rule files read from the base commit. */
export const MAX_BASE_RULE_FILES = 1000;
/** How many places a notice names before it says "and N more". */
const EXAMPLES = 5;

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const code = (value: string) => markdownCode(cut(value, 300, 'chars')) || '""';
const why = (error: unknown) => cut(error instanceof Error ? error.message : String(error), 500, 'chars');

// ---- the base commit ------------------------------------------------------------------------

/** The base commit's files cannot be read (or this one is not a regular file there). */
export class BaseReadError extends Error {}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number;
}

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The HTTP status of a failed API request, as api.ts reports it. */
function statusOf(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.status;
  if (error instanceof PermissionError) {
    const match = /: (40[34])\b/.exec(error.message);
    return match ? Number(match[1]) : 403;
  }
  return undefined;
}

/**
 * The files of the pull request's base commit: from the checked-out git history when it holds the
 * commit (actions/checkout with `fetch-depth: 0`; nothing from the repository's git configuration
 * runs: no fsmonitor, no textconv, no pager), else through the contents API at the base SHA.
 * Paths are relative to the repository root, with forward slashes.
 */
export class BaseCommit {
  private via?: 'git' | 'api';
  private tree?: Map<string, TreeEntry>;
  private readonly texts = new Map<string, Promise<string | undefined>>();

  constructor(
    readonly sha: string,
    private readonly workspace: string,
    private readonly octokit: Octokit | undefined,
    private readonly repo: { owner: string; repo: string },
  ) {}

  get short(): string {
    return this.sha.slice(0, 12);
  }

  private git(args: string[], maxBuffer = 256 * 1024 * 1024): { ok: true; stdout: Buffer } | { ok: false; error: string } {
    const result = spawnSync('git', ['-c', 'core.fsmonitor=false', '--no-pager', ...args], {
      cwd: this.workspace,
      maxBuffer,
      timeout: 120_000,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.error) return { ok: false, error: (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : result.error.message };
    if (result.status !== 0) {
      const lines = result.stderr.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
      return { ok: false, error: lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? `exit ${result.status}` };
    }
    return { ok: true, stdout: result.stdout };
  }

  /** How the commit is read: git when the checkout holds it, else the API. */
  private source(): 'git' | 'api' {
    if (this.via) return this.via;
    this.via = COMMIT.test(this.sha) && this.git(['cat-file', '-e', `${this.sha}^{commit}`]).ok ? 'git' : 'api';
    return this.via;
  }

  /** Where the text was read from, for messages. */
  describe(): string {
    return this.source() === 'git' ? `the base commit ${this.short} (git history)` : `the base commit ${this.short}`;
  }

  private gitTree(): Map<string, TreeEntry> {
    if (this.tree) return this.tree;
    const listed = this.git(['ls-tree', '-r', '-l', '-z', '--full-tree', this.sha]);
    if (!listed.ok) throw new BaseReadError(`git ls-tree ${this.short}: ${listed.error}`);
    const tree = new Map<string, TreeEntry>();
    for (const record of listed.stdout.toString('utf8').split('\0')) {
      const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([\s\S]+)$/.exec(record);
      if (match) tree.set(match[5], { mode: match[1], type: match[2], object: match[3], size: match[4] === '-' ? 0 : Number(match[4]) });
    }
    this.tree = tree;
    return tree;
  }

  private tooLarge(path: string, maxBytes: number): BaseReadError {
    return new BaseReadError(`${path} is larger than ${maxBytes / 1024 / 1024} MiB at the base commit ${this.short}, the most scrapelint reads from such a file`);
  }

  private gitBlob(path: string, entry: TreeEntry, maxBytes: number): string {
    if (entry.mode === '120000') throw new BaseReadError(`${path} is a symbolic link at the base commit ${this.short}; it is not followed`);
    if (entry.type !== 'blob') throw new BaseReadError(`${path} is not a file at the base commit ${this.short}`);
    if (entry.size > maxBytes) throw this.tooLarge(path, maxBytes);
    const blob = this.git(['cat-file', 'blob', entry.object], maxBytes + 1024);
    if (!blob.ok) throw new BaseReadError(`git cat-file ${path}: ${blob.error}`);
    return blob.stdout.toString('utf8');
  }

  private client(): Octokit {
    if (!this.octokit) throw new BaseReadError('the checkout does not hold the base commit (actions/checkout with `fetch-depth: 0` fetches it), and there is no github-token to read it through the API');
    return this.octokit;
  }

  /** The contents API's answer for a path at the base commit; undefined where nothing is there (404). */
  private async content(path: string): Promise<unknown> {
    try {
      const { data } = await this.client().rest.repos.getContent({ ...this.repo, path, ref: this.sha });
      return data;
    } catch (error) {
      if (error instanceof BaseReadError) throw error;
      if (statusOf(error) === 404) return undefined;
      throw new BaseReadError(`GitHub: ${why(error)}`);
    }
  }

  private async apiFile(path: string, maxBytes: number): Promise<string | undefined> {
    const data = (await this.content(path)) as { type?: string; encoding?: string; content?: string; size?: number } | unknown[] | undefined;
    if (data === undefined) return undefined;
    if (Array.isArray(data)) throw new BaseReadError(`${path} is a folder at the base commit ${this.short}`);
    if (data.type === 'symlink') throw new BaseReadError(`${path} is a symbolic link at the base commit ${this.short}; it is not followed`);
    if (data.type !== 'file') throw new BaseReadError(`${path} is not a file at the base commit ${this.short}`);
    if ((data.size ?? 0) > maxBytes) throw this.tooLarge(path, maxBytes);
    if (data.encoding !== 'base64' || typeof data.content !== 'string') {
      // GitHub sends no content for files over 1 MB through this API.
      throw new BaseReadError(`${path} at the base commit ${this.short} is too large for the contents API (over 1 MB); actions/checkout with \`fetch-depth: 0\` lets scrapelint read it from git`);
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  }

  /** A file's text at the base commit, at most maxBytes of it; undefined when it is not there. Throws BaseReadError. */
  read(path: string, maxBytes: number): Promise<string | undefined> {
    let text = this.texts.get(path);
    if (!text) {
      text = (async () => {
        if (this.source() === 'api') return this.apiFile(path, maxBytes);
        const entry = this.gitTree().get(path);
        if (entry) return this.gitBlob(path, entry, maxBytes);
        if ([...this.gitTree().keys()].some((p) => p.startsWith(`${path}/`))) throw new BaseReadError(`${path} is a folder at the base commit ${this.short}`);
        return undefined;
      })();
      this.texts.set(path, text);
    }
    return text;
  }

  /**
   * The rule files a `customRules` entry names at the base commit, as loadConfiguration reads
   * them: the file itself, or the *.yaml and *.yml files of the folder and the folders below it.
   * Undefined when nothing is there.
   */
  async ruleFiles(path: string): Promise<{ path: string; text: string }[] | undefined> {
    const isRuleFile = (name: string) => /\.ya?ml$/.test(name);
    const tooMany = () => new BaseReadError(`${path} holds more than ${MAX_BASE_RULE_FILES} files at the base commit ${this.short}`);
    if (this.source() === 'git') {
      const tree = this.gitTree();
      if (tree.has(path)) return [{ path, text: this.gitBlob(path, tree.get(path)!, LIMITS.customRule) }];
      const under = [...tree.keys()].filter((p) => p.startsWith(`${path}/`));
      if (under.length === 0) return undefined;
      const files = under.filter((p) => isRuleFile(posix.basename(p)));
      if (files.length > MAX_BASE_RULE_FILES) throw tooMany();
      return files.map((p) => ({ path: p, text: this.gitBlob(p, tree.get(p)!, LIMITS.customRule) }));
    }
    const top = await this.content(path);
    if (top === undefined) return undefined;
    if (!Array.isArray(top)) return [{ path, text: (await this.apiFile(path, LIMITS.customRule))! }];
    const out: { path: string; text: string }[] = [];
    const walk = async (entries: unknown[]) => {
      for (const entry of entries as { type: string; path: string; name: string }[]) {
        if (entry.type === 'dir') {
          const inner = await this.content(entry.path);
          if (Array.isArray(inner)) await walk(inner);
        } else if (isRuleFile(entry.name)) {
          if (entry.type !== 'file') throw new BaseReadError(`${entry.path} is a ${entry.type} at the base commit ${this.short}; it is not followed`);
          if (out.length >= MAX_BASE_RULE_FILES) throw tooMany();
          const text = await this.apiFile(entry.path, LIMITS.customRule);
          if (text !== undefined) out.push({ path: entry.path, text });
        }
      }
    };
    await walk(top);
    return out;
  }
}

// ---- loading the policy ---------------------------------------------------------------------

export interface PolicyOptions {
  workspace: string;
  /** The `config` input ('' to find .scrapelint.yaml or .scrapelint.yml). */
  config: string;
  configFrom: ConfigFrom;
  pr?: PullRequest;
  octokit?: Octokit;
  repo: { owner: string; repo: string };
}

export interface Policy {
  configuration: Configuration;
  /** Where the configuration and the baseline were read: the checkout or the base commit. */
  from: ConfigFrom;
  /** The baseline to apply (read from the base commit with config-from base). */
  readBaseline(): Baseline | undefined;
  options: PolicyOptions;
  base?: BaseCommit;
}

/** A path from the configuration or an input, relative to the repository root; undefined when it leaves the repository. */
function inRepository(fromDir: string, given: string): string | undefined {
  if (given === '' || posix.isAbsolute(given) || isAbsolute(given)) return undefined;
  const path = posix.normalize(posix.join(fromDir, given.split(sep).join('/')));
  if (path === '..' || path.startsWith('../') || path === '.' || path === '') return undefined;
  return path.replace(/\/+$/, '');
}

/** The workspace-relative path of the `config` input, checked to be inside the repository. */
function configInputPath(workspace: string, given: string): string {
  const rel = toPosix(relative(workspace, resolve(workspace, given)));
  if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) throw new InputError(`config-from: base: the configuration file ${given} is outside the repository`);
  return rel;
}

/** The same configuration, with its folders moved from `from` to `to` (where the files it is about are). */
function moved(configuration: Configuration, from: string, to: string): Configuration {
  const move = (path: string) => join(to, relative(from, path));
  return {
    ...configuration,
    dir: move(configuration.dir),
    baselinePath: move(configuration.baselinePath),
    root: move(configuration.root),
    ignored: (path, isDir) => configuration.ignored(join(from, relative(to, path)), isDir),
  };
}

/**
 * The configuration and the baseline for this run: the checked-out ones, or with `config-from:
 * base` on a pull request, the base commit's. Throws InputError, ConfigError or RuleLoadError (one
 * line each).
 */
export async function loadPolicy(options: PolicyOptions): Promise<Policy> {
  const { workspace, pr } = options;
  const fromHead = (): Policy => {
    const configuration = loadConfiguration({ cwd: workspace, configPath: options.config || undefined });
    return {
      configuration,
      from: 'head',
      readBaseline: () => readBaselineFile(configuration.baselinePath, configuration.baselinePath),
      options,
      ...(pr?.baseSha ? { base: new BaseCommit(pr.baseSha, workspace, options.octokit, options.repo) } : {}),
    };
  };
  if (options.configFrom === 'head') return fromHead();
  if (!pr) {
    core.info('scrapelint: config-from: base applies to pull requests; this run is not one, so the checked-out configuration is used.');
    return fromHead();
  }
  if (!pr.baseSha || !COMMIT.test(pr.baseSha)) throw new InputError('config-from: base: the event names no base commit of the pull request');
  const base = new BaseCommit(pr.baseSha, workspace, options.octokit, options.repo);
  const fail = (what: string, error: unknown): never => {
    if (error instanceof InputError) throw error;
    throw new InputError(`config-from: base: cannot read ${what} at the base commit ${base.short}: ${why(error)}`);
  };

  // Which configuration file: the one the `config` input names, else the first of the names the CLI looks for.
  let configPath: string | undefined;
  let configText: string | undefined;
  const candidates = options.config ? [configInputPath(workspace, options.config)] : CONFIG_NAMES;
  for (const name of candidates) {
    try {
      configText = await base.read(name, LIMITS.config);
    } catch (error) {
      fail(name, error);
    }
    if (configText !== undefined) {
      configPath = name;
      break;
    }
  }
  if (options.config && configPath === undefined) throw new InputError(`config-from: base: no configuration file ${candidates[0]} at the base commit ${base.short}`);

  // The base commit's files go to a private temporary folder (a repository of its own, so that
  // loadConfiguration keeps their paths inside it), are loaded from there and removed.
  const root = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'scrapelint-base-'));
  mkdirSync(join(root, '.git'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  try {
    let configuration: Configuration;
    let baselinePath: string;
    if (configPath === undefined || configText === undefined) {
      configuration = loadConfiguration({ cwd: workspace, noConfig: true });
      baselinePath = BASELINE_NAME;
    } else {
      const dir = posix.dirname(configPath);
      let parsed;
      try {
        parsed = parseConfig(configPath, configText, readFileSync(join(builtinRulesDir(), 'schema', 'config.schema.json'), 'utf8'));
      } catch (error) {
        if (error instanceof ConfigError) throw new InputError(`config-from: base: invalid configuration at the base commit ${base.short}: ${error.message}`);
        throw error;
      }
      write(configPath, configText);
      for (const [i, given] of parsed.customRules.entries()) {
        const path = inRepository(dir, given);
        if (path === undefined) throw new InputError(`config-from: base: customRules[${i}] of ${configPath} at the base commit ${base.short} is outside the repository: ${escapeControls(given)}`);
        let files: { path: string; text: string }[] | undefined;
        try {
          files = await base.ruleFiles(path);
        } catch (error) {
          fail(path, error);
        }
        // Nothing there: loadConfiguration says so, at the entry's line.
        for (const file of files ?? []) write(file.path, file.text);
      }
      const shown = inRepository(dir, parsed.baseline ?? BASELINE_NAME);
      if (shown === undefined) throw new InputError(`config-from: base: the baseline of ${configPath} at the base commit ${base.short} is outside the repository: ${escapeControls(parsed.baseline ?? '')}`);
      baselinePath = shown;
      try {
        configuration = moved(loadConfiguration({ cwd: root, configPath }), root, workspace);
      } catch (error) {
        if (error instanceof ConfigError) throw new InputError(`config-from: base: invalid configuration at the base commit ${base.short}: ${error.message}`);
        throw error;
      }
    }
    let baseline: Baseline | undefined;
    let baselineText: string | undefined;
    try {
      baselineText = await base.read(baselinePath, LIMITS.baseline);
    } catch (error) {
      fail(`the baseline ${baselinePath}`, error);
    }
    if (baselineText !== undefined) {
      try {
        baseline = parseBaseline(baselineText);
      } catch (error) {
        throw new InputError(`config-from: base: ${baselinePath} at the base commit ${base.short}: ${why(error)}`);
      }
    }
    core.info(
      `scrapelint: config-from: base: ${configPath ? `the configuration ${configPath}` : 'no configuration file (the built-in defaults)'} and ${baseline ? `the baseline ${baselinePath}` : 'no baseline'} of ${base.describe()}.`,
    );
    return { configuration, from: 'base', readBaseline: () => baseline, options, base };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// ---- what the pull request changes ----------------------------------------------------------

/** One thing the pull request changes in what scrapelint checks: text with `code spans`. */
export interface PolicyNotice {
  text: string;
  /** Where the annotation goes. */
  file?: string;
  line?: number;
  /** The change applies to this run (config-from base keeps configuration changes out). */
  applies: boolean;
}

export interface PolicyRun {
  /** The `paths` input. */
  paths: readonly string[];
  /** The files linted, named relative to the workspace. */
  lintedFiles: readonly string[];
  sources: ReadonlyMap<string, SourceText>;
  /** Every finding, before the baseline. */
  findings: readonly Finding[];
}

export interface PolicyDiff {
  diff?: PullRequestDiff;
  /** GitHub's listing, which counts removed files (the diff leaves them out). */
  listed?: { listed: number; complete: boolean; files: ReadonlyMap<string, unknown> };
}

type HeadFile = { text: string } | { absent: true } | { problem: string };

/** A file of the checkout, read as loadConfiguration reads it (inside the repository, within its bound). */
function readHead(workspace: string, path: string, maxBytes: number): HeadFile {
  const full = join(workspace, path);
  try {
    lstatSync(full);
  } catch {
    return { absent: true };
  }
  try {
    return { text: readTextInside(full, { root: workspace, shown: path, maxBytes }) };
  } catch (error) {
    if (error instanceof FileRefusedError) return { problem: error.reason };
    throw error;
  }
}

const headText = (file: HeadFile) => ('text' in file ? file.text : undefined);

/** A configuration file's values, as written (undefined when it is not a YAML mapping). */
function configValues(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return {};
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) return undefined;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return {};
    return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const json = (value: unknown) => (value === undefined ? 'unset' : code(JSON.stringify(value) ?? String(value)));

/** How the configuration's values differ, one phrase each: `key` now X (was Y). */
function configChanges(was: Record<string, unknown>, now: Record<string, unknown>, rules: readonly Rule[]): string[] {
  const phrases: string[] = [];
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  for (const key of keys) {
    if (key === 'rules') {
      const before = (was.rules && typeof was.rules === 'object' ? was.rules : {}) as Record<string, unknown>;
      const after = (now.rules && typeof now.rules === 'object' ? now.rules : {}) as Record<string, unknown>;
      for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
        if (JSON.stringify(before[id]) === JSON.stringify(after[id])) continue;
        const byDefault = rules.find((r) => r.id === id);
        const level = (v: unknown) =>
          v === undefined ? (byDefault ? `the default (${code(byDefault.enabled === false ? 'off' : byDefault.severity)})` : 'unset') : code(typeof v === 'string' ? v : JSON.stringify(v));
        phrases.push(`${code(`rules.${id}`)} now ${level(after[id])} (was ${level(before[id])})`);
      }
      continue;
    }
    if (JSON.stringify(was[key]) === JSON.stringify(now[key])) continue;
    phrases.push(`${code(key)} now ${json(now[key])} (was ${json(was[key])})`);
  }
  return phrases;
}

/** A .gitignore-style matcher of `patterns` relative to `base`, as configuration.ts builds it. */
function ignoring(base: string, patterns: unknown): (path: string, isDir: boolean) => boolean {
  const list = Array.isArray(patterns) ? patterns.filter((p): p is string => typeof p === 'string') : [];
  if (list.length === 0) return () => false;
  const matcher = ignore().add(list);
  return (path, isDir) => {
    const rel = toPosix(relative(base, path));
    if (rel === '' || rel.startsWith('..')) return false;
    return matcher.ignores(isDir ? `${rel}/` : rel);
  };
}

function places(list: readonly string[]): string {
  const shown = list.slice(0, EXAMPLES).map(code).join(', ');
  return list.length > EXAMPLES ? `${shown} and ${list.length - EXAMPLES} more` : shown;
}

const DIRECTIVE = /^#\s*scrapelint-(disable-next-line|disable-line|disable)(?![\w-])/;
const ANNOTATION = /^\s*(?:-\s+)?["']?scrapelint\.dev\/ignore["']?\s*:/;

/** The suppressions written on the lines `lines` of a file: comment directives (as suppressions.ts reads them) and ignore annotations. */
function suppressionsOn(source: SourceText, lines: (line: number) => boolean): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  if (source.text.includes('scrapelint-disable')) {
    let offset = 0;
    for (const token of new Lexer().lex(source.text)) {
      if (token === '\x02' || token === '\x18' || token === '\x1f') continue; // the lexer's markers are not source text
      if (token.startsWith('#') && DIRECTIVE.test(token)) {
        const line = source.position(offset).line;
        if (lines(line)) out.push({ line, text: token.trimEnd() });
      }
      offset += token.length;
    }
  }
  if (source.text.includes('scrapelint.dev/ignore')) {
    for (let line = 1; line <= source.lineCount; line++) {
      if (lines(line) && ANNOTATION.test(source.lineText(line))) out.push({ line, text: source.lineText(line).trim() });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * What the pull request changes in what scrapelint checks, compared with its base commit: the
 * configuration, the baseline, suppressions on the lines it adds. Reading the base commit is
 * needed only for a policy file the pull request touches (or may have removed).
 */
export async function policyNotices(policy: Policy, reading: PolicyDiff, run: PolicyRun): Promise<PolicyNotice[]> {
  const { workspace, pr } = policy.options;
  if (!pr) return [];
  const notices: PolicyNotice[] = [];
  const { diff, listed } = reading;
  // GitHub's listing counts removed files, which the diff leaves out: without one, nothing was removed.
  const removals = !listed || !listed.complete || listed.listed > listed.files.size;
  const touched = (path: string) => !diff || !diff.complete || diff.files.has(path) || removals;
  const base = policy.base;
  const applies = policy.from === 'head';
  const notApplied = ' It does not apply to this run: config-from: base reads the base commit\'s.';
  const unreadable: string[] = [];

  // The configuration.
  const candidates = policy.options.config ? [toPosix(relative(workspace, resolve(workspace, policy.options.config)))] : CONFIG_NAMES;
  const headConfig =
    policy.from === 'head'
      ? policy.configuration.config?.file
      : policy.options.config
        ? candidates[0]
        : ((found) => (found ? toPosix(relative(workspace, found)) : undefined))(findConfig(workspace));
  let baseConfig: string | undefined;
  let baseConfigText: string | undefined;
  let configChanged = false;
  let was: Record<string, unknown> = {};
  let now: Record<string, unknown> = {};
  if (base && candidates.some(touched)) {
    try {
      for (const name of candidates) {
        baseConfigText = await base.read(name, LIMITS.config);
        if (baseConfigText !== undefined) {
          baseConfig = name;
          break;
        }
      }
      const head = headConfig === undefined ? ({ absent: true } as HeadFile) : readHead(workspace, headConfig, LIMITS.config);
      const nowText = headText(head);
      if ('problem' in head) {
        configChanged = true;
        notices.push({ text: `This pull request changes the configuration ${code(headConfig!)}, which could not be compared with the base commit's: ${head.problem}.`, file: headConfig, line: 1, applies });
      } else if (nowText !== baseConfigText) {
        configChanged = true;
        const file = headConfig ?? baseConfig!;
        const verb = baseConfigText === undefined ? 'adds the configuration' : nowText === undefined ? 'removes the configuration' : 'changes the configuration';
        const named = headConfig !== undefined && baseConfig !== undefined && headConfig !== baseConfig ? `${code(headConfig)} (was ${code(baseConfig)})` : code(file);
        const before = configValues(baseConfigText);
        const after = configValues(nowText);
        const parts: string[] = [];
        if (before === undefined || after === undefined) parts.push(`${after === undefined ? 'its new version' : "the base commit's version"} is not a valid YAML mapping`);
        else {
          was = before;
          now = after;
          parts.push(...configChanges(before, after, policy.configuration.rules));
          if (nowText === undefined) parts.push('the built-in defaults apply');
          // Which files the change stops linting (or starts), under the `paths` of this run.
          const baseDir = join(workspace, posix.dirname(baseConfig ?? file));
          const headDir = join(workspace, posix.dirname(file));
          if (JSON.stringify(before.ignore) !== JSON.stringify(after.ignore) || baseDir !== headDir) {
            try {
              const list = (exclude: (p: string, d: boolean) => boolean) => new Set(collectFiles(run.paths, workspace, exclude).map((p) => displayName(p, workspace)));
              const lintedByBase = list(ignoring(baseDir, before.ignore));
              const lintedByHead = applies ? new Set(run.lintedFiles) : list(ignoring(headDir, after.ignore));
              const dropped = [...lintedByBase].filter((f) => !lintedByHead.has(f)).sort();
              const gained = [...lintedByHead].filter((f) => !lintedByBase.has(f)).sort();
              if (dropped.length > 0) parts.push(`${plural(dropped.length, 'file')} that the base commit's configuration lints ${applies ? (dropped.length === 1 ? 'is not linted now' : 'are not linted now') : 'would not be linted'} (${places(dropped)})`);
              if (gained.length > 0) parts.push(`${plural(gained.length, 'file')} ${applies ? (gained.length === 1 ? 'is' : 'are') : 'would be'} linted that it does not lint`);
            } catch {
              // The paths could not be walked again; the values above still say what changed.
            }
          }
        }
        notices.push({
          text: `This pull request ${verb} ${named}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.${applies ? '' : notApplied}`,
          file: nowText === undefined ? undefined : file,
          line: 1,
          applies,
        });
      }
    } catch (error) {
      unreadable.push(`the configuration (${why(error)})`);
    }
  }

  // The baseline: the one each side's configuration names.
  const baselineOf = (config: string | undefined, values: Record<string, unknown>) =>
    inRepository(config ? posix.dirname(config) : '.', typeof values.baseline === 'string' ? values.baseline : BASELINE_NAME) ?? BASELINE_NAME;
  if (!configChanged && headConfig !== undefined) {
    now = configValues(headText(readHead(workspace, headConfig, LIMITS.config))) ?? {};
    was = now;
  }
  const headBaseline =
    policy.from === 'head' ? toPosix(relative(workspace, policy.configuration.baselinePath)) : baselineOf(headConfig, now);
  const baseBaseline = configChanged ? baselineOf(baseConfig, was) : headBaseline;
  if (base && (configChanged || touched(headBaseline) || touched(baseBaseline))) {
    try {
      const head = readHead(workspace, headBaseline, LIMITS.baseline);
      const nowText = headText(head);
      const wasText = await base.read(baseBaseline, LIMITS.baseline);
      if ('problem' in head) {
        notices.push({ text: `This pull request changes the baseline ${code(headBaseline)}, which could not be compared with the base commit's: ${head.problem}.`, file: headBaseline, line: 1, applies });
      } else if (nowText !== wasText || headBaseline !== baseBaseline) {
        const parse = (text: string | undefined): Baseline | undefined | 'invalid' => {
          if (text === undefined) return undefined;
          try {
            return parseBaseline(text);
          } catch {
            return 'invalid';
          }
        };
        const before = parse(wasText);
        const after = parse(nowText);
        const verb = wasText === undefined ? 'adds the baseline' : nowText === undefined ? 'removes the baseline' : 'changes the baseline';
        const named = headBaseline !== baseBaseline && wasText !== undefined && nowText !== undefined ? `${code(headBaseline)} (was ${code(baseBaseline)})` : code(nowText === undefined ? baseBaseline : headBaseline);
        const parts: string[] = [];
        if (before === 'invalid' || after === 'invalid') parts.push(`${after === 'invalid' ? 'its new version' : "the base commit's version"} is not a scrapelint baseline`);
        else if (nowText !== wasText) {
          const reported = (baseline: Baseline | undefined, file: string) => {
            if (!baseline) return new Set(run.findings);
            const dir = join(workspace, posix.dirname(file));
            return new Set(applyBaseline(run.findings, baseline, (f) => displayName(resolve(workspace, f.file), dir)).reported);
          };
          const byBase = reported(before, baseBaseline);
          const byHead = reported(after, headBaseline);
          const hidden = run.findings.filter((f) => byBase.has(f) && !byHead.has(f));
          const shown = run.findings.filter((f) => !byBase.has(f) && byHead.has(f));
          const where = (list: readonly Finding[]) => places(list.map((f) => `${f.file}:${f.line} ${f.ruleId}`));
          if (hidden.length > 0) parts.push(`${plural(hidden.length, 'finding')} newly baselined, ${applies ? 'so not reported' : 'which would not be reported'} (${where(hidden)})`);
          if (shown.length > 0) parts.push(`${plural(shown.length, 'finding')} no longer baselined`);
          if (hidden.length === 0 && shown.length === 0) parts.push('no finding of this run is baselined differently');
        }
        notices.push({
          text: `This pull request ${verb} ${named}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.${applies ? '' : notApplied}`,
          file: nowText === undefined ? undefined : headBaseline,
          line: 1,
          applies,
        });
      }
    } catch (error) {
      unreadable.push(`the baseline (${why(error)})`);
    }
  }
  if (unreadable.length > 0) {
    notices.push({
      text: `Could not tell whether this pull request changes what scrapelint checks: ${base ? `${base.describe()}'s` : "the base commit's"} ${unreadable.join(' and ')} could not be read.`,
      applies: true,
    });
  }

  // Suppressions on the lines the pull request adds (these apply whatever config-from says).
  if (diff) {
    const added: { place: string; text: string; file: string; line: number }[] = [];
    let inWholeFiles = 0;
    for (const [file, changes] of diff.files) {
      const source = run.sources.get(file);
      if (!source) continue;
      const found = suppressionsOn(source, changes.whole ? () => true : (line) => changes.added.has(line));
      if (changes.whole) inWholeFiles += found.length;
      for (const s of found) added.push({ place: `${file}:${s.line}`, text: cut(s.text, 120, 'chars'), file, line: s.line });
    }
    if (added.length > 0) {
      const list = added.slice(0, EXAMPLES).map((s) => `${code(s.place)} ${code(s.text)}`).join(', ');
      const more = added.length > EXAMPLES ? ` and ${added.length - EXAMPLES} more` : '';
      const whole = inWholeFiles > 0 ? ` (${inWholeFiles} of them in files GitHub shows no diff for, which may be older)` : '';
      notices.push({
        text: `This pull request adds ${plural(added.length, 'suppression')}${whole}: ${list}${more}.`,
        file: added[0].file,
        line: added[0].line,
        applies: true,
      });
    }
  }
  return notices;
}

/**
 * Says what the pull request changes: a warning for each change that applies to this run (a
 * notice for those config-from base keeps out), on the file where one is named. Returns the lines
 * for the check run and the job summary. Reading the base commit failing is said, never fatal.
 */
export async function reportPolicyChanges(policy: Policy, reading: PolicyDiff, run: PolicyRun): Promise<string[]> {
  let notices: PolicyNotice[];
  try {
    notices = await policyNotices(policy, reading, run);
  } catch (error) {
    notices = [{ text: `Could not tell whether this pull request changes what scrapelint checks: ${why(error)}`, applies: true }];
  }
  for (const notice of notices) {
    const properties: core.AnnotationProperties = { title: 'scrapelint policy', ...(notice.file ? { file: notice.file, startLine: notice.line ?? 1 } : {}) };
    const message = `scrapelint: ${cut(notice.text, 4000, 'chars')}`;
    if (notice.applies) core.warning(message, properties);
    else core.notice(message, properties);
  }
  return notices.map((n) => n.text);
}
