// Finding the files to lint: paths from the command line, folders walked for *.yaml, *.yml and
// *.json, skipping node_modules, .git and what .gitignore files ignore.
import { readdirSync, readFileSync, statSync, lstatSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignoreModule from 'ignore';

type Ignore = ReturnType<typeof ignoreModule>;
const ignore = ((ignoreModule as unknown as { default?: typeof ignoreModule }).default ?? ignoreModule) as typeof ignoreModule;

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export class InputError extends Error {}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function readIgnoreLayer(dir: string): IgnoreLayer | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

function isIgnored(layers: readonly IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = toPosix(relative(layer.base, path));
    if (rel === '' || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** .gitignore layers of the folders above `dir`, up to the repository root (the folder with .git). */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = dirname(dir);
  for (;;) {
    chain.unshift(current);
    if (existsSync(join(current, '.git'))) break;
    const parent = dirname(current);
    if (parent === current) return []; // not inside a repository: no ancestor .gitignore applies
    current = parent;
  }
  return chain.map(readIgnoreLayer).filter((l): l is IgnoreLayer => l !== undefined);
}

function walk(dir: string, layers: IgnoreLayer[], out: string[], exclude: Exclude): void {
  const own = readIgnoreLayer(dir);
  const here = own ? [...layers, own] : layers;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Symbolic links are not followed: they can loop, or lead out of the linted tree.
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(here, path, true) || exclude(path, true)) continue;
      walk(path, here, out, exclude);
    } else if (entry.isFile() && MANIFEST_EXTENSIONS.test(entry.name) && !isIgnored(here, path, false) && !exclude(path, false)) {
      out.push(path);
    }
  }
}

/**
 * The files named by `paths` (resolved against `cwd`): files as given, whatever their extension;
 * folders walked. `-` stands for standard input and is returned as is. Throws InputError for a
 * path that does not exist.
 */
/** The configuration's `ignore` patterns: they exclude files even when named on the command line. */
export type Exclude = (path: string, isDir: boolean) => boolean;

export function collectFiles(paths: readonly string[], cwd: string, exclude: Exclude = () => false): string[] {
  const out: string[] = [];
  for (const given of paths) {
    if (given === '-') {
      out.push('-');
      continue;
    }
    const path = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError(`no such file or folder: ${given}`);
    }
    if (stats.isDirectory()) {
      // A folder named on the command line is linted even if a parent's .gitignore ignores it.
      const layers = ancestorLayers(path);
      walk(path, isIgnored(layers, path, true) ? [] : layers, out, exclude);
    } else if (stats.isFile() || lstatSync(path).isSymbolicLink()) {
      if (!exclude(path, false)) out.push(path);
    }
    else throw new InputError(`not a file or folder: ${given}`);
  }
  return [...new Set(out)];
}

/** How a file is named in findings: relative to the working directory, with forward slashes. */
export function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return toPosix(rel === '' ? path : rel);
}
