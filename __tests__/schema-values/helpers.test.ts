// Helpers of the schema-values rules: RE2 regex errors, label-key typos, edit distance, and the
// schema errors those rules report better than crd-schema.
import { describe, expect, test } from '@jest/globals';
import { regexError } from '../../src/ruleset/functions/schema-values/relabel.js';
import { typoOf } from '../../src/ruleset/functions/schema-values/selectors.js';
import { editDistance, parseVersion, show } from '../../src/ruleset/functions/schema-values/common.js';
import { reportedBySchemaValues } from '../../src/ruleset/functions/schema-values/overlap.js';

describe('regexError: what RE2 (Go regexp) rejects, anchored as Prometheus anchors', () => {
  test.each(['(.*)', '(?i)running', 'go_.*', '', 'a|b', 'x)|(y', '\\d+_total', '[[:alpha:]]+', '(?P<n>x)'])('%j compiles', (regex) => {
    expect(regexError(regex)).toBeUndefined();
  });
  test.each([
    ['foo(?=bar)', '(?='],
    ['(?<!x)y', '(?<'],
    ['(a)\\1', '\\1'],
    ['[', 'missing closing ]'],
    ['go_(gc', 'missing closing )'],
    ['a{2,1001}', 'invalid repeat count'],
    ['a++', 'invalid nested repetition operator'],
  ])('%j does not (%s)', (regex, why) => {
    expect(regexError(regex)).toContain(why);
  });
});

describe('typoOf: well-known label keys one or two edits away', () => {
  test.each([
    ['app.kubernets.io/name', 'app.kubernetes.io/name'],
    ['app.kubernetes.io/Name', 'app.kubernetes.io/name'],
    ['app.kubernetes.io.name', 'app.kubernetes.io/name'],
    ['app.kubernetes.io/part_of', 'app.kubernetes.io/part-of'],
    ['k8s_app', 'k8s-app'],
    ['k8s-apps', 'k8s-app'],
    ['relase', 'release'],
    ['relaese', 'release'],
    ['kubernetes.io/metadata.nme', 'kubernetes.io/metadata.name'],
  ])('%s is a typo of %s', (key, meant) => {
    expect(typoOf(key)).toBe(meant);
  });
  test.each(['app', 'apps', 'team', 'teams', 'tier', 'role', 'name', 'app.kubernetes.io/name', 'k8s-app', 'release', 'environment', 'my.company/team', 'app.kubernetes.io/type', 'release-name'])(
    '%s is not',
    (key) => {
      expect(typoOf(key)).toBeUndefined();
    },
  );
});

test('editDistance counts a swap of neighbours as one edit', () => {
  expect(editDistance('release', 'relaese')).toBe(1);
  expect(editDistance('release', 'relase')).toBe(1);
  expect(editDistance('abc', 'abc')).toBe(0);
  expect(editDistance('', 'abc')).toBe(3);
});

test('parseVersion reads v-prefixed and short versions', () => {
  expect(parseVersion('v2.45.0')).toEqual([2, 45, 0]);
  expect(parseVersion('3.5')).toEqual([3, 5, 0]);
  expect(parseVersion('latest')).toBeUndefined();
  expect(parseVersion(undefined)).toBeUndefined();
});

test('show quotes strings YAML would read as something else', () => {
  expect(show('30s')).toBe('30s');
  expect(show('30')).toBe('"30"');
  expect(show(' 30s')).toBe('" 30s"');
  expect(show('true')).toBe('"true"');
  expect(show(30)).toBe('30');
});

test('reportedBySchemaValues: numbers in interval fields and relabel actions', () => {
  expect(reportedBySchemaValues(['spec', 'endpoints', 0, 'interval'], 'type', 30)).toBe(true);
  expect(reportedBySchemaValues(['spec', 'scrapeInterval'], 'type', 30)).toBe(true);
  expect(reportedBySchemaValues(['spec', 'endpoints', 0, 'interval'], 'type', true)).toBe(false);
  expect(reportedBySchemaValues(['spec', 'endpoints', 0, 'port'], 'type', 8080)).toBe(false);
  expect(reportedBySchemaValues(['spec', 'endpoints', 0, 'relabelings', 2, 'action'], 'enum', 'Labeldrop')).toBe(true);
  expect(reportedBySchemaValues(['spec', 'endpoints', 0, 'scheme'], 'enum', 'tcp')).toBe(false);
});
