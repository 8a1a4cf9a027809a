// Reading the texts to lint: the files and folders named (see files.ts) and standard input, each
// within its root and the bounds of safe-files.ts (a manifest or standard input of more than
// LIMITS.manifest / LIMITS.stdin bytes, a special file or a link out of the repository is one
// line and exit code 2, naming the file: never a silent skip).
import type { LintInput } from '../engine/lint.js';
import { resolve } from 'node:path';
import { collectFileEntries, displayName, InputError, type Exclude } from './files.js';
import { decodeFile } from './file-text.js';
import { LIMITS, readFileInside } from './safe-files.js';

export interface ReadOptions {
  cwd: string;
  stdinName?: string;
  readStdin?: () => Promise<string>;
  /** The configuration's `ignore` patterns. */
  exclude?: Exclude;
}

function stdinTooLarge(maxBytes: number = LIMITS.stdin): InputError {
  return new InputError(`cannot read standard input: it is larger than ${maxBytes / (1024 * 1024)} MiB, the most scrapelint reads from it`);
}

/**
 * Standard input as text, reading at most maxBytes (LIMITS.stdin) + 1 bytes: past the bound it stops reading
 * and throws an InputError (a producer that never stops, `yes |`, cannot exhaust memory).
 */
export async function readStandardInput(stream: AsyncIterable<Buffer | string> = process.stdin, maxBytes: number = LIMITS.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    length += bytes.length;
    if (length > maxBytes) {
      (stream as { destroy?: () => void }).destroy?.();
      throw stdinTooLarge(maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length).toString('utf8');
}

export async function readLintInputs(paths: readonly string[], options: ReadOptions): Promise<LintInput[]> {
  const inputs: LintInput[] = [];
  for (const { path, root } of collectFileEntries(paths, options.cwd, options.exclude)) {
    if (path === '-') {
      if (!options.readStdin) throw new InputError('"-" (standard input) is not available here');
      // A name given for standard input is reported like any other file: relative, forward slashes.
      const file = options.stdinName ? displayName(resolve(options.cwd, options.stdinName), options.cwd) : '<stdin>';
      const text = await options.readStdin();
      // A reader that does not bound itself (readStandardInput does): at least nothing larger is linted.
      if (Buffer.byteLength(text, 'utf8') > LIMITS.stdin) throw stdinTooLarge();
      inputs.push({ file, text, stream: true });
      continue;
    }
    const shown = displayName(path, options.cwd);
    const bytes = readFileInside(path, { root, shown, maxBytes: LIMITS.manifest, what: 'a manifest' });
    const { text, notUtf8 } = decodeFile(bytes);
    inputs.push({ file: shown, text, path, ...(notUtf8 ? { notUtf8 } : {}) });
  }
  return inputs;
}
