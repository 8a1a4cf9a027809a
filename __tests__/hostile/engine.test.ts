// Hostile inputs to the engine (issue 13): a list item whose mapping starts on the line after its
// `-` (it crashed every run), parser errors placed past the end of the text, UTF-16 files (read as
// nothing), inputs on which the engine's cost grew with the square of the documents, monitors or
// fixes of a run, and the CRD's ByteSize pattern, which is quadratic in a long run of digits.
// The costs are checked by counting work (calls, reads), never by timing.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, type Document, type Node, type YAMLMap } from 'yaml';
import { main } from '../../src/cli/main.js';
import { lint, lintedDocuments } from '../../src/engine/lint.js';
import { fixInputs } from '../../src/engine/fixer.js';
import { applySuppressions } from '../../src/engine/suppressions.js';
import type { Finding } from '../../src/engine/finding.js';
import type { ManifestObject } from '../../src/k8s/objects.js';
import { schemaErrors } from '../../src/k8s/crd.js';
import { decodeFile } from '../../src/node/file-text.js';
import type { CheckContext, ObjectIndex, Rule } from '../../src/ruleset/types.js';
import { applyEdits, patchMap, removeItem } from '../../src/yaml/edits.js';
import { locate } from '../../src/yaml/nodes.js';
import { SourceText } from '../../src/yaml/source.js';
import { splitDocuments } from '../../src/yaml/split.js';
import { checkInput } from './oracle.js';
import { rules } from '../helpers/rules.js';

const scratch = mkdtempSync(join(tmpdir(), 'scrapelint-hostile-engine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const HEAD =
  'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: kubelet, namespace: kube-system}\nspec:\n  selector: {matchLabels: {k8s-app: kubelet}}\n  endpoints:\n';

/** The documents of a text as values, each required to parse. */
function values(text: string): unknown[] {
  const docs = parseAllDocuments(text, { version: '1.1' }) as Document.Parsed[];
  for (const doc of docs) expect(doc.errors.map((e) => e.message)).toEqual([]);
  return docs.map((d) => d.toJS());
}

const endpointsOf = (text: string) => (values(text)[0] as { spec: { endpoints: unknown[] } }).spec.endpoints;

let runs = 0;
/** The CLI's main() in process on files in a fresh folder: exit status, output, the files after. */
async function cli(files: Record<string, string | Buffer>, args: string[]) {
  const dir = join(scratch, `run-${runs++}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(['--no-config', ...args], {
    cwd: dir,
    env: {},
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    readStdin: async () => '',
  });
  const after = Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(join(dir, name))]));
  return { status, stdout: out.join(''), stderr: err.join(''), after };
}

describe('a list item whose mapping starts on the line after its `-`', () => {
  // The dash alone, with an anchor, with a comment that holds a dash, with properties whose
  // anchor holds a dash, with blanks after it, and with a blank line before the mapping.
  const DASHES = ['  -\n', '  - &a\n', '  - # one - two\n', '  - &a-b !!map\n', '  -   \n', '  -\n\n'];
  const bare = (dash: string) => `${HEAD}${dash}    port: https-metrics\n`;
  const working = (dash: string) =>
    `${HEAD}${dash}    port: https-metrics\n    scheme: https\n    honorLabels: true\n    authorization: {credentials: {name: kubelet-token, key: token}}\n    tlsConfig: {insecureSkipVerify: true}\n`;

  test.each(DASHES)('%j: lint, the text report, --fix-dry-run and --fix run clean (the fuzzer oracle)', async (dash) => {
    for (const text of [bare(dash), working(dash)]) {
      const input = { seed: 0, index: 0, source: 'engine.test', target: 'servicemonitor.yaml', ops: [], files: [{ path: 'servicemonitor.yaml', bytes: Buffer.from(text) }], stdin: false };
      const { problems } = await checkInput(input, join(scratch, `oracle-${runs++}`));
      expect(problems).toEqual([]);
    }
  });

  test.each(DASHES)('%j: --fix completes the endpoint in place, keeping the dash line', (dash) => {
    const text = bare(dash);
    const { fixed } = fixInputs([{ file: 'sm.yaml', text }], { rules });
    const out = fixed.get('sm.yaml')!;
    expect(out.startsWith(`${HEAD}${dash}    port: https-metrics\n`)).toBe(true);
    expect(endpointsOf(out)).toEqual([{ port: 'https-metrics', scheme: 'https', honorLabels: true, bearerTokenFile: TOKEN, tlsConfig: { insecureSkipVerify: true } }]);
  });

  test.each(DASHES)('%j: the suggested cAdvisor endpoint is a second item of the list, at its dash column', (dash) => {
    const text = working(dash);
    const finding = lint([{ file: 'sm.yaml', text }], { rules }).findings.find((f) => f.ruleId === 'kubelet-container-metrics-missing');
    expect(finding?.suggestions).toHaveLength(1);
    const out = applyEdits(text, finding!.suggestions![0].edits);
    expect(out.startsWith(text.trimEnd())).toBe(true);
    expect(out.slice(text.trimEnd().length)).toMatch(/^\n  - port: https-metrics\n    scheme: https\n    path: \/metrics\/cadvisor\n/);
    const [first, second] = endpointsOf(out) as Record<string, unknown>[];
    expect(first).toEqual(endpointsOf(text)[0]);
    expect(second).toEqual({ port: 'https-metrics', scheme: 'https', path: '/metrics/cadvisor', honorLabels: true, authorization: { credentials: { name: 'kubelet-token', key: 'token' } }, tlsConfig: { insecureSkipVerify: true } });
  });

  /** patchMap's edits for the mapping at `path`, applied. */
  function patched(text: string, path: (string | number)[], patch: Parameters<typeof patchMap>[3]): string {
    const doc = parseAllDocuments(text, { version: '1.1' })[0] as Document.Parsed;
    const map = locate(doc.contents as Node, path)!.node as YAMLMap;
    return applyEdits(text, patchMap(new SourceText('t.yaml', text), doc, map, patch));
  }

  test('an item appended to a list whose first item is a negative number goes at the dash column, not the minus sign', () => {
    const text = 'spec:\n  ports:\n  - -1\n  - 2\n';
    const out = patched(text, ['spec'], { append: { ports: 3 } });
    expect(out).toBe('spec:\n  ports:\n  - -1\n  - 2\n  - 3\n');
    expect(values(out)).toEqual([{ spec: { ports: [-1, 2, 3] } }]);
  });

  test('an item appended to a list whose items sit below their dashes, with anchors and comments in between', () => {
    const text = 'spec:\n  endpoints:\n  - &first-one # a - b\n    port: a\n  -\n    port: b\n';
    const out = patched(text, ['spec'], { append: { endpoints: { port: 'c', path: '/x' } } });
    expect(out).toBe(`${text}  - port: c\n    path: /x\n`);
    expect((values(out)[0] as { spec: { endpoints: unknown[] } }).spec.endpoints).toEqual([{ port: 'a' }, { port: 'b' }, { port: 'c', path: '/x' }]);
  });

  test('an item is removed with its dash line when its mapping starts below it, whatever its anchor', () => {
    for (const dash of ['-', '- &a-b', '- # x - y', '- !!map']) {
      const text = `list:\n  ${dash}\n    port: a\n  - port: b\n`;
      const doc = parseAllDocuments(text, { version: '1.1' })[0] as Document.Parsed;
      const seq = locate(doc.contents as Node, ['list'])!.node;
      const edit = removeItem(new SourceText('t.yaml', text), seq, 0);
      expect(edit).toBeDefined();
      const out = applyEdits(text, [edit!]);
      expect(out).toBe('list:\n  - port: b\n');
      expect(values(out)).toEqual([{ list: [{ port: 'b' }] }]);
    }
  });
});

describe('a parser error is placed inside the text', () => {
  test('an unclosed flow mapping at the end of a text ending in a newline: at its last character', () => {
    const text = 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n  - {name: x\n';
    const [finding] = lint([{ file: 'svc.yaml', text }], { rules }).findings;
    expect(finding).toMatchObject({ ruleId: 'parse-error', line: 5, column: 12, endLine: 5, endColumn: 13 });
    expect(text.slice(...finding.range)).toBe('x');
  });

  test('without a final newline, after blank lines, and in a document followed by another', () => {
    const cases: [string, string, number][] = [
      ['apiVersion: v1\nkind: Service\nspec:\n  ports:\n  - {name: x', 'x', 5],
      ['apiVersion: v1\nkind: Service\nspec:\n  ports: [a, b\n\n\n', 'b', 4],
      ['apiVersion: v1\nkind: Service\nspec:\n  ports: [a, b\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n', 'b', 4],
    ];
    for (const [text, at, line] of cases) {
      const findings = lint([{ file: 'svc.yaml', text }], { rules }).findings.filter((f) => f.ruleId === 'parse-error');
      expect(findings).toHaveLength(1);
      const source = new SourceText('svc.yaml', text);
      const [f] = findings;
      expect(f.range[1]).toBeLessThanOrEqual(text.length);
      expect(text.slice(...f.range)).toBe(at);
      expect(f.endColumn).toBeLessThanOrEqual(source.lineText(f.endLine).length + 1);
      expect(f.line).toBe(line);
    }
  });
});

describe('a document nested too deeply to be read', () => {
  const OTHER = 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: other, namespace: apps}\nspec:\n  selector: {matchLabels: {app: a}}\n  podMetricsEndpoints:\n  - port: metrics\n    path: metrics\n';
  // A monitor (only our documents are judged; another kind that does not parse is passed over).
  const HEAD_DEEP = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: deep, namespace: apps}\nspec:\n';
  const deepFlow = (n: number) => `${HEAD_DEEP}  x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const deepBlock = (n: number) => `${HEAD_DEEP}  x:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 2)}- `).join('\n')}a\n`;

  test('is one parse-error, at the same place on every run and at every depth past the one shown, and the other documents are linted', () => {
    for (const [text, line, column] of [
      // The monitor and its spec are two levels: the 255th `[` opens the 257th.
      [deepFlow(255), 5, 260],
      [deepFlow(800), 5, 260],
      [deepFlow(20_000), 5, 260],
    ] as const) {
      const runs = [0, 1].map(() => lint([{ file: 'deep.yaml', text: `${text}---\n${OTHER}` }], { rules }).findings);
      expect(runs[1]).toEqual(runs[0]);
      const errors = runs[0].filter((f) => f.ruleId === 'parse-error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ line, column });
      expect(errors[0].message).toMatch(/nests its collections more than 256 levels deep; scrapelint reads no deeper\./);
      expect(text[errors[0].range[0]]).toBe('[');
      expect(runs[0].filter((f) => f.ruleId === 'path-leading-slash').map((f) => f.line)).toEqual([14]);
    }
  });

  test('block nesting too (a list of lists, each a level deeper): the message is shown on the first line past the depth shown', () => {
    const text = deepBlock(3000);
    const errors = lint([{ file: 'deep.yaml', text }], { rules }).findings.filter((f) => f.ruleId === 'parse-error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/nests its collections more than 256 levels deep; scrapelint reads no deeper\./);
    // The list under `x` is the third level, on line 6: the 257th opens on line 260, at its dash.
    expect(errors[0]).toMatchObject({ line: 260, column: 513 });
    expect(lint([{ file: 'deep.yaml', text }], { rules }).findings).toEqual(lint([{ file: 'deep.yaml', text }], { rules }).findings);
  });

  test('up to 256 levels are read as they are', () => {
    for (const n of [30, 254]) {
      const errors = lint([{ file: 'ok.yaml', text: deepFlow(n) }], { rules }).findings.filter((f) => f.ruleId === 'parse-error');
      expect(errors).toEqual([]);
    }
  });
});

describe('UTF-16 files, as kubectl decodes them (byte-order mark first)', () => {
  const TEXT = `${HEAD}  - port: https-metrics\n    path: metrics/cadvisor # é, and 𝄞 outside the BMP\n`;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
  const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);

  test('decodeFile decodes little- and big-endian UTF-16 and UTF-8, keeping the mark as U+FEFF', () => {
    expect(decodeFile(le)).toEqual({ text: `\ufeff${TEXT}`, notUtf8: true, encoding: 'utf-16le' });
    expect(decodeFile(be)).toEqual({ text: `\ufeff${TEXT}`, notUtf8: true, encoding: 'utf-16be' });
    expect(decodeFile(utf8Bom)).toEqual({ text: `\ufeff${TEXT}` });
    expect(decodeFile(Buffer.from(TEXT))).toEqual({ text: TEXT });
    // An odd last byte or an unpaired surrogate: replacement characters, no exception.
    expect(decodeFile(Buffer.concat([le, Buffer.from([0x41])])).text.endsWith('\ufffd')).toBe(true);
    expect(decodeFile(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])).text).toBe('\ufeff\ufffdA');
  });

  test('the findings of a UTF-16 file are those of its UTF-8 twin, at the same lines and columns', async () => {
    const places = (json: string) =>
      (JSON.parse(json).findings as Finding[]).map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);
    const reference = await cli({ 'sm.yaml': TEXT }, ['--format', 'json', 'sm.yaml']);
    expect(reference.status).toBe(1);
    expect(places(reference.stdout)).toContainEqual(expect.stringMatching(/^kubelet-metrics-path 8:11-8:27 /));
    for (const bytes of [le, be, utf8Bom]) {
      const run = await cli({ 'sm.yaml': bytes }, ['--format', 'json', 'sm.yaml']);
      expect(run.status).toBe(1);
      expect(places(run.stdout)).toEqual(places(reference.stdout));
    }
    // The text report quotes the decoded line.
    const text = await cli({ 'sm.yaml': le }, ['sm.yaml']);
    expect(text.stdout).toContain('path: metrics/cadvisor # é, and 𝄞 outside the BMP');
  });

  test('--fix leaves a UTF-16 file as it is and says why; the findings stay', async () => {
    const run = await cli({ 'sm.yaml': le }, ['--format', 'json', '--fix', 'sm.yaml']);
    expect(run.after['sm.yaml'].equals(le)).toBe(true);
    expect(run.stderr).toContain('sm.yaml: not fixed, it is not UTF-8 text');
    expect(run.status).toBe(1);
  });

  test('UTF-16 without a byte-order mark (kubectl cannot read it either) is passed over as before: no object, exit 0', async () => {
    const run = await cli({ 'sm.yaml': Buffer.from(TEXT, 'utf16le') }, ['--format', 'json', 'sm.yaml']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ findings: [], summary: { files: 1, objects: 0 } });
  });
});

/** A small monitor; every 100th has a path without its leading slash, every 1,000th a suppression. */
function smallMonitor(i: number): string {
  const suppressed = i % 1000 === 500 ? '    # scrapelint-disable-next-line path-leading-slash -- generated\n' : '';
  const path = i % 100 === 0 ? `${suppressed}    path: metrics\n` : '';
  const idle = i % 1000 === 700 ? '  # scrapelint-disable-next-line kubelet-scheme\n' : '';
  return `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app-${i}\n  namespace: team-${i % 50}\nspec:\n  selector: {matchLabels: {app: app-${i}}}\n  endpoints:\n${idle}  - port: metrics\n    interval: 30s\n${path}`;
}

const ruleById = (id: string) => rules.find((r) => r.id === id)!;

describe('costs that grow with the input, not with its square', () => {
  test('lintedDocuments reads each object once, however many documents the file has', () => {
    const n = 5000;
    const text = Array.from({ length: n }, (_, i) => `kind: K\nname: a${i}\n`).join('---\n');
    const chunks = splitDocuments(text);
    let reads = 0;
    // Every other document holds a linted object.
    const objects = chunks
      .filter((_, i) => i % 2 === 0)
      .map((c) => {
        const range = [c.start, c.end];
        return {
          get range() {
            reads++;
            return range;
          },
        } as unknown as ManifestObject;
      });
    const spans = lintedDocuments(chunks, objects);
    expect(spans).toHaveLength(n / 2);
    expect(spans[1]).toEqual([chunks[1].end, chunks[2].end]);
    expect(reads).toBeLessThanOrEqual(objects.length);
  });

  test('suppressions: each finding is matched against the directives in force at its line only', () => {
    const n = 2000;
    const text = Array.from({ length: n }, (_, i) => `# scrapelint-disable-next-line rule-${i % 2}\nkey${i}: v\n`).join('');
    const source = new SourceText('f.yaml', text);
    let reads = 0;
    const findings = Array.from({ length: n }, (_, i) => {
      const line = 2 * i + 2;
      return {
        ruleId: 'rule-0',
        file: 'f.yaml',
        get line() {
          reads++;
          return line;
        },
      } as unknown as Finding;
    });
    const unused: string[] = [];
    const result = applySuppressions(
      findings,
      new Map([['f.yaml', { source, documentEnds: [text.length], objects: [], lintedDocuments: [[0, text.length] as [number, number]] }]]),
      (_, range, message) => {
        unused.push(`${source.position(range[0]).line} ${message}`);
        return undefined;
      },
      ['rule-0', 'rule-1'],
    );
    expect(result.suppressed).toBe(n / 2);
    expect(result.kept).toHaveLength(n / 2);
    expect(unused).toHaveLength(n / 2);
    expect(unused[0]).toBe('3 `# scrapelint-disable-next-line` suppresses no `rule-1` finding here: remove it.');
    // Sorting the findings by line reads each about 2 log2(n) times; matching them against every directive read each n times.
    expect(reads).toBeLessThan(n * 2 * Math.log2(n) * 2);
  });

  test('20,000 monitors in one file: every finding, every suppression and every idle directive', () => {
    const n = 20000;
    const text = Array.from({ length: n }, (_, i) => smallMonitor(i)).join('---\n');
    const only = ['path-leading-slash', 'unused-suppression'].map(ruleById);
    const result = lint([{ file: 'monitors.yaml', text }], { rules: only });
    const count = (id: string) => result.findings.filter((f) => f.ruleId === id).length;
    // 200 paths without a slash, 20 of them suppressed; 20 directives for kubelet-scheme suppress nothing.
    expect(count('path-leading-slash')).toBe(180);
    expect(result.suppressed).toBe(20);
    expect(count('unused-suppression')).toBe(20);
    expect(result.objects).toBe(n);
  });

  /** A rule whose check function also counts the times it runs. */
  function counted(rule: Rule, onCall: (context: CheckContext) => CheckContext): Rule {
    return { ...rule, checks: rule.checks.map((c) => ({ ...c, function: (context: CheckContext) => c.function!(onCall(context)) })) };
  }

  test('kubelet-container-metrics-missing asks about each kubelet monitor a constant number of times', () => {
    const n = 1000;
    const endpoint = (path: string) =>
      `  - port: https-metrics\n    scheme: https\n    path: ${path}\n    honorLabels: true\n    authorization: {credentials: {name: kubelet-token, key: token}}\n    tlsConfig: {insecureSkipVerify: true}\n`;
    const monitor = (i: number, cadvisor: boolean) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: kubelet-${i}, namespace: monitoring}\nspec:\n  selector: {matchLabels: {app.kubernetes.io/name: kubelet}}\n  namespaceSelector: {matchNames: [kube-system]}\n  endpoints:\n${endpoint('/metrics')}${cadvisor ? endpoint('/metrics/cadvisor') : ''}`;
    const run = (cadvisorAt: number) => {
      let asked = 0;
      const wrapped = new WeakMap<ObjectIndex, ObjectIndex>();
      const rule = counted(ruleById('kubelet-container-metrics-missing'), (context) => {
        let index = wrapped.get(context.index);
        if (!index) {
          const real = context.index;
          index = {
            ...real,
            memo: (object, key, compute) => {
              if (key === 'kubelet') asked++;
              return real.memo(object, key, compute);
            },
          };
          wrapped.set(real, index);
        }
        return { ...context, index };
      });
      const inputs = Array.from({ length: n }, (_, i) => ({ file: `k/kubelet-${i}.yaml`, text: monitor(i, i === cadvisorAt) }));
      const findings = lint(inputs, { rules: [rule] }).findings;
      return { findings, asked };
    };
    // One monitor scrapes cAdvisor: none of the others is reported.
    const one = run(n - 1);
    expect(one.findings).toEqual([]);
    expect(one.asked).toBeLessThanOrEqual(2 * n);
    // None does: each is, with the suggestion.
    const none = run(-1);
    expect(none.findings).toHaveLength(n);
    expect(none.findings.every((f) => f.suggestions?.length === 1)).toBe(true);
    expect(none.asked).toBeLessThanOrEqual(2 * n);
  });

  test('duplicate-object looks at each object of a unit a constant number of times, and still finds the duplicates', () => {
    const n = 5000;
    const monitor = (i: number, name: string) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: ${name}, namespace: team-${i % 7}}\nspec:\n  selector: {matchLabels: {app: a}}\n  endpoints:\n  - port: metrics\n`;
    // app-0 twice in team-0 (a duplicate), app-1 in team-1 and team-2 (not one).
    const names = Array.from({ length: n }, (_, i) => (i === 7 * 300 ? 'app-0' : `app-${i}`));
    let looked = 0;
    const wrapped = new WeakMap<ObjectIndex, ObjectIndex>();
    const rule = counted(ruleById('duplicate-object'), (context) => {
      let index = wrapped.get(context.index);
      if (!index) {
        const real = context.index;
        index = {
          ...real,
          get objects() {
            looked += real.objects.length;
            return real.objects;
          },
          ofKind: (kind) => {
            const found = real.ofKind(kind);
            looked += found.length;
            return found;
          },
        };
        wrapped.set(real, index);
      }
      return { ...context, index };
    });
    const text = [...names.map((name, i) => monitor(i, name)), monitor(1, 'app-1').replace('team-1', 'team-2')].join('---\n');
    const findings = lint([{ file: 'monitors.yaml', text }], { rules: [rule] }).findings;
    expect(findings.map((f) => `${f.line} ${f.message.slice(0, 60)}`)).toEqual([expect.stringMatching(/^\d+ /)]);
    expect(findings[0].line).toBe(7 * 300 * 8 + 3);
    expect(looked).toBeLessThanOrEqual(3 * n);
  });

  test('--fix with one fix per document judges each document a constant number of times, with the same result', () => {
    const n = 300;
    const monitor = (i: number) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: app-${i}, namespace: team-${i % 5}}\nspec:\n  selector: {matchLabels: {app: app-${i}}}\n  endpoints:\n  - port: metrics\n    path: metrics\n`;
    const text = Array.from({ length: n }, (_, i) => monitor(i)).join('---\n');
    let judged = 0;
    const schema = counted(ruleById('crd-schema'), (context) => {
      judged++;
      return context;
    });
    const all = rules.map((r) => (r.id === 'crd-schema' ? schema : r));
    const { fixed, applied, result } = fixInputs([{ file: 'fixable.yaml', text }], { rules: all });
    expect(applied.get('fixable.yaml')).toBe(n);
    expect(fixed.get('fixable.yaml')).toBe(text.replace(/path: metrics$/gm, 'path: /metrics'));
    expect(result.findings.filter((f) => f.ruleId === 'path-leading-slash')).toEqual([]);
    // Three lints of the file (two passes and what remains), the file's health once, each document's twice.
    expect(judged).toBeLessThanOrEqual(8 * n);
  });

  test('a fix that would add a crd-schema error is still refused, and the others of the file applied', () => {
    // Two monitors whose endpoints lack a scheme (kubelet-scheme fixes), one where the fix is refused: a
    // rule that "fixes" by setting a wrong type. Built from the real path-leading-slash rule.
    const base = ruleById('path-leading-slash');
    // Its function's findings keep their place, but their fix writes `port: 5` (the CRD types an endpoint's port as a string).
    const breaking: Rule = {
      ...base,
      id: 'breaks-port',
      checks: base.checks.map((c) => ({ ...c, function: (context: CheckContext) => c.function!(context).map((report) => ({ ...report, fix: [{ set: { port: 5 } }] })) })),
    };
    const doc = (i: number, path: string) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: app-${i}, namespace: ns}\nspec:\n  selector: {matchLabels: {app: a}}\n  endpoints:\n  - port: metrics\n    path: ${path}\n`;
    const text = [doc(0, '/ok'), doc(1, 'metrics'), doc(2, '/ok')].join('---\n');
    const { fixed, result } = fixInputs([{ file: 'f.yaml', text }], { rules: [...rules.filter((r) => r.id === 'crd-schema' || r.id === 'parse-error'), breaking] });
    expect(fixed.has('f.yaml')).toBe(false);
    const left = result.findings.filter((f) => f.ruleId === 'breaks-port');
    expect(left).toHaveLength(1);
    expect(left[0].message).toMatch(/\(The fix was not applied: the fixed object would fail crd-schema\.\)$/);
  });
});

// The CRD's ByteSize pattern, `(^0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$`, is unanchored at its
// start: a JavaScript RegExp takes quadratic time on a long run of digits that does not end in `B`
// (60,000 digits and an `x`: 16 s). crd.ts matches CRD patterns with RE2, as the API server does.
describe("the CRD's ByteSize pattern, in linear time", () => {
  test('a retentionSize of 200,000 digits and an `x` is a crd-schema error, found at once; with a unit it is valid', () => {
    const prometheus = (size: string) =>
      `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec:\n  retentionSize: "${size}"\n`;
    const digits = '7'.repeat(200000);
    const bad = lint([{ file: 'p.yaml', text: prometheus(`${digits}x`) }], { rules: [ruleById('crd-schema')] }).findings;
    const short = lint([{ file: 'p.yaml', text: prometheus('7x') }], { rules: [ruleById('crd-schema')] }).findings;
    expect(short).toHaveLength(1);
    expect(bad.map((f) => [f.line, f.column, f.message.replace(digits, '7')])).toEqual(short.map((f) => [f.line, f.column, f.message]));
    expect(lint([{ file: 'p.yaml', text: prometheus(`${digits}GiB`) }], { rules: [ruleById('crd-schema')] }).findings).toEqual([]);
    for (const kind of ['ServiceMonitor', 'PodMonitor', 'Prometheus', 'PrometheusAgent', 'ScrapeConfig']) {
      const errors = schemaErrors(kind, { metadata: { name: 'a' }, spec: { bodySizeLimit: `${digits}x` } });
      expect(errors.filter((e) => e.path.join('.') === 'spec.bodySizeLimit').map((e) => e.keyword)).toEqual(['pattern']);
    }
  });
});
