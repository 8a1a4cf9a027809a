// Writing fixed files (--fix) safely:
// - never through a symbolic link: neither the file nor a folder between its repository's root
//   and it may be one (a rename over a link would replace the link; a write through it could land
//   outside the linted tree);
// - never over a read-only file: its mode bits say so (0444), and are looked at rather than
//   relying on EACCES, which root never gets; a rename would replace it all the same;
// - only if the file is still what was read: its bytes are compared with the text linted, and
//   again, with its inode, size, mtime and ctime, after the fixed text is in the temporary file and
//   just before the rename; a file edited meanwhile is left as it is and the caller says so;
// - atomically, through a temporary file with a random name in the same folder, created with
//   O_EXCL and the file's mode (and owner, when running as root), then a rename; the temporary
//   file is removed on every path that does not rename it (see replaceFile in safe-files.ts).
// What remains: an edit in the microseconds between the last check and the rename (no lock
// between processes can prevent it without the editor's cooperation).
import { accessSync, constants, lstatSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isInside, LIMITS, replaceFile, rootOf, sameSnapshot, snapshot } from './safe-files.js';

export type WriteOutcome = 'written' | 'changed-since-read' | 'symbolic-link' | 'read-only' | 'failed';

export interface WriteFixedOptions {
  /** The folder no link may appear below (default: the file's repository, else its folder). */
  root?: string;
  /**
   * Called with the temporary file's path once the fixed text is written to it, before the file
   * is checked again and renamed (tests use it to edit the file at that moment).
   */
  beforeRename?: (temporary: string) => void;
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

export function writeFixed(path: string, before: string, after: string, options: WriteFixedOptions = {}): { outcome: WriteOutcome; reason?: string } {
  try {
    const abs = resolve(path);
    const stats = lstatSync(abs);
    if (stats.isSymbolicLink()) return { outcome: 'symbolic-link' };
    if (!stats.isFile()) return { outcome: 'failed', reason: 'it is not a regular file' };
    const root = resolve(options.root ?? rootOf(dirname(abs), dirname(abs)));
    if (!isInside(root, abs)) return { outcome: 'failed', reason: `it is outside the repository (${root})` };
    // A folder on the way that is a link makes the real path differ from the one below the real root.
    if (realpathSync(abs) !== join(realpathSync(root), relative(root, abs))) return { outcome: 'symbolic-link', reason: 'a folder on its path is a symbolic link' };
    const mode = stats.mode & 0o7777;
    if ((mode & 0o222) === 0) return { outcome: 'read-only', reason: `it is read-only (mode ${mode.toString(8).padStart(4, '0')})` };
    try {
      accessSync(abs, constants.W_OK);
    } catch {
      return { outcome: 'read-only', reason: 'it is read-only for this user' };
    }
    const expected = Buffer.from(before, 'utf8');
    const read = snapshot(abs, LIMITS.manifest);
    if (!read || !read.bytes.equals(expected)) return { outcome: 'changed-since-read' };
    const owner = process.getuid?.() === 0 && (stats.uid !== 0 || stats.gid !== 0) ? { uid: stats.uid, gid: stats.gid } : undefined;
    const renamed = replaceFile(abs, Buffer.from(after, 'utf8'), {
      mode,
      owner,
      beforeRename: (temporary) => {
        options.beforeRename?.(temporary);
        let now;
        try {
          now = lstatSync(abs).isSymbolicLink() ? undefined : snapshot(abs, LIMITS.manifest);
        } catch {
          now = undefined; // gone, or replaced by something that cannot be opened as a file
        }
        return sameSnapshot(read, now);
      },
    });
    return renamed ? { outcome: 'written' } : { outcome: 'changed-since-read' };
  } catch (error) {
    return { outcome: 'failed', reason: code(error) };
  }
}
