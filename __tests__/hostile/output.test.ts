// Inside a GitHub workflow the runner reads every line a step prints for workflow commands
// (actions/runner, ActionCommand.cs): `::name props::data` at the start of a line after leading
// whitespace (TryParseV2), and `##[name props]data` anywhere in a line (TryParse); lines end at
// \n, \r or \r\n. Manifest values reach the output (object names and label values in messages,
// source lines in the excerpts, file names, diffs), so none may make a line of that shape.
import { describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import { lint } from '../../src/engine/lint.js';
import { summarize, type Finding } from '../../src/engine/finding.js';
import { escapeControls, formatText, workflowSafe } from '../../src/report/text.js';
import { formatJson } from '../../src/report/json.js';
import { NO_COLORS } from '../../src/report/colors.js';
import { SourceText } from '../../src/yaml/source.js';
import { rules } from '../helpers/rules.js';

/**
 * The lines the runner would take as workflow commands, whatever their name (a `stop-commands`
 * earlier in the log makes any name one). .NET's TrimStart trims what JavaScript's \s does, and U+0085.
 */
function commands(output: string): string[] {
  return output.split(/\r\n|\r|\n/).filter((line) => {
    const trimmed = line.replace(/^[\s\u0085]+/, '');
    if (trimmed.startsWith('::') && trimmed.indexOf('::', 2) >= 0) return true;
    const legacy = line.indexOf('##[');
    return legacy >= 0 && line.indexOf(']', legacy) >= 0;
  });
}

/**
 * The broken kubelet ServiceMonitor with commands in its values: in its name and a label value
 * (both in messages), in a comment of a flagged line (its excerpt) after a carriage return, and
 * in a block scalar next to a fix (a diff's context line).
 */
const INPUT = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: "kubelet\\n::warning file=x::owned"
  namespace: monitoring
  labels:
    release: "kps\\r::add-mask::secret ##[error]owned"
spec:
  selector:
    matchLabels:
      k8s-app: kubelet
  endpoints:
    - port: http-metrics # \r::set-output name=a::b
      path: /metrics/cadvisor
      scheme: http
  note: |
    ::stop-commands::token
    \u00a0::warning::after a no-break space
    ##[set-output name=a]b
`;
const FILE = '::warning file=x::owned.yaml';

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = { cwd: '/', env: {}, stdout: { write: (s: string) => stdout.push(s) }, stderr: { write: (s: string) => stderr.push(s) }, readStdin: async () => INPUT };
  const status = await main(['--no-config', '--stdin-filename', FILE, '--prometheus-selector', 'release=kps', ...args, '-'], io);
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('no output line is a workflow command', () => {
  test('the values do reach the output: printed as they are, they would make commands', () => {
    const { findings } = lint([{ file: FILE, text: INPUT }], { rules, settings: { prometheusSelector: { matchLabels: { release: 'kps' } } } });
    const raw = [FILE, ...findings.map((f) => f.message), ...INPUT.split('\n')].join('\n');
    expect(commands(raw).length).toBeGreaterThanOrEqual(6);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['kubelet-namespace-selector', 'monitor-not-selected', 'kubelet-readonly-port']));
  });

  test('the text report: control characters escaped, `::` and `##[` broken by a zero-width space, otherwise as written', async () => {
    const { status, stdout, stderr } = await run([]);
    expect(status).toBe(1);
    expect(stderr).toBe('');
    expect(commands(stdout)).toEqual([]);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(':\u200b:warning file=x::owned.yaml');
    expect(stdout).toContain('ServiceMonitor monitoring/kubelet\\n::warning file=x::owned selects the kubelet Service');
    expect(stdout).toContain("labels are `release: kps\\r::add-mask::secret ##\u200b[error]owned`");
    expect(stdout).toContain('    13 |     - port: http-metrics # \\r::set-output name=a::b\n');
    expect(stdout).not.toMatch(/[\r\u001b]/);
    expect(lines[0].replaceAll('\u200b', '')).toBe(FILE);
  });

  test('the JSON report: `##[` written as `##\\u005b`, so the values read back unchanged', async () => {
    const { status, stdout } = await run(['--format', 'json']);
    expect(status).toBe(1);
    expect(commands(stdout)).toEqual([]);
    expect(stdout).toContain('##\\u005b');
    const report = JSON.parse(stdout) as { findings: Finding[] };
    expect(report.findings.find((f) => f.ruleId === 'monitor-not-selected')?.message).toContain('`release: kps\r::add-mask::secret ##[error]owned`');
    expect(report.findings.every((f) => f.file === FILE)).toBe(true);
  });

  test('a diff (--fix-dry-run): context lines and what follows a carriage return are broken too', async () => {
    const { stdout } = await run(['--fix-dry-run']);
    expect(stdout).toMatch(/^ {5}:\u200b:stop-commands::token\n {5}\u00a0:\u200b:warning::after a no-break space\n {5}##\u200b\[set-output name=a\]b\n/m);
    expect(stdout).toContain('+    - port: https-metrics # \r:\u200b:set-output name=a::b\n');
    expect(commands(stdout)).toEqual([]);
  });

  test('an error message with a value in it (stderr)', async () => {
    const { status, stderr } = await run(['--fix-dry-run', '--rule', 'x\n::warning::y']);
    expect(status).toBe(2);
    expect(stderr).toBe('scrapelint: unknown rule "x\n:\u200b:warning::y" for --rule (see scrapelint rules)\nRun "scrapelint --help" for usage.\n');
    expect(commands(stderr)).toEqual([]);
  });
});

describe('the helpers', () => {
  test('workflowSafe breaks `::` after any leading whitespace and every `##[`, and keeps line ends', () => {
    const text = '::a::b\r\n \t\u00a0\u2003\u0085::c::d\r##[e]f ##[g]h\nplain :: text ##\n';
    const safe = workflowSafe(text);
    expect(commands(text)).toHaveLength(3);
    expect(commands(safe)).toEqual([]);
    expect(safe).toBe(':\u200b:a::b\r\n \t\u00a0\u2003\u0085:\u200b:c::d\r##\u200b[e]f ##\u200b[g]h\nplain :: text ##\n');
    expect(workflowSafe(safe)).toBe(safe);
  });

  test('escapeControls shows control characters and line separators as escapes, and keeps tabs', () => {
    expect(escapeControls('a\nb\rc\u001b[31md\u0000\u007f\u0085\u2028\te')).toBe('a\\nb\\rc\\u001b[31md\\u0000\\u007f\\u0085\\u2028\te');
  });

  test("the caret stays under the flagged text when the line has escaped characters before it", () => {
    const text = 'a: "\u001b[2J" # x\rport: http\n';
    const column = text.indexOf('http') + 1;
    const finding = { ruleId: 'r', severity: 'error', message: 'm', file: 'f.yaml', line: 1, column, endLine: 1, endColumn: column + 4, range: [column - 1, column + 3] } as Finding;
    const out = formatText([finding], summarize([finding], 1), new Map([['f.yaml', new SourceText('f.yaml', text)]]), NO_COLORS).split('\n');
    expect(out[2]).toBe('    1 | a: "\\u001b[2J" # x\\rport: http');
    expect(out[3].indexOf('^')).toBe(out[2].indexOf('http'));
    expect(out[3].trimEnd().endsWith('^^^^')).toBe(true);
    expect(formatJson([finding], summarize([finding], 1))).not.toMatch(/[\r\u001b]/);
  });
});
