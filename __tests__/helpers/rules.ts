// Test helpers: the built-in rules, and linting a text with them.
import { builtinRules } from '../../src/node/rules-dir.js';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import type { LintSettings } from '../../src/ruleset/types.js';

export const rules = builtinRules();

export function lintText(text: string, file = 'test.yaml', settings?: LintSettings): Finding[] {
  return lint([{ file, text }], { rules, settings }).findings;
}
