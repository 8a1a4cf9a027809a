// Fixes shown as a unified diff (--fix-dry-run), as git would print it.
import { createTwoFilesPatch } from 'diff';

export function unifiedDiff(file: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:"-less header line of "=" for some inputs; keep only the git-style part.
  return patch.replace(/^={3,}\n/m, '');
}
