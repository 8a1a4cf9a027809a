// Which lines of a pull request's files are in its diff: from the unified-diff `patch` the
// pull-request files API returns for each file, or from `git diff` output.

export interface FileDiff {
  /** Lines of the new file that the pull request adds or changes. */
  added: Set<number>;
  /** Lines of the new file inside a hunk (added or context): where review comments can go. */
  inHunks: Set<number>;
  /**
   * GitHub sent no patch for a file it says is changed (a diff too large to show): every line
   * counts as changed (filter-mode file), and none can take a review comment.
   */
  whole?: boolean;
}

/** What is known of a pull request's diff. */
export interface PullRequestDiff {
  files: Map<string, FileDiff>;
  /** Every file the pull request changes is in `files`. */
  complete: boolean;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(patch: string | undefined): FileDiff {
  const added = new Set<number>();
  const inHunks = new Set<number>();
  if (!patch) return { added, inHunks };
  let line = 0;
  let remaining = 0; // lines of the new file left in the current hunk
  for (const raw of patch.split('\n')) {
    const header = HUNK.exec(raw);
    if (header) {
      line = Number(header[1]);
      remaining = header[2] === undefined ? 1 : Number(header[2]);
      continue;
    }
    if (remaining <= 0) continue;
    if (raw.startsWith('+')) {
      added.add(line);
      inHunks.add(line);
      line++;
      remaining--;
    } else if (raw.startsWith(' ') || raw === '') {
      // a context line (an empty context line may have lost its leading space)
      inHunks.add(line);
      line++;
      remaining--;
    }
    // '-' lines and "\ No newline at end of file" are not lines of the new file
  }
  return { added, inHunks };
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** A path as git prints it: as is, or C-quoted ("b/caf\303\251.yaml") when it has unusual bytes. */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  const bytes: number[] = [];
  for (let i = 1; i < path.length - 1; i++) {
    const ch = path[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
    } else if (/[0-7]/.test(path[i + 1] ?? '')) {
      bytes.push(parseInt(path.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[path[i + 1]] ?? path.charCodeAt(i + 1));
      i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The files of `git diff --src-prefix=a/ --dst-prefix=b/` output (deleted files left out), each
 * with the lines its hunks add and show, keyed by the new path.
 */
export function parseGitDiff(text: string): Map<string, FileDiff> {
  const files = new Map<string, FileDiff>();
  const sections = text.split(/^diff --git /m).slice(1);
  for (const section of sections) {
    const hunks = section.indexOf('\n@@');
    const header = hunks < 0 ? section : section.slice(0, hunks);
    const newPath = /^\+\+\+ (.+)$/m.exec(header)?.[1];
    if (newPath === undefined) {
      // No text change: a pure rename is still a changed file (filter-mode file), with no lines.
      const renamed = /^rename to (.+)$/m.exec(header)?.[1];
      if (renamed !== undefined) files.set(unquote(renamed), parsePatch(undefined));
      continue;
    }
    if (newPath === '/dev/null') continue; // deleted
    const path = unquote(newPath.replace(/\t$/, ''));
    if (!path.startsWith('b/')) continue;
    files.set(path.slice(2), parsePatch(hunks < 0 ? undefined : section.slice(hunks + 1)));
  }
  return files;
}
