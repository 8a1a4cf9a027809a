// Test helpers: the built-in rules, and linting a text with them.
import { builtinRules } from '../../src/node/rules-dir.js';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import type { LintSettings, Rule } from '../../src/ruleset/types.js';

export const rules = builtinRules();

export function lintText(text: string, file = 'test.yaml', settings?: LintSettings, only?: readonly Rule[]): Finding[] {
  return lint([{ file, text }], { rules: only ?? rules, settings }).findings;
}

/** The headline rules (the kubelet ones and the input rules): what the engine tests lint with. */
export const HEADLINE_RULES = rules.filter((r) =>
  [
    'kubelet-cadvisor-port',
    'kubelet-readonly-port',
    'kubelet-scheme',
    'kubelet-auth-missing',
    'kubelet-tls-config',
    'kubelet-metrics-path',
    'kubelet-resource-v1alpha1-path',
    'kubelet-honor-labels',
    'kubelet-namespace-selector',
    'deprecated-bearer-token-file',
    'parse-error',
    'template-skipped',
  ].includes(r.id),
);

/** Lints with the headline rules only, so engine tests do not change as rules are added. */
export function lintHeadline(text: string, file = 'test.yaml'): Finding[] {
  return lintText(text, file, undefined, HEADLINE_RULES);
}
