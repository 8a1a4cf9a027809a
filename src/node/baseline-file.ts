// Reading and writing the baseline file (.scrapelint-baseline.json), within the repository it is
// in (the nearest folder with .git at or above it, else its own folder) and LIMITS.baseline,
// never through a symbolic link that leaves it (see safe-files.ts). Messages never quote the
// file: a baseline that is not JSON is said to be so, with the place, not with its bytes.
import { existsSync, lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseBaseline, BaselineError, type Baseline } from '../engine/baseline.js';
import { InputError, LIMITS, readTextInside, rootOf, writeFileInside } from './safe-files.js';

/** Where a JSON.parse message puts the error, without the text it quotes. */
function jsonProblem(message: string, text: string): string {
  const at = /at position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `not JSON (at line ${line}, column ${column})`;
  }
  if (/end of JSON input/.test(message)) return 'not JSON (it ends too early)';
  return 'not JSON (an unexpected character)';
}

export function readBaselineFile(path: string, shown: string): Baseline | undefined {
  // A dangling link is not "no baseline": reading it says what it is.
  if (!existsSync(path) && !isLink(path)) return undefined;
  const text = readTextInside(path, { root: rootOf(dirname(path), dirname(path)), shown, maxBytes: LIMITS.baseline, what: 'a baseline' });
  try {
    return parseBaseline(text);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    const detail = error.message.startsWith('not JSON') ? jsonProblem(error.message, text) : error.message;
    throw new InputError(`${shown}: ${detail}`);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function writeBaselineFile(path: string, baseline: Baseline, shown: string): void {
  const root = rootOf(dirname(path), dirname(path));
  try {
    writeFileInside(path, `${JSON.stringify(baseline, null, 2)}\n`, { roots: [root], shown });
  } catch (error) {
    const reason = (error as { reason?: string }).reason ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`cannot write the baseline ${shown}: ${reason}`);
  }
}
