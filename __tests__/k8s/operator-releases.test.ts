// The operator's CRDs release by release (src/k8s/operator-releases.generated.ts, from the
// operator's own example/prometheus-operator-crd/ at each minor release's newest tag), and
// crd-schema judging an object against the release the user runs.
import { afterAll, describe, expect, test } from '@jest/globals';
import { lint } from '../../src/engine/lint.js';
import { prunedFields, MINORS, NEWEST_MINOR, parseOperatorVersion, releaseHasField, releaseHasKind } from '../../src/k8s/operator-releases.js';
import { formatRanges } from '../../src/k8s/operator-release-data.js';
import { rules } from '../helpers/rules.js';
import { parseReport, runCli, tempDirs, writeTree } from '../cli/helpers.js';

const crdSchema = rules.filter((r) => r.id === 'crd-schema');
const findings = (text: string, operatorRelease?: number) =>
  lint([{ file: 'm.yaml', text }], { rules: crdSchema, settings: operatorRelease === undefined ? {} : { operatorRelease, operatorReleaseFrom: '--operator-version' } }).findings.map(
    (f) => `${f.line}:${f.column} ${f.message}`,
  );

// scrapeClass came to ServiceMonitor in v0.72 (monitoring.coreos.com_servicemonitors.yaml).
const WITH_SCRAPE_CLASS = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: apps}
spec:
  scrapeClass: istio-mtls
  selector: {matchLabels: {app: web}}
  endpoints:
  - port: web
`;

describe('the release data', () => {
  test('covers every minor release from v0.45 to the newest, each kind from the release that brought it', () => {
    expect(MINORS[0]).toBe(45);
    expect(MINORS).toEqual(Array.from({ length: NEWEST_MINOR - 44 }, (_, i) => 45 + i));
    expect(NEWEST_MINOR).toBeGreaterThanOrEqual(93);
    expect(releaseHasKind('ServiceMonitor', 45)).toBe(true);
    // PrometheusAgent came in v0.64, ScrapeConfig in v0.65.
    expect([63, 64].map((m) => releaseHasKind('PrometheusAgent', m))).toEqual([false, true]);
    expect([64, 65].map((m) => releaseHasKind('ScrapeConfig', m))).toEqual([false, true]);
  });

  test('knows when fields came and went', () => {
    expect([71, 72].map((m) => releaseHasField('ServiceMonitor', ['spec'], 'scrapeClass', m))).toEqual([false, true]);
    // ScrapeConfig's Consul discovery had snake_case fields in v0.67 to v0.69.
    expect([67, 69, 70].map((m) => releaseHasField('ScrapeConfig', ['spec', 'consulSDConfigs', 0], 'allow_stale', m))).toEqual([true, true, false]);
    // Map values and list items are followed: a label value of a selector, an endpoint's fields.
    expect(releaseHasField('ServiceMonitor', ['spec', 'endpoints', 3], 'port', 45)).toBe(true);
    expect(releaseHasField('ServiceMonitor', ['spec'], 'noSuchField', NEWEST_MINOR)).toBe(false);
  });

  test('formatRanges writes runs of releases compactly', () => {
    expect(formatRanges([45, 46, 47, 50, 52, 53])).toBe('45-47,50,52-53');
    expect(formatRanges([93])).toBe('93');
  });

  test.each([
    ['v0.48.1', 48],
    ['0.48', 48],
    ['v0.93.0', 93],
    ['v0.72.0-rc.0', 72],
  ])('%s is release %d', (text, minor) => {
    expect(parseOperatorVersion(text)).toEqual({ minor });
  });

  test.each([
    ['v0.30.0', 'v0.30.0 is not a release scrapelint knows (v0.45 to v0.'],
    ['v1.2.3', '"v1.2.3" is not an operator release (write it as v0.48.1 or v0.48)'],
    ['latest', '"latest" is not an operator release'],
  ])('%s is refused', (text, message) => {
    const result = parseOperatorVersion(text);
    expect('error' in result && result.error).toContain(message);
  });
});

describe('crd-schema on the release the user runs', () => {
  test('v0.48.1: scrapeClass is pruned on that release, reported at its key, naming the release that added it', () => {
    expect(findings(WITH_SCRAPE_CLASS, 48)).toEqual([
      "5:3 The CRD of ServiceMonitor in operator v0.48 (--operator-version) has no field `scrapeClass` at `spec` (it was added in v0.72): the CRDs of that release drop it silently, and its operator would not know it anyway, so the setting never takes effect.",
    ]);
  });

  test('the release that added it, and the newest (the default), know it', () => {
    expect(findings(WITH_SCRAPE_CLASS, 72)).toEqual([]);
    expect(findings(WITH_SCRAPE_CLASS)).toEqual([]);
  });

  test('a field a later release removed: said so on the newest release, not on one that had it', () => {
    const consul = `apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: consul, namespace: apps}
spec:
  consulSDConfigs:
  - server: consul:8500
    allow_stale: true
`;
    expect(findings(consul, 68)).toEqual([]);
    expect(findings(consul)).toEqual([
      expect.stringMatching(/^7:5 The CRD of ScrapeConfig in operator v0\.\d+, the newest release \(set `operator\.version` or --operator-version to the one you run\) has no field `allow_stale` at `spec\.consulSDConfigs\[0\]` \(it was removed in v0\.70\)/),
    ]);
  });

  test('a kind the release does not have yet: one finding at the kind, nothing about its fields', () => {
    const scrapeConfig = `apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: node, namespace: apps}
spec:
  scrapeClass: x
  staticConfigs:
  - targets: ["node:9100"]
`;
    expect(findings(scrapeConfig, 60)).toEqual(['2:7 operator v0.60 (--operator-version) has no ScrapeConfig CRD (it came in v0.65): the API server refuses the object.']);
  });

  test('fields no release has keep their did-you-mean, whatever the release', () => {
    const typo = WITH_SCRAPE_CLASS.replace('scrapeClass', 'scrapeClas');
    expect(findings(typo, undefined)).toEqual([expect.stringMatching(/^5:3 ServiceMonitor has no field `scrapeClas` at `spec`.*Did you mean `scrapeClass`\?$/)]);
    // On a release before the field, the suggestion says it would be pruned there too.
    expect(findings(typo, 48)).toEqual([expect.stringMatching(/^5:3 ServiceMonitor has no field `scrapeClas` at `spec`.*Did you mean `scrapeClass`\? \(It came in v0\.72: on v0\.48 it is pruned too\.\)$/)]);
  });
});

describe('the release the input shows: the image of the operator Deployment', () => {
  const operator = (image: string, name = 'prometheus-operator') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: monitoring}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: prometheus-operator
        image: ${image}
`;
  const run = (texts: string[], settings = {}) =>
    lint(
      texts.map((text, i) => ({ file: `f${i}.yaml`, text })),
      { rules: crdSchema, settings },
    ).findings.map((f) => f.message);

  test('is used when none is given, and the message says where it comes from', () => {
    expect(run([WITH_SCRAPE_CLASS, operator('quay.io/prometheus-operator/prometheus-operator:v0.48.1')])).toEqual([
      expect.stringMatching(/^The CRD of ServiceMonitor in operator v0\.48 \(the image quay\.io\/prometheus-operator\/prometheus-operator:v0\.48\.1 of Deployment monitoring\/prometheus-operator in f1\.yaml\) has no field `scrapeClass`/),
    ]);
  });

  test('a digest or a registry mirror is still the operator image; another image is not', () => {
    const digest = `registry.example.com/prometheus-operator/prometheus-operator:v0.48.1@sha256:${'a'.repeat(64)}`;
    expect(run([WITH_SCRAPE_CLASS, operator(digest)])).toHaveLength(1);
    expect(run([WITH_SCRAPE_CLASS, operator('quay.io/prometheus-operator/prometheus-config-reloader:v0.48.1')])).toEqual([]);
  });

  test('two Deployments naming different releases name none: the newest is assumed', () => {
    expect(run([WITH_SCRAPE_CLASS, operator('quay.io/prometheus-operator/prometheus-operator:v0.48.1'), operator('quay.io/prometheus-operator/prometheus-operator:v0.80.0', 'other')])).toEqual([]);
  });

  test('the release given (flag or configuration) wins over the input', () => {
    expect(run([WITH_SCRAPE_CLASS, operator('quay.io/prometheus-operator/prometheus-operator:v0.48.1')], { operatorRelease: 80, operatorReleaseFrom: '--operator-version' })).toEqual([]);
  });
});

describe('--operator-version and operator.version', () => {
  const temp = tempDirs('scrapelint-release-');
  afterAll(() => temp.cleanup());

  test('the flag: the finding at the key, exit 1', () => {
    const dir = temp.make();
    writeTree(dir, { 'sm.yaml': WITH_SCRAPE_CLASS });
    const result = runCli(['--no-config', '--format', 'json', '--operator-version', 'v0.48.1', 'sm.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    const [finding] = parseReport(result.stdout).findings;
    expect(finding).toMatchObject({ ruleId: 'crd-schema', severity: 'error', line: 5, column: 3, endLine: 5, endColumn: 14 });
    expect(finding.message).toContain('(it was added in v0.72)');
    expect(runCli(['--no-config', 'sm.yaml'], { cwd: dir }).status).toBe(0);
  });

  test('the configuration, which the flag overrides', () => {
    const dir = temp.make();
    writeTree(dir, { 'sm.yaml': WITH_SCRAPE_CLASS, '.scrapelint.yaml': 'operator:\n  version: v0.48.1\n' });
    const configured = runCli(['--format', 'json', 'sm.yaml'], { cwd: dir });
    expect(configured.status).toBe(1);
    expect(parseReport(configured.stdout).findings[0].message).toContain('in operator v0.48 (operator.version in .scrapelint.yaml)');
    expect(runCli(['--operator-version', 'v0.80.0', 'sm.yaml'], { cwd: dir }).status).toBe(0);
  });

  test('a release scrapelint does not know: one line, exit code 2', () => {
    const dir = temp.make();
    writeTree(dir, { 'sm.yaml': WITH_SCRAPE_CLASS, '.scrapelint.yaml': 'operator:\n  version: v0.30.0\n' });
    const flag = runCli(['--no-config', '--operator-version', 'v0.30', 'sm.yaml'], { cwd: dir });
    expect(flag.status).toBe(2);
    expect(flag.stderr.split('\n')[0]).toMatch(/^scrapelint: --operator-version: v0\.30 is not a release scrapelint knows \(v0\.45 to v0\.\d+\)$/);
    const config = runCli(['sm.yaml'], { cwd: dir });
    expect(config.status).toBe(2);
    expect(config.stderr).toMatch(/^scrapelint: invalid configuration: \.scrapelint\.yaml:2:12: operator\.version: v0\.30\.0 is not a release scrapelint knows \(v0\.45 to v0\.\d+\)\n$/);
  });
});

describe("the operator's own examples", () => {
  test('prunedFields finds nothing in an object of the fields every release has', () => {
    expect(prunedFields('ServiceMonitor', { spec: { selector: { matchLabels: { a: 'b' } }, endpoints: [{ port: 'web', interval: '30s' }] } }, 45)).toEqual([]);
  });
});
