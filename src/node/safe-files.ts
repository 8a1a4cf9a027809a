// Reading and writing the files of a linted repository without leaving it, without blocking and
// with bounded memory. The repository is data from whoever wrote it (a pull request, on
// `pull_request_target`), so every file it names, or that names itself through a symbolic link,
// is checked before a byte is read or written:
//
// Reading (readFileInside):
// - the path, resolved against the root, must stay inside the root, and so must its real path
//   (a symbolic link may point elsewhere inside the repository, never out of it: not to
//   /etc/passwd, not to /dev/zero);
// - it must be a regular file: FIFOs, sockets and devices are refused (opening a FIFO would block,
//   a device could be endless); the file is opened with O_NONBLOCK and O_NOFOLLOW and checked again
//   on the open descriptor (fstat), so a swap between the check and the open is caught;
// - it must not be larger than the bound for its kind (LIMITS), and at most bound + 1 bytes are
//   ever read, whatever fstat said: a file that grows while it is read, or a file system that
//   reports a wrong size, cannot use more memory than that.
// A refusal is an InputError (exit code 2) of one line naming the file; it never quotes the file.
//
// Writing (writeFileInside, replaceFile):
// - the path must be inside one of the roots, no folder between the root and the file may be a
//   symbolic link (missing folders are created, one at a time) and the file, if it exists, must be
//   a regular file, not a link;
// - the text goes to a temporary file with a random name in the same folder, created with O_EXCL
//   (so nothing planted at that name, a symbolic link included, is ever opened), then renamed over
//   the file: a rename replaces a link planted meanwhile instead of following it. The temporary
//   file is removed on every path that does not rename it.
//
// What the root is, for each caller, is decided where the path comes from (see repositoryRoot).
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync, existsSync, type BigIntStats, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A problem with the files or folders given, or with what a repository holds: one line, exit code 2. */
export class InputError extends Error {}

const MiB = 1024 * 1024;

/**
 * The most scrapelint reads of each kind of file, in bytes. A manifest's bound leaves room for the
 * largest generated bundles (a file of 243,000 small ServiceMonitors is 49 MiB); the others are
 * written by hand or by scrapelint and are far smaller in practice.
 */
export const LIMITS = {
  /** A manifest file, named or found in a folder. */
  manifest: 64 * MiB,
  /** Standard input ("-"). */
  stdin: 64 * MiB,
  /** The baseline (.scrapelint-baseline.json). */
  baseline: 16 * MiB,
  /** The configuration (.scrapelint.yaml). */
  config: 1 * MiB,
  /** Each custom rule file. */
  customRule: 1 * MiB,
  /** Each .gitignore. */
  gitignore: 1 * MiB,
} as const;

/** A file scrapelint will not read or write; `reason` is the part after the file's name. */
export class FileRefusedError extends InputError {
  constructor(
    readonly shown: string,
    readonly reason: string,
    verb: 'read' | 'write' = 'read',
  ) {
    super(`cannot ${verb} ${shown}: ${reason}`);
  }
}

/** Whether `path` is `root` or below it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The repository `from` is in: the nearest folder at or above it holding `.git` (a folder, or the
 * file of a worktree or submodule); undefined outside any repository.
 */
export function repositoryRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The root a path named by the user is read within: its repository, else `fallback`. */
export function rootOf(path: string, fallback: string): string {
  return repositoryRoot(path) ?? fallback;
}

function mib(bytes: number): string {
  return `${bytes / MiB} MiB`;
}

/** What a file that is not a regular file is, for messages. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

export interface ReadInsideOptions {
  /** The folder the file must stay in (and relative paths start from). */
  root: string;
  /** How messages name the file. */
  shown: string;
  /** The bound, in bytes (see LIMITS). */
  maxBytes: number;
  /** What the file is, for the message about its size ("a manifest", "the baseline"). */
  what?: string;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Reads at most maxBytes + 1 bytes from `fd`; throws `tooLarge()` past maxBytes. */
function boundedRead(fd: number, expected: number, maxBytes: number, tooLarge: () => Error): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw tooLarge();
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > maxBytes) throw tooLarge();
  return buffer.subarray(0, length);
}

/**
 * A file's bytes, read within `root` and the bound (see the top of this file). Throws
 * FileRefusedError, with ENOENT as "no such file".
 */
export function readFileInside(path: string, options: ReadInsideOptions): Buffer {
  const { root, shown, maxBytes } = options;
  const refuse = (reason: string) => new FileRefusedError(shown, reason);
  const tooLarge = () => refuse(`it is larger than ${mib(maxBytes)}, the most scrapelint reads from ${options.what ?? 'a file'}`);
  const abs = resolve(root, path);
  if (!isInside(root, abs)) throw refuse(`it is outside the repository (${root})`);
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(abs);
  } catch (error) {
    throw refuse(code(error) === 'ENOENT' ? 'no such file' : code(error));
  }
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  if (!isInside(realRoot, real)) throw refuse(`it is a symbolic link that leads outside the repository (to ${real})`);
  let stats: Stats;
  try {
    stats = statSync(real);
  } catch (error) {
    throw refuse(code(error));
  }
  if (!stats.isFile()) throw refuse(`it is ${fileKind(stats)}, not a regular file`);
  if (stats.size > maxBytes) throw tooLarge();
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    throw refuse(code(error) === 'ELOOP' ? 'it was replaced by a symbolic link while being read' : code(error));
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw refuse(`it is ${fileKind(opened)}, not a regular file`);
    if (opened.ino !== stats.ino || opened.dev !== stats.dev) throw refuse('it was replaced while being read');
    if (opened.size > maxBytes) throw tooLarge();
    try {
      return boundedRead(fd, opened.size, maxBytes, tooLarge);
    } catch (error) {
      if (error instanceof FileRefusedError) throw error;
      throw refuse(code(error));
    }
  } finally {
    closeSync(fd);
  }
}

/** readFileInside as UTF-8 text (a byte-order mark kept, as readFileSync(path, 'utf8') does). */
export function readTextInside(path: string, options: ReadInsideOptions): string {
  return readFileInside(path, options).toString('utf8');
}

/** What a file was when it was read, for noticing that it changed since. */
export interface Snapshot {
  bytes: Buffer;
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** The file at `path` (no link followed), its bytes read within maxBytes; undefined if it is not a regular file or is larger. */
export function snapshot(path: string, maxBytes: number): Snapshot | undefined {
  const fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    const stats: BigIntStats = fstatSync(fd, { bigint: true });
    if (!stats.isFile() || stats.size > BigInt(maxBytes)) return undefined;
    const tooLarge = () => new FileRefusedError(path, 'it grew');
    let bytes: Buffer;
    try {
      bytes = boundedRead(fd, Number(stats.size), maxBytes, tooLarge);
    } catch (error) {
      if (error instanceof FileRefusedError) return undefined;
      throw error;
    }
    return { bytes, dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs };
  } finally {
    closeSync(fd);
  }
}

/** Whether two snapshots are of the same file with the same bytes, untouched in between. */
export function sameSnapshot(a: Snapshot, b: Snapshot | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.bytes.equals(b.bytes);
}

export interface ReplaceOptions {
  /** The mode of the new file (set exactly, whatever the umask). */
  mode: number;
  /** Give the new file this owner (when running as root over someone else's file). */
  owner?: { uid: number; gid: number };
  /**
   * Called with the temporary file written and closed, just before the rename; returning false
   * keeps the file as it is (the temporary file is removed).
   */
  beforeRename?: (temporary: string) => boolean;
}

/** A fresh temporary name next to `path`: random, so nobody can plant anything at it beforehand. */
export function temporaryName(path: string): string {
  const base = basename(path).slice(0, 100);
  return join(dirname(path), `.${base}.${randomBytes(12).toString('hex')}.scrapelint.tmp`);
}

/**
 * Replaces `path` with `data` atomically: a temporary file with a random name in the same folder,
 * created with O_EXCL, then a rename. Returns false when beforeRename said no. The temporary file
 * never outlives the call.
 */
export function replaceFile(path: string, data: Buffer, options: ReplaceOptions): boolean {
  let temporary = '';
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    temporary = temporaryName(path);
    try {
      fd = openSync(temporary, 'wx', options.mode);
    } catch (error) {
      // A name already taken (96 random bits: only if someone planted it) is never opened; try another.
      if (code(error) !== 'EEXIST' || attempt >= 4) throw error;
    }
  }
  let renamed = false;
  try {
    try {
      for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written);
      fchmodSync(fd, options.mode);
      if (options.owner) {
        try {
          fchownSync(fd, options.owner.uid, options.owner.gid);
        } catch {
          // Not permitted (not root): the file is the caller's, as any editor would leave it.
        }
      }
    } finally {
      closeSync(fd);
    }
    if (options.beforeRename && !options.beforeRename(temporary)) return false;
    renameSync(temporary, path);
    renamed = true;
    return true;
  } finally {
    if (!renamed) rmSync(temporary, { force: true });
  }
}

export interface WriteInsideOptions {
  /** The folders the file may be written in (the most specific one that holds it applies); empty entries are skipped. */
  roots: readonly (string | undefined)[];
  /** How messages name the file. */
  shown: string;
  /** The mode of a new file (default 0644); an existing file keeps its own. */
  mode?: number;
  /** Create the missing folders below the root (else a missing folder is refused). */
  createFolders?: boolean;
}

/**
 * Writes `text` to `path` (absolute) inside one of the roots, following no symbolic link (see
 * the top of this file). Creates missing folders below the root if asked to. Throws FileRefusedError.
 */
export function writeFileInside(path: string, text: string, options: WriteInsideOptions): void {
  const refuse = (reason: string) => new FileRefusedError(options.shown, reason, 'write');
  const abs = resolve(path);
  const roots = options.roots.filter((r): r is string => typeof r === 'string' && r !== '').map((r) => resolve(r));
  const root = roots.filter((r) => isInside(r, abs)).sort((a, b) => b.length - a.length)[0];
  if (root === undefined) throw refuse(`it is outside ${roots.length === 1 ? roots[0] : `every folder scrapelint writes in (${roots.join(', ')})`}`);
  if (abs === root) throw refuse('it is a folder');
  let dir = root;
  for (const part of relative(root, dirname(abs)).split(sep).filter((p) => p !== '')) {
    dir = join(dir, part);
    let stats: Stats;
    try {
      stats = lstatSync(dir);
    } catch (error) {
      if (code(error) !== 'ENOENT') throw refuse(`${dir}: ${code(error)}`);
      if (!options.createFolders) throw refuse(`the folder ${dir} does not exist`);
      try {
        mkdirSync(dir);
      } catch (made) {
        if (code(made) !== 'EEXIST') throw refuse(`cannot create the folder ${dir}: ${code(made)}`);
        stats = lstatSync(dir);
        if (!stats.isDirectory()) throw refuse(`${dir} is ${fileKind(stats)}, not a folder`);
      }
      continue;
    }
    if (stats.isSymbolicLink()) throw refuse(`the folder ${dir} is a symbolic link; scrapelint does not write through one`);
    if (!stats.isDirectory()) throw refuse(`${dir} is ${fileKind(stats)}, not a folder`);
  }
  let existing: Stats | undefined;
  try {
    existing = lstatSync(abs);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw refuse(code(error));
  }
  if (existing?.isSymbolicLink()) throw refuse('it is a symbolic link; scrapelint does not write through one');
  if (existing && !existing.isFile()) throw refuse(`it is ${fileKind(existing)}, not a regular file`);
  try {
    replaceFile(abs, Buffer.from(text, 'utf8'), { mode: existing ? existing.mode & 0o7777 : (options.mode ?? 0o644) });
  } catch (error) {
    throw refuse(code(error));
  }
}
