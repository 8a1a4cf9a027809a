// Finding the files to lint: paths from the command line, folders walked for *.yaml, *.yml and
// *.json, skipping node_modules, .git and what .gitignore files ignore. Each file comes with the
// root it is read within (see safe-files.ts): the repository of the working directory (the
// nearest folder with .git at or above it, else the working directory itself) for the paths
// inside it; for a path named outside it, that path's own repository, else its folder.
import { readdirSync, statSync, lstatSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignoreModule from 'ignore';
import { InputError, isInside, LIMITS, readTextInside, repositoryRoot } from './safe-files.js';

export { InputError };

type Ignore = ReturnType<typeof ignoreModule>;
const ignore = ((ignoreModule as unknown as { default?: typeof ignoreModule }).default ?? ignoreModule) as typeof ignoreModule;

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** How the files of one named path are read: within `root`, messages naming files by `show`. */
interface Walk {
  root: string;
  show: (path: string) => string;
}

/** A folder's .gitignore, read within the root and its bound (a refusal is an InputError). */
function readIgnoreLayer(dir: string, walk: Walk): IgnoreLayer | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  const text = readTextInside(file, { root: walk.root, shown: walk.show(file), maxBytes: LIMITS.gitignore, what: 'a .gitignore' });
  return { base: dir, rules: ignore().add(text) };
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
function ancestorLayers(dir: string, context: Walk): IgnoreLayer[] {
  const chain: string[] = [];
  let current = dirname(dir);
  for (;;) {
    chain.unshift(current);
    if (existsSync(join(current, '.git'))) break;
    const parent = dirname(current);
    if (parent === current) return []; // not inside a repository: no ancestor .gitignore applies
    current = parent;
  }
  // Read within that repository (which may hold the walk's root, itself a nested repository).
  const within: Walk = { ...context, root: chain[0] };
  return chain.map((d) => readIgnoreLayer(d, within)).filter((l): l is IgnoreLayer => l !== undefined);
}

function walk(dir: string, layers: IgnoreLayer[], out: FileToRead[], exclude: Exclude, context: Walk): void {
  const own = readIgnoreLayer(dir, context);
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
      walk(path, here, out, exclude, context);
    } else if (entry.isFile() && MANIFEST_EXTENSIONS.test(entry.name) && !isIgnored(here, path, false) && !exclude(path, false)) {
      out.push({ path, root: context.root });
    }
  }
}

/** The configuration's `ignore` patterns: they exclude files even when named on the command line. */
export type Exclude = (path: string, isDir: boolean) => boolean;

/** A file to lint and the folder it is read within (see the top of this file). */
export interface FileToRead {
  path: string;
  root: string;
}

/** The root the files of a named path are read within. */
function rootFor(path: string, isDir: boolean, cwdRoot: string): string {
  if (isInside(cwdRoot, path)) return cwdRoot;
  return repositoryRoot(path) ?? (isDir ? path : dirname(path));
}

/**
 * The files named by `paths` (resolved against `cwd`), each with its root: files as given,
 * whatever their extension; folders walked. `-` stands for standard input and is returned as is
 * (its root is the working directory). Throws InputError for a path that does not exist, and for a
 * .gitignore it refuses to read.
 */
export function collectFileEntries(paths: readonly string[], cwd: string, exclude: Exclude = () => false): FileToRead[] {
  const out: FileToRead[] = [];
  const cwdRoot = repositoryRoot(cwd) ?? resolve(cwd);
  const show = (path: string) => displayName(path, cwd);
  for (const given of paths) {
    if (given === '-') {
      out.push({ path: '-', root: resolve(cwd) });
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
      const context: Walk = { root: rootFor(path, true, cwdRoot), show };
      const layers = ancestorLayers(path, context);
      walk(path, isIgnored(layers, path, true) ? [] : layers, out, exclude, context);
    } else if (stats.isFile() || lstatSync(path).isSymbolicLink()) {
      // A link is read only if it stays inside the root (read-inputs.ts, safe-files.ts).
      if (!exclude(path, false)) out.push({ path, root: rootFor(path, false, cwdRoot) });
    }
    else throw new InputError(`not a file or folder: ${given}`);
  }
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.path) && seen.add(f.path));
}

/** The paths of collectFileEntries. */
export function collectFiles(paths: readonly string[], cwd: string, exclude: Exclude = () => false): string[] {
  return collectFileEntries(paths, cwd, exclude).map((f) => f.path);
}

/** How a file is named in findings: relative to the working directory, with forward slashes. */
export function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return toPosix(rel === '' ? path : rel);
}

/**
 * Whether the named paths hold any file a run would read if nothing ignored it: a named file, or
 * a *.yaml, *.yml or *.json file in a named folder (node_modules and .git skipped). A run that
 * reads no file although some exist ignored them on purpose; one with none named a wrong path.
 */
export function namesAnyManifest(paths: readonly string[], cwd: string): boolean {
  const search = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((e) => (e.isFile() && MANIFEST_EXTENSIONS.test(e.name)) || (e.isDirectory() && !ALWAYS_SKIPPED.has(e.name) && search(join(dir, e.name))));
  };
  return paths.some((given) => {
    if (given === '-') return true;
    const path = resolve(cwd, given);
    try {
      return statSync(path).isDirectory() ? search(path) : true;
    } catch {
      return false;
    }
  });
}
