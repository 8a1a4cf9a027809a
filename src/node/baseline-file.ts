// Reading and writing the baseline file (.scrapelint-baseline.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseBaseline, BaselineError, type Baseline } from '../engine/baseline.js';
import { InputError } from './files.js';

export function readBaselineFile(path: string, shown: string): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return parseBaseline(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof BaselineError) throw new InputError(`${shown}: ${error.message}`);
    throw new InputError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function writeBaselineFile(path: string, baseline: Baseline, shown: string): void {
  try {
    writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`cannot write the baseline ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
