// The Action's inputs, read as the runner passes them (INPUT_<NAME> environment variables) and
// checked; a bad value is one clear line and a failed step.
import * as core from '@actions/core';
import type { Severity } from '../ruleset/types.js';

export type FilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';

export interface ActionInputs {
  paths: string[];
  config: string;
  failOn: Severity | 'none';
  token: string;
  /** Undefined: the default for the event (added on pull requests, nofilter elsewhere). */
  filterMode?: FilterMode;
  suggestions: boolean;
  sarifFile: string;
  /**
   * Where the configuration (and the baseline it names) comes from on pull requests: the checked-out
   * head, or the base branch's commit, so that a pull request cannot change its own policy.
   */
  configFrom: ConfigFrom;
}

export type ConfigFrom = 'head' | 'base';

export class InputValueError extends Error {}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T | undefined): T | undefined {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputValueError(`invalid value "${value}" for input "${name}": expected one of ${allowed.join(', ')}`);
}

function bool(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new InputValueError(`invalid value "${value}" for input "${name}": expected true or false`);
}

export function readInputs(): ActionInputs {
  const paths = core
    .getInput('paths')
    .split(/[\n,]/)
    .flatMap((line) => line.trim().split(/\s+/))
    .filter((p) => p !== '');
  return {
    paths: paths.length > 0 ? paths : ['.'],
    config: core.getInput('config').trim(),
    failOn: choice('fail-on', ['error', 'warning', 'info', 'none'] as const, 'error')!,
    token: core.getInput('github-token').trim(),
    filterMode: choice('filter-mode', ['added', 'diff_context', 'file', 'nofilter'] as const, undefined),
    suggestions: bool('suggestions', true),
    sarifFile: core.getInput('sarif-file').trim(),
    configFrom: choice('config-from', ['head', 'base'] as const, 'head')!,
  };
}
