// Reading a rules folder from disk: rules/*.yaml plus rules/schema/. Shared by the CLI and the Action.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrecompiled, loadRules, type RuleSetInput } from '../ruleset/loader.js';
import { PRECOMPILED } from '../ruleset/precompiled.js';
import type { Rule } from '../ruleset/types.js';

/**
 * The scrapelint package's folder. The code runs from src/ (tests) or dist/ (bundles), so walk up
 * from this module to the folder that holds both package.json and rules/.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules', 'schema', 'rule.schema.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the rules/ folder of the scrapelint package');
    dir = parent;
  }
}

export function builtinRulesDir(): string {
  return join(packageRoot(), 'rules');
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function readRulesDir(dir: string): RuleSetInput {
  const read = (path: string) => ({ path, text: readFileSync(path, 'utf8'), builtin: true });
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => read(join(dir, name)));
  const schemaDir = join(dir, 'schema');
  const definitions = readdirSync(schemaDir)
    .filter((name) => /^definitions.*\.ya?ml$/.test(name))
    .sort()
    .map((name) => read(join(schemaDir, name)));
  return {
    schema: read(join(dir, 'schema', 'rule.schema.json')),
    definitions,
    files,
  };
}

let cached: Rule[] | undefined;

/** The built-in rules, loaded once: compiled at build time in the bundles, read from rules/ otherwise. */
export function builtinRules(): Rule[] {
  cached ??= PRECOMPILED ? loadPrecompiled(PRECOMPILED, (path) => join(packageRoot(), path)) : loadRules(readRulesDir(builtinRulesDir()));
  return cached;
}
