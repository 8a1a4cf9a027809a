// Which lines of a pull request's files are in its diff, from the unified-diff `patch` the
// pull-request files API returns for each file.

export interface FileDiff {
  /** Lines of the new file that the pull request adds or changes. */
  added: Set<number>;
  /** Lines of the new file inside a hunk (added or context): where review comments can go. */
  inHunks: Set<number>;
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
