// Reading the texts to lint: the files and folders named (see files.ts) and standard input.
import { readFileSync } from 'node:fs';
import type { LintInput } from '../engine/lint.js';
import { resolve } from 'node:path';
import { collectFiles, displayName, InputError, type Exclude } from './files.js';
import { decodeFile } from './file-text.js';

export interface ReadOptions {
  cwd: string;
  stdinName?: string;
  readStdin?: () => Promise<string>;
  /** The configuration's `ignore` patterns. */
  exclude?: Exclude;
}

export async function readLintInputs(paths: readonly string[], options: ReadOptions): Promise<LintInput[]> {
  const inputs: LintInput[] = [];
  for (const path of collectFiles(paths, options.cwd, options.exclude)) {
    if (path === '-') {
      if (!options.readStdin) throw new InputError('"-" (standard input) is not available here');
      // A name given for standard input is reported like any other file: relative, forward slashes.
      const file = options.stdinName ? displayName(resolve(options.cwd, options.stdinName), options.cwd) : '<stdin>';
      inputs.push({ file, text: await options.readStdin(), stream: true });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new InputError(`cannot read ${displayName(path, options.cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const { text, notUtf8 } = decodeFile(bytes);
    inputs.push({ file: displayName(path, options.cwd), text, path, ...(notUtf8 ? { notUtf8 } : {}) });
  }
  return inputs;
}
