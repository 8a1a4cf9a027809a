// Finding and loading the configuration for a run: .scrapelint.yaml (or .yml) from the working
// directory up to the repository root, or the file named by --config; its custom rules (data
// only: rule files in the format of rules/, never code); and what it means for the engine.
// Shared by the CLI and the Action.
//
// The configuration's paths (customRules, baseline, ignore, units) are relative to its folder and
// must stay inside its repository: the nearest folder with .git at or above the configuration file
// (without one, the configuration's own folder). `customRules: [/etc/passwd]` or `baseline:
// ../../secret.json` is refused with a ConfigError at the entry, and so is an entry that is a
// symbolic link out of the repository, a special file or a file over its bound (LIMITS in
// safe-files.ts); messages name the entry, never the bytes of the file. The configuration file
// itself is read within the same root and LIMITS.config.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignoreModule from 'ignore';
import { checkRuleIds, configuredSeverities, configuredSettings, parseConfig, ConfigError, type ConfigFile } from '../config/config.js';
import { loadRules, type RuleFileInput } from '../ruleset/loader.js';
import type { LintOptions } from '../engine/lint.js';
import type { Rule } from '../ruleset/types.js';
import { builtinRules, builtinRulesDir, readRulesDir } from './rules-dir.js';
import { FileRefusedError, InputError, isInside, LIMITS, readTextInside, rootOf } from './safe-files.js';

const ignore = ((ignoreModule as unknown as { default?: typeof ignoreModule }).default ?? ignoreModule) as typeof ignoreModule;

export const CONFIG_NAMES = ['.scrapelint.yaml', '.scrapelint.yml'];
export const BASELINE_NAME = '.scrapelint-baseline.json';

export interface Configuration {
  config?: ConfigFile;
  /** Where relative paths of the configuration start: its folder, or the working directory. */
  dir: string;
  rules: Rule[];
  lintOptions: LintOptions;
  /** Whether the configuration's `ignore` patterns exclude an absolute path. */
  ignored: (path: string, isDir: boolean) => boolean;
  baselinePath: string;
  /** The folder the configuration's paths must stay in (its repository; the working directory without a configuration). */
  root: string;
}

/** The configuration file that applies in `cwd`: the nearest one up to the repository root. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A matcher of .gitignore-style patterns relative to `base`, for absolute paths. */
function patterns(base: string, list: readonly string[]): (path: string, isDir?: boolean) => boolean {
  if (list.length === 0) return () => false;
  const matcher = ignore().add([...list]);
  return (path, isDir = false) => {
    const rel = toPosix(relative(base, path));
    if (rel === '' || rel.startsWith('..')) return false;
    return matcher.ignores(isDir ? `${rel}/` : rel);
  };
}

function ruleFilesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  // Links to folders are not followed (they may loop); links to files are read if they stay inside.
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? ruleFilesUnder(join(path, entry.name)) : /\.ya?ml$/.test(entry.name) ? [join(path, entry.name)] : []));
}

/** A ConfigError at the value of `key` (a path into the configuration). */
function errorAt(config: ConfigFile, key: (string | number)[], detail: string): ConfigError {
  const at = config.doc.getIn(key, true) as { range?: [number, number] } | undefined;
  const pos = config.source.position(at?.range?.[0] ?? 0);
  return new ConfigError(config.file, pos.line, pos.column, detail);
}

/** Refuses a configured path that leaves the root, lexically or through a link. */
function checkInside(config: ConfigFile, key: (string | number)[], given: string, path: string, root: string, what: string): void {
  const where = key.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('');
  if (!isInside(root, path)) throw errorAt(config, key, `${where}: ${given} is outside the repository (${root}); ${what} is read from inside it`);
  if (!existsSync(path)) return;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return; // reading it says why
  }
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // the root as given
  }
  if (!isInside(realRoot, real)) throw errorAt(config, key, `${where}: ${given} is a symbolic link that leads outside the repository (to ${real})`);
}

function loadCustomRules(config: ConfigFile, dir: string, cwd: string, root: string): Rule[] {
  if (config.customRules.length === 0) return builtinRules();
  const files: RuleFileInput[] = [];
  config.customRules.forEach((given, i) => {
    const path = resolve(dir, given);
    const key = ['customRules', i];
    checkInside(config, key, given, path, root, 'a custom rule');
    if (!existsSync(path)) throw errorAt(config, key, `customRules[${i}]: no such file or folder: ${given}`);
    for (const file of ruleFilesUnder(path)) {
      const shown = toPosix(relative(cwd, file)) || file;
      try {
        files.push({ path: shown, text: readTextInside(file, { root, shown, maxBytes: LIMITS.customRule, what: 'a custom rule file' }) });
      } catch (error) {
        if (error instanceof FileRefusedError) throw errorAt(config, key, `customRules[${i}]: ${error.message}`);
        throw error;
      }
    }
  });
  const builtin = readRulesDir(builtinRulesDir());
  return loadRules({ ...builtin, files: [...builtin.files, ...files] });
}

export interface ConfigurationOptions {
  cwd: string;
  /** --config PATH */
  configPath?: string;
  /** --no-config: built-in defaults only. */
  noConfig?: boolean;
}

/** Finds, reads and validates the configuration. Throws ConfigError, RuleLoadError or InputError. */
export function loadConfiguration({ cwd, configPath, noConfig }: ConfigurationOptions): Configuration {
  let file: string | undefined;
  if (configPath !== undefined) {
    file = resolve(cwd, configPath);
    if (!existsSync(file)) throw new InputError(`no such configuration file: ${configPath}`);
  } else if (!noConfig) file = findConfig(cwd);
  if (!file) {
    return { dir: cwd, rules: builtinRules(), lintOptions: { rules: builtinRules() }, ignored: () => false, baselinePath: join(cwd, BASELINE_NAME), root: rootOf(cwd, cwd) };
  }
  const shown = toPosix(relative(cwd, file)) || file;
  const dir = dirname(file);
  const root = rootOf(dir, dir);
  const text = readTextInside(file, { root, shown, maxBytes: LIMITS.config, what: 'a configuration file' });
  const schema = readFileSync(join(builtinRulesDir(), 'schema', 'config.schema.json'), 'utf8');
  const config = parseConfig(shown, text, schema);
  const rules = loadCustomRules(config, dir, cwd, root);
  const baselinePath = resolve(dir, config.baseline ?? BASELINE_NAME);
  if (config.baseline !== undefined) {
    checkInside(config, ['baseline'], config.baseline, baselinePath, root, 'the baseline');
    if (existsSync(baselinePath) && !statSync(baselinePath).isFile()) throw errorAt(config, ['baseline'], `baseline: ${config.baseline} is not a regular file`);
  }
  checkRuleIds(config, rules);
  // Findings carry paths relative to the working directory; patterns are relative to the configuration.
  const overrides = config.overrides.map((o) => {
    const matches = patterns(dir, o.files);
    return { matches: (shownFile: string) => matches(resolve(cwd, shownFile)), severities: o.rules };
  });
  return {
    config,
    dir,
    rules,
    lintOptions: {
      rules,
      severities: configuredSeverities(config),
      overrides,
      settings: configuredSettings(config),
      // Relative to the configuration; inputs are named relative to the working directory.
      trees: config.units.map((u) => (relative(cwd, resolve(dir, u)) || '.').split(sep).join('/')),
    },
    ignored: patterns(dir, config.ignore),
    baselinePath,
    root,
  };
}
