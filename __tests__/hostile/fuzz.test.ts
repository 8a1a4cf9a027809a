// The mutation fuzzer (npm run fuzz, scripts/fuzz.ts) on a fixed seed, kept to a few hundred
// inputs: mutated examples, fixtures and rule cases through the CLI's main() and the oracle of
// oracle.ts (exit 0 or 1, no internal error or stack trace, JSON positions inside the text,
// dry-run diffs that apply and that --fix writes). Problems the fuzzer has found and that are not
// fixed yet are listed in KNOWN, each with a minimal reproduction as a test.failing: when the
// fix lands, that test fails and the entry goes.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus, makeInput, type FuzzInput } from './mutate.js';
import { checkInput, type Problem } from './oracle.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = 20240613;
const COUNT = 250;

const corpus = loadCorpus(ROOT);
const scratch = mkdtempSync(join(tmpdir(), 'scrapelint-fuzz-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const describeProblem = (p: Problem) => `${p.kind} in ${p.run}: ${p.message}${p.frame ? ` (at ${p.frame})` : ''}`;
const one = (path: string, text: string, stdin = false): FuzzInput => ({ seed: 0, index: 0, source: 'KNOWN', target: path, ops: [], files: [{ path, bytes: Buffer.from(text) }], stdin });

/** Problems the fuzzer finds that are not fixed yet: how to recognise them, and a minimal input. */
const KNOWN: { name: string; matches: (p: Problem) => boolean; input: FuzzInput }[] = [];

/** Problems the fuzzer found and that are fixed: each minimal input stays a test. */
const FIXED: { name: string; input: FuzzInput }[] = [
  {
    name: 'a list item written as `-` with its mapping on the next lines: building the kubelet fix crashed (RangeError: Invalid count value: -2 in renderBlockItem, src/yaml/edits.ts)',
    input: one(
      'servicemonitor.yaml',
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: kubelet, namespace: kube-system}\nspec:\n  selector: {matchLabels: {k8s-app: kubelet}}\n  endpoints:\n  -\n    port: https-metrics\n',
    ),
  },
  {
    name: 'an unclosed flow mapping at the end of a text that ends with a newline: the parse-error ended at column 2 of the empty last line, past the end of the text',
    input: one('service.yaml', 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n  - {name: x\n'),
  },
];

describe('mutations', () => {
  test('an input is the same however often it is made, and another seed makes others', () => {
    const a = makeInput(corpus, SEED, 17);
    expect(makeInput(corpus, SEED, 17)).toEqual(a);
    const others = Array.from({ length: 20 }, (_, i) => makeInput(corpus, SEED + 1, i).files.map((f) => f.bytes.toString('base64')).join());
    const ours = Array.from({ length: 20 }, (_, i) => makeInput(corpus, SEED, i).files.map((f) => f.bytes.toString('base64')).join());
    expect(others).not.toEqual(ours);
  });

  test('the corpus holds the examples, the fixtures and the rule cases', () => {
    const names = corpus.cases.map((c) => c.name);
    expect(names).toContain('examples/kubelet-broken.yaml');
    expect(names.some((n) => n.startsWith('__tests__/fixtures/across/'))).toBe(true);
    expect(names.some((n) => n.startsWith('__tests__/rules/kubelet-scheme.yaml#'))).toBe(true);
    // A kustomize tree is one case, its files linted together.
    expect(corpus.cases.find((c) => c.name === '__tests__/fixtures/across/kubelet-service')?.files.map((f) => f.path).sort()).toEqual([
      'kube-system/kubelet-service.yaml',
      'kustomization.yaml',
      'monitoring/node-metrics-servicemonitor.yaml',
    ]);
  });
});

describe(`seed ${SEED}, ${COUNT} mutated inputs`, () => {
  const found: string[] = [];
  const reached = { findings: 0, parseErrors: 0, fixed: 0 };
  let ran = 0;

  test('no crash and no oracle violation (apart from the known ones below)', async () => {
    for (let i = 0; i < COUNT; i++) {
      const outcome = await checkInput(makeInput(corpus, SEED, i), join(scratch, 'input'));
      ran++;
      if (outcome.reached.findings > 0) reached.findings++;
      if (outcome.reached.parseErrors > 0) reached.parseErrors++;
      if (outcome.reached.fixed > 0) reached.fixed++;
      for (const p of outcome.problems) {
        if (!KNOWN.some((k) => k.matches(p))) found.push(`#${i} ${describeProblem(p)} (npm run fuzz -- --seed ${SEED} --index ${i})`);
      }
    }
    expect(found).toEqual([]);
  });

  test('the inputs reach the rules, the parser errors and the fixes', () => {
    // Mutations that only ever broke the YAML (or never did) would test little.
    expect(ran).toBe(COUNT);
    expect(reached.findings).toBeGreaterThan(COUNT / 4);
    expect(reached.parseErrors).toBeGreaterThan(COUNT / 10);
    expect(reached.fixed).toBeGreaterThan(COUNT / 20);
  });
});

FIXED.push({
  name: 'a UTF-16 file (with its byte-order mark): read as kubectl reads it, its findings placed in the decoded text, and never rewritten',
  input: {
    ...one('scrapeconfig.yaml', ''),
    files: [
      {
        path: 'scrapeconfig.yaml',
        bytes: Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('apiVersion: monitoring.coreos.com/v1alpha1\nkind: ScrapeConfig\nmetadata: {name: node, namespace: monitoring}\nspec:\n  metricsPath: metrics\n  staticConfigs:\n  - targets: ["node1:9100"]\n', 'utf16le'),
        ]),
      },
    ],
  },
});

FIXED.push({
  name: 'a file ending in a carriage return alone (seed 1, #40624): the edits of the kubelet fix overlapped (the yaml package reads the CR as part of `true`) and crashed the run: the finding now goes without that fix',
  input: one(
    'test.yaml',
    'kind: ServiceMonitor\r\napiVersion: monitoring.coreos.com/v1\r\nmetadata: {name: kubelet, namespace: kube-system}\r\nspec:\r\n  selector: {matchLabels: {k8s-app: kubelet}}\r\n  endpoints:\r\n  - port: http-metrics\r\n    path: /metrics/cadvisor\r\n    honorLabels: true\r',
  ),
});

describe('problems the fuzzer found, fixed', () => {
  for (const fixed of FIXED) {
    test(fixed.name, async () => {
      const { problems, reached } = await checkInput(fixed.input, join(scratch, 'fixed'));
      expect(problems.map(describeProblem)).toEqual([]);
      expect(reached.findings + reached.parseErrors).toBeGreaterThan(0);
    });
  }
});

describe('known problems (fix them, then move the entry to FIXED)', () => {
  for (const known of KNOWN) {
    test.failing(known.name, async () => {
      const { problems } = await checkInput(known.input, join(scratch, 'known'));
      expect(problems.filter(known.matches).map(describeProblem)).toEqual([]);
    });
  }
});
