// Regular expressions from the input run with RE2, in time linear in what they match: a custom
// rule's JSON Schema `pattern` and `patternProperties` (compiled by ajv at run time, or into the
// precompiled rules at build time), and kustomize patch target names. `^(a+)+$` against
// `aaa…a!` backtracks for minutes in a JavaScript RegExp; under RE2 each test below takes
// milliseconds, and one that hung would fail by jest's timeout. A pattern RE2 cannot compile is
// a rule-load error naming the file, line and pattern.
import { afterAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPrecompiled, loadRules, RuleLoadError, type PrecompiledRules, type RuleFileError, type RuleFileInput } from '../../src/ruleset/loader.js';
import { precompiledModule } from '../../scripts/precompile-rules.js';
import { lint } from '../../src/engine/lint.js';
import { targets } from '../../src/k8s/kustomize.js';
import { main } from '../../src/cli/main.js';
import { rules as builtinRules } from '../helpers/rules.js';
import { assertBuilt, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const root = join(import.meta.dirname, '..', '..');
const rulesDir = join(root, 'rules');
const read = (path: string): RuleFileInput => ({ path: `rules/${path}`, text: readFileSync(join(rulesDir, path), 'utf8') });
const schema = read('schema/rule.schema.json');
const definitions = read('schema/definitions.yaml');

/** 33 `a`s and a `!`: `^(a+)+$` tries every way to split the `a`s before it fails. */
const HOSTILE = `${'a'.repeat(33)}!`;
const CATASTROPHIC = '^(a+)+$';

/** A custom rule: ports that do not match `match` (the pattern), and label sets whose keys all match `keys`. */
const rule = (id: string, port: string, keys: string) => `id: ${id}
severity: warning
kinds: [ServiceMonitor]
description: Ports not of a's, label keys all of a's.
docs:
  why: A test.
  bad: "port: b"
  fixed: "port: a"
checks:
  - given: $.spec.endpoints[*]
    match:
      required: [port]
      properties:
        port: {not: {type: string, pattern: ${JSON.stringify(port)}}}
    at: port
    message: Port {{value}} is not all a's.
  - given: $.metadata.labels
    match:
      additionalProperties: false
      patternProperties:
        ${JSON.stringify(keys)}: true
    message: Every label key is all a's.
`;

const monitor = (name: string, labelKey: string, ports: string[]) => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
  namespace: monitoring
  labels: {${labelKey}: x}
spec:
  selector: {matchLabels: {app: a}}
  endpoints:
${ports.map((p) => `  - port: ${JSON.stringify(p)}\n`).join('')}`;

const INPUT = `${monitor('plain', 'aaaa', ['aaaa', HOSTILE])}---\n${monitor('hostile', HOSTILE, ['aaa'])}`;

/** The custom rule's findings, as `line:column message`. */
const customFindings = (rules: Parameters<typeof lint>[1]['rules'], id: string) =>
  lint([{ file: 'test.yaml', text: INPUT }], { rules })
    .findings.filter((f) => f.ruleId === id)
    .map((f) => `${f.line}:${f.column} ${f.message}`);

/** The one finding each check gives: the hostile port (line 11), the all-a label keys of the first object (line 6). */
const EXPECTED = ['6:3 Every label key is all a\'s.', `11:11 Port ${HOSTILE} is not all a's.`];

function loadErrors(text: string): RuleFileError[] {
  try {
    loadRules({ schema, definitions, files: [{ path: 'lint/my-rule.yaml', text }] });
  } catch (error) {
    expect(error).toBeInstanceOf(RuleLoadError);
    return (error as RuleLoadError).errors;
  }
  throw new Error('loadRules did not throw');
}

describe('JSON Schema patterns of custom rules run with RE2', () => {
  test('a catastrophic pattern and patternProperties key finish, with the right findings', () => {
    const rules = loadRules({ schema, definitions, files: [{ path: 'lint/all-as.yaml', text: rule('all-as', CATASTROPHIC, CATASTROPHIC) }] });
    expect(customFindings(rules, 'all-as')).toEqual(EXPECTED);
  });

  test('RE2 reads ECMA-262 escapes: \\u0061 is an a', () => {
    const rules = loadRules({ schema, definitions, files: [{ path: 'lint/all-as.yaml', text: rule('all-as', '^(\\u0061+)+$', '^(\\u0061+)+$') }] });
    expect(customFindings(rules, 'all-as')).toEqual(EXPECTED);
  });

  test('a lookahead is a rule-load error at the pattern, naming it', () => {
    const text = rule('my-rule', '^(?=a)a+$', 'a');
    const errors = loadErrors(text);
    // Line 14: `        port: {not: {type: string, pattern: "^(?=a)a+$"}}`
    const column = text.split('\n')[13].indexOf('"^(?=a)') + 1;
    expect(column).toBeGreaterThan(0);
    expect(errors).toEqual([
      {
        file: 'lint/my-rule.yaml',
        line: 14,
        column,
        field: 'checks[0].match.properties.port.not.pattern',
        message: expect.stringContaining('the pattern "^(?=a)a+$" does not compile with RE2 (invalid or unsupported Perl syntax: `(?=`)'),
      },
    ]);
  });

  test('a backreference in a patternProperties key is a rule-load error at the key', () => {
    const errors = loadErrors(rule('my-rule', 'a', '^(a)\\1$'));
    expect(errors).toEqual([
      {
        file: 'lint/my-rule.yaml',
        line: 21,
        column: 9,
        field: 'checks[1].match.patternProperties.^(a)\\1$',
        message: expect.stringContaining('the pattern "^(a)\\\\1$" does not compile with RE2 (invalid escape sequence: `\\1`)'),
      },
    ]);
  });

  test("the CLI's main() exits 2 with one line naming the rule file, line and pattern", async () => {
    const dirs = tempDirs('scrapelint-regex-');
    try {
      const dir = dirs.make();
      writeTree(dir, { '.scrapelint.yaml': 'customRules: [lint/]\n', 'lint/my-rule.yaml': rule('my-rule', '(?<!b)a', 'a'), 'deploy/sm.yaml': INPUT });
      const out: string[] = [];
      const err: string[] = [];
      const status = await main(['deploy/'], { cwd: dir, env: {}, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, readStdin: async () => '' });
      expect(status).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('')).toMatch(/^scrapelint: invalid rule file: lint\/my-rule\.yaml:14:45: checks\[0\]\.match\.properties\.port\.not\.pattern: the pattern "\(\?<!b\)a" does not compile with RE2 \([^\n]*\)[^\n]*\n$/);
    } finally {
      dirs.cleanup();
    }
  });
});

describe('the precompiled rules run their patterns with RE2', () => {
  const cache = join(root, 'node_modules', '.cache', `scrapelint-regex-${process.pid}`);
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  /** precompiledModule over a rules folder, imported as the bundles import it (with a require()). */
  async function compile(dir: string): Promise<{ source: string; rules: PrecompiledRules }> {
    const source = precompiledModule(root, dir);
    const file = join(cache, `precompiled-${relative(root, dir).replace(/[^a-z0-9]+/gi, '-')}.mjs`);
    writeFileSync(file, `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${source}`);
    return { source, rules: ((await import(pathToFileURL(file).href)) as { PRECOMPILED: PrecompiledRules }).PRECOMPILED };
  }

  /** The code of each condition, between `const conditionN = (() => {` and its end. */
  const conditions = (source: string) => source.split(/^const condition\d+ = /m).slice(1);

  test('a catastrophic pattern compiled at build time finishes, with the right findings', async () => {
    const dir = join(cache, 'rules');
    mkdirSync(dir, { recursive: true });
    cpSync(join(rulesDir, 'schema'), join(dir, 'schema'), { recursive: true });
    writeFileSync(join(dir, 'all-as.yaml'), rule('all-as', CATASTROPHIC, CATASTROPHIC));
    const { source, rules } = await compile(dir);
    expect(conditions(source).join('')).not.toMatch(/RegExp\(/);
    expect(customFindings(loadPrecompiled(rules, (p) => join(root, p)), 'all-as')).toEqual(EXPECTED);
  });

  test("the built-in rules' patterns are compiled with RE2, not RegExp", async () => {
    const { source } = await compile(rulesDir);
    const withPatterns = conditions(source).filter((c) => /\bpattern\d+ = /.test(c));
    expect(withPatterns.length).toBeGreaterThan(0);
    for (const code of withPatterns) {
      expect(code).not.toMatch(/RegExp\(/);
      expect(code).toMatch(/const (func\d+) = re2Pattern;[^]*\bpattern\d+ = \1\(/);
    }
    expect(source).toMatch(/^const re2Pattern = \(pattern\) => RE2JS\.compile\(/m);
  });

  // The bundle is minified, so its text no longer shows the conditions; it bundles the module the
  // tests above read (npm run check-dist holds dist/ to the build), and behaves as they do.
  test('and so does the bundle (dist/cli.js): a custom rule with a catastrophic pattern finishes, with the right findings', () => {
    assertBuilt();
    const dirs = tempDirs('scrapelint-regex-');
    try {
      const dir = dirs.make();
      writeTree(dir, { '.scrapelint.yaml': 'customRules: [lint/]\n', 'lint/all-as.yaml': rule('all-as', CATASTROPHIC, CATASTROPHIC), 'deploy/sm.yaml': INPUT });
      const result = runCli(['--format', 'json', 'deploy/'], { cwd: dir });
      const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; line: number; column: number; message: string }[] }).findings;
      expect(findings.filter((f) => f.ruleId === 'all-as').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(EXPECTED);
    } finally {
      dirs.cleanup();
    }
  });
});

describe('kustomize patch target names are Go regular expressions, matched with RE2', () => {
  test('a backtracking name against a hostile object name finishes; RE2 syntax works; what RE2 cannot compile matches nothing', () => {
    const object = (name: string) => ({ group: 'monitoring.coreos.com', kind: 'ServiceMonitor', name });
    expect(targets({ name: '(a+)+' }, object(HOSTILE))).toBe(false);
    expect(targets({ name: '(a+)+' }, object('aaaa'))).toBe(true);
    // Go's inline flags, which a JavaScript RegExp does not read.
    expect(targets({ name: '(?i)KUBE-.*' }, object('kube-state-metrics'))).toBe(true);
    expect(targets({ name: 'kube-(?=state)' }, object('kube-state'))).toBe(false);
    expect(targets({ name: 'kube' }, object('kube-state'))).toBe(false);
  });

  test('through lint(): the patch applies to the object its name matches, and not to the hostile one', () => {
    const kubelet = (name: string) => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: "${name}", namespace: monitoring}
spec:
  namespaceSelector: {matchNames: [kube-system]}
  selector: {matchLabels: {k8s-app: kubelet}}
  endpoints:
  - port: http-metrics
    path: /metrics/cadvisor
    honorLabels: true
`;
    const kustomization = `resources: [kubelet.yaml]
patches:
- target: {kind: ServiceMonitor, name: "(a+)+"}
  patch: |
    - {op: replace, path: /spec/endpoints, value: [{port: https-metrics, scheme: https}]}
`;
    const readonlyPort = (name: string) =>
      lint(
        [
          { file: 'base/kubelet.yaml', text: kubelet(name) },
          { file: 'base/kustomization.yaml', text: kustomization },
        ],
        { rules: builtinRules },
      )
        .findings.filter((f) => f.ruleId === 'kubelet-readonly-port')
        .map((f) => `${f.file}:${f.line}`);
    expect(readonlyPort('aaaa')).toEqual([]);
    expect(readonlyPort(HOSTILE)).toEqual(['base/kubelet.yaml:8']);
  });
});
