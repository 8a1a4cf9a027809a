// Loading rule files with the real rule schema: every mistake in a rule file is a RuleLoadError
// naming the file, the line and column, and the field; a valid custom rule works through lint().
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadRules, RuleLoadError, type RuleFileError, type RuleFileInput } from '../../src/ruleset/loader.js';
import { lint } from '../../src/engine/lint.js';
import { applyEdits } from '../../src/yaml/edits.js';
import { rules as builtinRules } from '../helpers/rules.js';

const rulesDir = join(import.meta.dirname, '..', '..', 'rules');
const schema: RuleFileInput = { path: 'rules/schema/rule.schema.json', text: readFileSync(join(rulesDir, 'schema', 'rule.schema.json'), 'utf8') };
const definitions: RuleFileInput = { path: 'rules/schema/definitions.yaml', text: readFileSync(join(rulesDir, 'schema', 'definitions.yaml'), 'utf8') };

/** A valid rule; the comments give the line numbers the tests below rely on. */
const VALID = `id: my-rule
severity: warning
kinds: [ServiceMonitor]
description: Flags endpoints on port foo.
docs:
  why: Because port foo is gone.
  bad: "port: foo"
  fixed: "port: bar"
checks:
  - given: $.spec.endpoints[*]
    match:
      required: [port]
      properties: {port: {const: foo}}
    at: port
    message: Port {{value}} is bad; use bar.
`;

function load(files: RuleFileInput[]) {
  return loadRules({ schema, definitions, files });
}

/** The errors loadRules throws for these files (fails the test when it does not throw). */
function errorsOf(files: RuleFileInput[]): RuleFileError[] {
  try {
    load(files);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleLoadError);
    return (error as RuleLoadError).errors;
  }
  throw new Error('loadRules did not throw');
}

/** The single error for one file `rules/my-rule.yaml` with this text. */
function errorOf(text: string, path = 'rules/my-rule.yaml'): RuleFileError {
  const errors = errorsOf([{ path, text }]);
  expect(errors).toHaveLength(1);
  return errors[0];
}

/** VALID with `from` replaced by `to` (the replacement must happen). */
function edit(from: string, to: string, text = VALID): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

test('the valid rule loads', () => {
  const [rule] = load([{ path: 'rules/my-rule.yaml', text: VALID }]);
  expect(rule).toMatchObject({ id: 'my-rule', severity: 'warning', enabled: true, kinds: ['ServiceMonitor'], input: false, file: 'rules/my-rule.yaml' });
  expect(rule.checks).toHaveLength(1);
  expect(rule.checks[0].given).toEqual(['spec', 'endpoints', '*']);
  expect(rule.checks[0].at).toEqual([['port']]);
});

describe('a malformed rule file is a RuleLoadError with file, line, column and field', () => {
  test('an unknown top-level field: at the key', () => {
    const error = errorOf(edit('severity: warning\n', 'severity: warning\nseverity_override: error\n'));
    expect(error).toEqual({ file: 'rules/my-rule.yaml', line: 3, column: 1, field: 'severity_override', message: 'unknown field "severity_override"' });
  });

  test('an unknown field in a check: at the key', () => {
    const error = errorOf(edit('    at: port\n', '    at: port\n    pointAt: port\n'));
    expect(error).toEqual({ file: 'rules/my-rule.yaml', line: 15, column: 5, field: 'checks[0].pointAt', message: 'unknown field "pointAt"' });
  });

  test('an unknown field in docs and in when', () => {
    expect(errorOf(edit('  why: Because port foo is gone.\n', '  why: Because port foo is gone.\n  how: Like this.\n'))).toMatchObject({ line: 7, column: 3, field: 'docs.how' });
    expect(errorOf(edit('    match:\n', '    when:\n      fact: [kubelet-endpoint]\n    match:\n'))).toMatchObject({ line: 12, column: 7, field: 'checks[0].when.fact', message: 'unknown field "fact" (did you mean "facts"?)' });
  });

  test('an unknown field in a fix op next to a valid op', () => {
    const text = `${VALID}    fix:\n      ops:\n        - set: {port: bar}\n          iff: {required: [port]}\n`;
    expect(errorOf(text)).toEqual({ file: 'rules/my-rule.yaml', line: 19, column: 11, field: 'checks[0].fix.ops[0].iff', message: 'unknown field "iff" (did you mean "if"?)' });
  });

  test('a misspelt fix op is reported as the unknown field it is', () => {
    const text = `${VALID}    fix:\n      ops:\n        - sett: {port: bar}\n`;
    expect(errorOf(text)).toMatchObject({ file: 'rules/my-rule.yaml', line: 18, column: 11, field: 'checks[0].fix.ops[0].sett', message: 'unknown field "sett" (did you mean "set"?)' });
  });

  test('a missing required top-level field: the message names it', () => {
    const error = errorOf(edit('description: Flags endpoints on port foo.\n', ''));
    expect(error).toMatchObject({ file: 'rules/my-rule.yaml', line: 1, column: 1 });
    expect(error.message).toBe('missing required field "description"');
  });

  test('a missing required field of a check: at the check', () => {
    const error = errorOf(edit('    message: Port {{value}} is bad; use bar.\n', ''));
    expect(error).toEqual({ file: 'rules/my-rule.yaml', line: 10, column: 5, field: 'checks[0]', message: 'missing required field "message"' });
  });

  test('a missing required field of docs: at the docs key', () => {
    const error = errorOf(edit('  why: Because port foo is gone.\n', ''));
    expect(error).toEqual({ file: 'rules/my-rule.yaml', line: 5, column: 1, field: 'docs', message: 'missing required field "why"' });
  });

  test('a severity outside the enum: at the value', () => {
    const error = errorOf(edit('severity: warning', 'severity: critical'));
    expect(error).toEqual({ file: 'rules/my-rule.yaml', line: 2, column: 11, field: 'severity', message: 'must be one of "error", "warning", "info"' });
  });

  test('a kind outside the enum: at the list item', () => {
    const error = errorOf(edit('kinds: [ServiceMonitor]', 'kinds: [ServiceMonitor, Pod]'));
    expect(error).toMatchObject({ line: 3, column: 25, field: 'kinds[1]' });
  });

  test('an id that does not match the file name: at the id', () => {
    const error = errorOf(VALID, 'rules/other-rule.yaml');
    expect(error).toEqual({ file: 'rules/other-rule.yaml', line: 1, column: 5, field: 'id', message: 'the id "my-rule" must match the file name "other-rule.yaml"' });
  });

  test('an id that matches the file name in a Windows path, or a .yml file, is fine', () => {
    expect(load([{ path: 'C:\\rules\\my-rule.yaml', text: VALID }]).map((r) => r.id)).toEqual(['my-rule']);
    expect(load([{ path: 'rules/my-rule.yml', text: VALID }]).map((r) => r.id)).toEqual(['my-rule']);
  });

  test('an unknown fact: at the list item', () => {
    const error = errorOf(edit('    match:\n', '    when:\n      facts: [kubelet-endpoint, kubelet-node]\n    match:\n'));
    expect(error).toMatchObject({ file: 'rules/my-rule.yaml', line: 12, column: 33, field: 'checks[0].when.facts[1]' });
    expect(error.message).toContain('unknown fact "kubelet-node"');
    expect(error.message).toContain('kubelet-endpoint');
  });

  test('an unknown negated fact names the fact without the !', () => {
    const error = errorOf(edit('    match:\n', '    when:\n      facts: ["!kubelet-node"]\n    match:\n'));
    expect(error).toMatchObject({ line: 12, column: 15, field: 'checks[0].when.facts[0]' });
    expect(error.message).toContain('unknown fact "kubelet-node"');
  });

  test('an unknown function: at the value', () => {
    const error = errorOf(edit('    match:\n      required: [port]\n      properties: {port: {const: foo}}\n', '    function: kubelet-port\n'));
    expect(error).toMatchObject({ file: 'rules/my-rule.yaml', line: 11, column: 15, field: 'checks[0].function' });
    expect(error.message).toContain('unknown function "kubelet-port"');
    expect(error.message).toContain('kubelet-metrics-path');
  });

  test('an invalid JSON Schema in match: at match', () => {
    const error = errorOf(edit('{port: {const: foo}}', '{port: {type: strnig}}'));
    expect(error).toMatchObject({ file: 'rules/my-rule.yaml', line: 11, column: 5, field: 'checks[0].match' });
    expect(error.message).toMatch(/^invalid JSON Schema: /);
  });

  test('an invalid JSON Schema in when.value, and a $ref to a definition that does not exist', () => {
    const value = errorOf(edit('    match:\n', '    when:\n      value: {minimum: abc}\n    match:\n'));
    expect(value).toMatchObject({ line: 12, column: 7, field: 'checks[0].when.value' });
    const ref = errorOf(edit('required: [port]', '$ref: definitions.json#/definitions/noSuchDefinition'));
    expect(ref).toMatchObject({ line: 11, column: 5, field: 'checks[0].match' });
    expect(ref.message).toContain('noSuchDefinition');
  });

  test('a malformed given path: at the value', () => {
    const error = errorOf(edit('$.spec.endpoints[*]', '$.spec.endpoints[*'));
    expect(error).toEqual({ file: 'rules/my-rule.yaml', line: 10, column: 12, field: 'checks[0].given', message: 'cannot read the path "$.spec.endpoints[*" at "[*"' });
  });

  test('a given path without $ (the schema pattern): at the value', () => {
    expect(errorOf(edit('$.spec.endpoints[*]', 'spec.endpoints[*]'))).toMatchObject({ line: 10, column: 12, field: 'checks[0].given' });
  });

  test('a malformed at path, alone or in a list', () => {
    expect(errorOf(edit('at: port', 'at: "port..x"'))).toMatchObject({ line: 14, column: 9, field: 'checks[0].at' });
    expect(errorOf(edit('at: port', 'at: [port, "a[b"]'))).toMatchObject({ line: 14, column: 16, field: 'checks[0].at[1]' });
  });

  test('a malformed in path of a fix op', () => {
    const text = `${VALID}    fix:\n      ops:\n        - set: {port: bar}\n          in: "a..b"\n`;
    expect(errorOf(text)).toMatchObject({ line: 19, column: 15, field: 'checks[0].fix.ops[0].in' });
  });

  test('a YAML syntax error: at the parser position', () => {
    const error = errorOf(edit('description: Flags endpoints on port foo.', 'description: Flags: endpoints on port foo.'));
    expect(error).toMatchObject({ file: 'rules/my-rule.yaml', line: 4, column: 14, field: '' });
    expect(error.message).toMatch(/^YAML syntax error: Nested mappings are not allowed in compact mappings$/);
  });

  test('an unclosed flow sequence: at the position the parser gives', () => {
    const text = edit('kinds: [ServiceMonitor]', 'kinds: [ServiceMonitor');
    const parserAt = parseDocument(text).errors[0].linePos?.[0];
    expect(parserAt).toEqual({ line: 4, col: 1 });
    const error = errorOf(text);
    expect(error).toMatchObject({ file: 'rules/my-rule.yaml', line: 4, column: 1, field: '' });
    expect(error.message).toMatch(/^YAML syntax error: Flow sequence/);
  });

  test('a duplicate key is a YAML error at the second key', () => {
    expect(errorOf(edit('severity: warning\n', 'severity: warning\nseverity: error\n'))).toMatchObject({ line: 3, column: 1, field: '' });
  });

  test('the same id in two files: the second file, field id, naming the first', () => {
    const errors = errorsOf([
      { path: 'rules/my-rule.yaml', text: VALID },
      { path: 'custom/my-rule.yaml', text: VALID },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'custom/my-rule.yaml', field: 'id' });
    expect(errors[0].message).toContain('rules/my-rule.yaml');
  });

  test('the same id in two files: the error is at the id of the second file', () => {
    const withHeader = `# yaml-language-server: $schema=./schema/rule.schema.json\n${VALID}`;
    const errors = errorsOf([
      { path: 'rules/my-rule.yaml', text: VALID },
      { path: 'custom/my-rule.yaml', text: withHeader },
    ]);
    expect(errors[0]).toMatchObject({ file: 'custom/my-rule.yaml', line: 2, column: 5, field: 'id' });
  });

  test('CRLF rule files give the same positions', () => {
    const error = errorOf(edit('severity: warning', 'severity: critical').replace(/\n/g, '\r\n'));
    expect(error).toMatchObject({ line: 2, column: 11, field: 'severity' });
  });

  test('problems in several files are all reported, and the message is file:line:column: field: message', () => {
    let thrown: unknown;
    try {
      load([
        { path: 'rules/my-rule.yaml', text: edit('severity: warning', 'severity: critical') },
        { path: 'rules/b-rule.yaml', text: edit('id: my-rule', 'id: b-rule', edit('kinds: [ServiceMonitor]', 'kinds: [ServiceMonitor]\nbogus: true')) },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleLoadError);
    expect((thrown as RuleLoadError).message).toBe(
      'rules/my-rule.yaml:2:11: severity: must be one of "error", "warning", "info"\nrules/b-rule.yaml:4:1: bogus: unknown field "bogus"',
    );
  });

  test('a malformed definitions file is reported against that file', () => {
    let thrown: unknown;
    try {
      loadRules({ schema, definitions: { path: 'rules/schema/definitions.yaml', text: 'definitions: [\n' }, files: [] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleLoadError);
    expect((thrown as RuleLoadError).errors[0].file).toBe('rules/schema/definitions.yaml');
  });
});

describe('a valid custom rule works through lint()', () => {
  const text = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: app}
spec:
  selector: {matchLabels: {app: web}}
  endpoints:
  - port: foo
    interval: 30s
  - port: web
`;

  test('a finding at the `at` path, with the rule severity and message', () => {
    const rules = load([{ path: 'rules/my-rule.yaml', text: VALID }]);
    const { findings } = lint([{ file: 'app.yaml', text }], { rules });
    expect(findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, column: f.column, endColumn: f.endColumn, message: f.message }))).toEqual([
      { ruleId: 'my-rule', severity: 'warning', line: 7, column: 11, endColumn: 14, message: 'Port foo is bad; use bar.' },
    ]);
    expect(findings[0].fix).toBeUndefined();
  });

  test('its fix, and its severity override', () => {
    const rules = load([{ path: 'rules/my-rule.yaml', text: `${VALID}    fix:\n      ops:\n        - set: {port: bar}\n` }]);
    const { findings } = lint([{ file: 'app.yaml', text }], { rules, severities: { 'my-rule': 'error' } });
    expect(findings.map((f) => `${f.severity} ${f.line}:${f.column}`)).toEqual(['error 7:11']);
    expect(applyEdits(text, findings.flatMap((f) => f.fix?.edits ?? []))).toBe(text.replace('port: foo', 'port: bar'));
    expect(lint([{ file: 'app.yaml', text }], { rules, severities: { 'my-rule': 'off' } }).findings).toEqual([]);
  });

  test('next to the built-in rules', () => {
    const custom = load([{ path: 'custom/my-rule.yaml', text: VALID }]);
    const { findings } = lint([{ file: 'app.yaml', text: `${text}---\n${text.replace('port: foo', 'port: http-metrics').replace('{app: web}', '{k8s-app: kubelet}')}` }], {
      rules: [...builtinRules, ...custom],
    });
    expect(findings.filter((f) => f.ruleId === 'my-rule').map((f) => `${f.line}:${f.column}`)).toEqual(['7:11']);
    expect(findings.filter((f) => f.ruleId === 'kubelet-readonly-port').map((f) => `${f.line}:${f.column}`)).toEqual(['17:11']);
  });
});
