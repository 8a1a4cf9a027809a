// The configuration file, in process: what parseConfig makes of .scrapelint.yaml, and every
// mistake as one ConfigError with the file, the line and column of the offending key or value,
// and a message that says what is wrong (a typo in a rule id gets "did you mean").
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRuleIds, configuredSeverities, configuredSettings, parseConfig, ConfigError } from '../../src/config/config.js';
import { starterConfig } from '../../src/cli/init.js';
import { parse as parseYaml } from 'yaml';
import { newAjv } from '../../src/ruleset/data-file.js';
import type { Rule } from '../../src/ruleset/types.js';
import { rules } from '../helpers/rules.js';

const SCHEMA = readFileSync(join(import.meta.dirname, '..', '..', 'rules', 'schema', 'config.schema.json'), 'utf8');
const FILE = '.scrapelint.yaml';

const parse = (text: string) => parseConfig(FILE, text, SCHEMA);

/** The ConfigError that parsing (then checking rule ids against `ruleSet`) throws, as `line:column: detail`. */
function errorOf(text: string, ruleSet: readonly Rule[] = rules): string {
  let error: unknown;
  try {
    checkRuleIds(parse(text), ruleSet);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${error instanceof Error ? error.stack : String(error)}`);
  expect(error.file).toBe(FILE);
  expect(error.message).toBe(`${FILE}:${error.line}:${error.column}: ${error.detail}`);
  expect(error.message).not.toContain('\n');
  return `${error.line}:${error.column}: ${error.detail}`;
}

describe('a valid configuration', () => {
  test('every key, read into what the engine needs', () => {
    const config = parse(`# yaml-language-server: $schema=rules/schema/config.schema.json
rules:
  deprecated-bearer-token-file: off
  insecure-skip-verify: info
ignore:
  - charts/**/templates/
overrides:
  - files: [legacy/**]
    rules: {deprecated-bearer-token-secret: off}
customRules:
  - lint/scrapelint-rules/
baseline: ci/baseline.json
namespace: monitoring
prometheus:
  selector: release=kube-prometheus-stack
kubelet:
  selectorLabels: {k8s-app: kubelet, app: my-kubelet}
platform:
  kubeletReadOnlyPort: enabled
`);
    checkRuleIds(config, rules);
    expect(config).toEqual(
      expect.objectContaining({
        file: FILE,
        rules: { 'deprecated-bearer-token-file': 'off', 'insecure-skip-verify': 'info' },
        ignore: ['charts/**/templates/'],
        overrides: [{ files: ['legacy/**'], rules: { 'deprecated-bearer-token-secret': 'off' } }],
        customRules: ['lint/scrapelint-rules/'],
        baseline: 'ci/baseline.json',
        namespace: 'monitoring',
        prometheusSelector: { matchLabels: { release: 'kube-prometheus-stack' } },
        kubeletLabels: [
          { key: 'k8s-app', value: 'kubelet' },
          { key: 'app', value: 'my-kubelet' },
        ],
        kubeletReadOnlyPort: 'enabled',
      }),
    );
  });

  test('an empty file, and keys with everything under them commented out, mean the defaults', () => {
    for (const text of ['', '# nothing yet\n', 'rules:\n  # kubelet-honor-labels: off\nignore:\noverrides:\n', '---\nrules: {}\n']) {
      const config = parse(text);
      expect(config).toEqual(expect.objectContaining({ rules: {}, ignore: [], overrides: [], customRules: [], baseline: undefined, namespace: undefined, prometheusSelector: undefined }));
    }
  });

  test('the starter file that `scrapelint init` writes is valid, and passes its own JSON Schema as an editor checks it', () => {
    const text = starterConfig('1.2.3');
    const config = parse(text);
    expect(() => checkRuleIds(config, rules)).not.toThrow();
    expect(config.rules).toEqual({});
    expect(config.customRules).toEqual([]);
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'rules', 'schema', 'config.schema.json'), 'utf8'));
    const validate = newAjv(true).compile(schema);
    expect([validate(parseYaml(text) ?? {}), validate.errors ?? []]).toEqual([true, []]);
    expect(text).toContain('$schema=https://raw.githubusercontent.com/scrapelint/scrapelint/v1.2.3/rules/schema/config.schema.json');
  });

  test('the prometheus selector as a kubectl string with set operators', () => {
    expect(parse('prometheus:\n  selector: "release=kps,team in (a,b)"\n').prometheusSelector).toEqual({
      matchLabels: { release: 'kps' },
      matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }],
    });
  });

  test('the prometheus selector as a label selector object', () => {
    const selector = { matchLabels: { release: 'kps' }, matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['legacy'] }] };
    expect(parse('prometheus:\n  selector:\n    matchLabels: {release: kps}\n    matchExpressions:\n    - {key: team, operator: NotIn, values: [legacy]}\n').prometheusSelector).toEqual(selector);
  });

  test('CRLF line endings and a byte-order mark', () => {
    expect(parse('\ufeffrules:\r\n  kubelet-honor-labels: off\r\n').rules).toEqual({ 'kubelet-honor-labels': 'off' });
  });
});

describe('what the configuration means for the engine', () => {
  test('severities: the rules entries', () => {
    expect(configuredSeverities(parse('rules: {kubelet-honor-labels: off, insecure-skip-verify: info}\n'))).toEqual({ 'kubelet-honor-labels': 'off', 'insecure-skip-verify': 'info' });
    expect(configuredSeverities(undefined)).toEqual({});
  });

  test('platform.kubeletReadOnlyPort enabled makes kubelet-readonly-port a warning; disabled changes nothing', () => {
    expect(configuredSeverities(parse('platform: {kubeletReadOnlyPort: enabled}\n'))).toEqual({ 'kubelet-readonly-port': 'warning' });
    expect(configuredSeverities(parse('platform: {kubeletReadOnlyPort: disabled}\n'))).toEqual({});
  });

  test('an explicit rules entry wins over the platform hint', () => {
    expect(configuredSeverities(parse('platform: {kubeletReadOnlyPort: enabled}\nrules: {kubelet-readonly-port: info}\n'))).toEqual({ 'kubelet-readonly-port': 'info' });
    expect(configuredSeverities(parse('rules: {kubelet-readonly-port: error}\nplatform: {kubeletReadOnlyPort: enabled}\n'))).toEqual({ 'kubelet-readonly-port': 'error' });
  });

  test('settings: namespace, prometheus selector, kubelet labels', () => {
    expect(configuredSettings(parse('namespace: shop\nprometheus: {selector: release=kps}\nkubelet: {selectorLabels: {app: kubelet}}\n'))).toEqual({
      defaultNamespace: 'shop',
      prometheusSelector: { matchLabels: { release: 'kps' } },
      prometheusSelectorFrom: 'prometheus.selector in .scrapelint.yaml',
      kubeletLabels: [{ key: 'app', value: 'kubelet' }],
    });
    expect(configuredSettings(undefined)).toEqual({ defaultNamespace: undefined, prometheusSelector: undefined, kubeletLabels: undefined });
  });
});

describe('a typo in a rule id', () => {
  test('under rules: at the key, with did-you-mean', () => {
    expect(errorOf('rules:\n  kubelet-honor-labels: off\n  kubelet-readonly-prot: warning\n')).toBe(
      '3:3: rules.kubelet-readonly-prot: unknown rule "kubelet-readonly-prot". Did you mean "kubelet-readonly-port"?',
    );
  });

  test('in a flow mapping, after comments', () => {
    expect(errorOf('# comment\n\n# comment\nrules: {kubelet-readonly-port: warning, kubelet-honor-lables: off}\n')).toBe(
      '4:41: rules.kubelet-honor-lables: unknown rule "kubelet-honor-lables". Did you mean "kubelet-honor-labels"?',
    );
  });

  test('under the rules of the second override', () => {
    expect(errorOf('overrides:\n  - files: [a/**]\n    rules:\n      kubelet-readonly-port: off\n  - files: [b/**]\n    rules:\n      kubelet-honor-label: off\n')).toBe(
      '7:7: overrides[1].rules.kubelet-honor-label: unknown rule "kubelet-honor-label". Did you mean "kubelet-honor-labels"?',
    );
  });

  test('an id like no rule points to the list instead of guessing', () => {
    expect(errorOf('rules:\n  no-such-thing-at-all: off\n')).toBe('2:3: rules.no-such-thing-at-all: unknown rule "no-such-thing-at-all". Run "scrapelint rules" for the list.');
  });

  test('custom rules count once they are loaded', () => {
    const custom = { ...rules.find((r) => r.id === 'kubelet-honor-labels')!, id: 'team-label-required', builtin: false };
    const config = parse('rules:\n  team-label-required: error\n');
    expect(() => checkRuleIds(config, [...rules, custom])).not.toThrow();
    expect(errorOf('rules:\n  team-label-requird: error\n', [...rules, custom])).toBe(
      '2:3: rules.team-label-requird: unknown rule "team-label-requird". Did you mean "team-label-required"?',
    );
  });
});

describe('an unknown key', () => {
  test.each([
    ['at the top level', 'rules:\n  kubelet-honor-labels: off\nrulez: {}\n', '3:1: rulez: unknown field "rulez" (did you mean "rules"?)'],
    ['in an override (rule for rules)', 'overrides:\n  - files: [a/**]\n    rule: {kubelet-honor-labels: off}\n', '3:5: overrides[0].rule: unknown field "rule" (did you mean "rules"?)'],
    ['in platform', 'platform:\n  kubeletReadonlyPort: enabled\n', '2:3: platform.kubeletReadonlyPort: unknown field "kubeletReadonlyPort" (did you mean "kubeletReadOnlyPort"?)'],
    ['in kubelet', 'kubelet:\n  labels: {k8s-app: kubelet}\n', '2:3: kubelet.labels: unknown field "labels"'],
    ['in the prometheus selector', 'prometheus:\n  selector:\n    matchLabel: {release: kps}\n', '3:5: prometheus.selector.matchLabel: unknown field "matchLabel" (did you mean "matchLabels"?)'],
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text)).toBe(expected);
  });

  test('an unknown key wins over other mistakes in the same file', () => {
    expect(errorOf('rules:\n  kubelet-readonly-port: warn\nfoo: 1\n')).toBe('3:1: foo: unknown field "foo"');
  });
});

describe('a wrong type or value', () => {
  test.each([
    ['a severity that is not one', 'rules:\n  kubelet-readonly-port: warn\n', '2:26: rules.kubelet-readonly-port: must be one of "error", "warning", "info", "off" (did you mean "warning"?)'],
    ['rules as a list', 'rules:\n  - kubelet-readonly-port\n', '1:1: rules: must be object'],
    ['ignore as a string', 'ignore: charts/\n', '1:9: ignore: must be array'],
    ['an empty ignore pattern', 'ignore:\n  - ""\n', '2:5: ignore[0]: must NOT have fewer than 1 characters'],
    ['an override without rules', 'overrides:\n  - files: [a/**]\n', '2:5: overrides[0]: missing required field "rules"'],
    ['overrides[0].files as a string', 'overrides:\n  - files: legacy/**\n    rules: {}\n', '2:12: overrides[0].files: must be array'],
    ['customRules as a string', 'customRules: lint/\n', '1:14: customRules: must be array'],
    ['baseline as a number', 'baseline: 5\n', '1:11: baseline: must be string'],
    ['namespace as a number', 'namespace: 5\n', '1:12: namespace: must be string'],
    ['a namespace Kubernetes would reject', 'namespace: Kube_System\n', '1:12: namespace: must match pattern "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"'],
    ['a selector operator in the wrong case', 'prometheus:\n  selector:\n    matchExpressions:\n    - {key: a, operator: in}\n', '4:26: prometheus.selector.matchExpressions[0].operator: must be one of "In", "NotIn", "Exists", "DoesNotExist" (did you mean "In"?)'],
    ['no kubelet selector labels', 'kubelet:\n  selectorLabels: {}\n', '2:3: kubelet.selectorLabels: must NOT have fewer than 1 properties'],
    ['a kubelet label value that is a number', 'kubelet:\n  selectorLabels: {k8s-app: 5}\n', '2:29: kubelet.selectorLabels.k8s-app: must be string'],
    ['a platform value that is not one', 'platform:\n  kubeletReadOnlyPort: on\n', '2:24: platform.kubeletReadOnlyPort: must be one of "enabled", "disabled"'],
    ['a list instead of a mapping', '- rules\n', '1:1: must be object'],
    ['a scalar instead of a mapping', 'hello\n', '1:1: must be object'],
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text)).toBe(expected);
  });

  test('a prometheus selector string that does not parse: at the value, saying how to write one', () => {
    expect(errorOf('prometheus:\n  selector: "release<kps"\n')).toMatch(/^2:13: prometheus\.selector: cannot read "release<kps".*\(write key=value, key!=value, key in \(a,b\), key or !key\)$/);
  });

  // BUG: `prometheus.selector` is a oneOf (a string or a label selector object); ajv's errors for
  // the number are "must be string" (1st branch) and "must be object" (2nd), and mostUseful()
  // (src/ruleset/data-file.ts) keeps the deepest, so the message today is
  // ".scrapelint.yaml:2:13: prometheus.selector: must be object" — which hides that the usual
  // form is a string like `release=kps`. Expected: a message that names both forms.
  test('a prometheus selector that is neither a string nor a mapping names both forms', () => {
    const message = errorOf('prometheus:\n  selector: 5\n');
    expect(message.startsWith('2:13: prometheus.selector: ')).toBe(true);
    expect(message).toMatch(/string/);
    expect(message).toMatch(/object|selector/);
  });
});

describe('YAML that does not parse', () => {
  test.each([
    ['an unclosed flow sequence (at the end of the file)', 'rules:\n  a: [\n', '3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a key given twice (at the second)', 'rules: {}\nignore: []\nrules: {}\n', '3:1: YAML syntax error: Map keys must be unique'],
    ['a tab in the indentation', 'rules:\n\tkubelet-honor-labels: off\n', '2:1: YAML syntax error: Tabs are not allowed as indentation'],
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text)).toBe(expected);
  });

  // BUG: a second YAML document gives the yaml library's advice to programmers:
  // ".scrapelint.yaml:2:1: YAML syntax error: Source contains multiple documents; please use
  // YAML.parseAllDocuments()" (parseConfig in src/config/config.ts passes doc.errors[0] through).
  // Expected: the position of the second document and a message for users (one document only).
  test('two YAML documents: a message for users, not the library API', () => {
    const message = errorOf('rules: {}\n---\nrules: {kubelet-honor-labels: off}\n');
    expect(message).toMatch(/^2:1: /);
    expect(message).not.toMatch(/parseAllDocuments|YAML\./);
  });
});
