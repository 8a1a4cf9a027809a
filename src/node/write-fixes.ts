// Writing fixed files safely: only if the file is still what was read, never through a symbolic
// link, atomically (a temporary file in the same folder, then a rename), keeping the file's mode.
import { chmodSync, lstatSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export type WriteOutcome = 'written' | 'changed-since-read' | 'symbolic-link' | 'failed';

export function writeFixed(path: string, before: string, after: string): { outcome: WriteOutcome; reason?: string } {
  try {
    // Through a link (the file, or a folder on its way), a write could land outside the linted tree.
    if (lstatSync(path).isSymbolicLink() || realpathSync(path) !== resolve(path)) return { outcome: 'symbolic-link' };
    if (!readFileSync(path).equals(Buffer.from(before, 'utf8'))) return { outcome: 'changed-since-read' };
    const mode = statSync(path).mode & 0o7777;
    const temporary = join(dirname(path), `.${basename(path)}.scrapelint-${process.pid}.tmp`);
    try {
      writeFileSync(temporary, after, { mode });
      chmodSync(temporary, mode);
      renameSync(temporary, path);
    } finally {
      rmSync(temporary, { force: true });
    }
    return { outcome: 'written' };
  } catch (error) {
    return { outcome: 'failed', reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
