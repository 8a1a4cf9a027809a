// The duration module of the schema-values rules: the operator's Duration syntax parsed into
// milliseconds, formatted back, and the loose forms people write read into a valid suggestion.
import { describe, expect, test } from '@jest/globals';
import {
  DURATION_PATTERN,
  formatDuration,
  formatSingleUnit,
  isValidDuration,
  parseDuration,
  readDuration,
} from '../../src/k8s/duration.js';
import { DURATION_PATTERN_SOURCE as CRD_DURATION_PATTERN, schemaErrors } from '../../src/k8s/crd.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

test('the pattern is the one the operator API validators use', () => {
  const errors = schemaErrors('ServiceMonitor', { metadata: { name: 'a' }, spec: { selector: {}, endpoints: [{ interval: '1.5m' }] } });
  expect(errors.map((e) => e.params.pattern)).toEqual([DURATION_PATTERN.source]);
  expect(CRD_DURATION_PATTERN).toBe(DURATION_PATTERN.source);
});

describe('isValidDuration', () => {
  test.each(['0', '30s', '1m30s', '3m', '5s', '100ms', '1h0m0s', '1y2w3d4h5m6s7ms', '01m', '', '90s', '168h'])('%j is valid', (text) => {
    expect(isValidDuration(text)).toBe(true);
  });
  test.each(['30', '1.5m', '30sec', '1m30', '90 s', '30s1m', '-5s', '1M', 'PT30S', ' 30s', '1m1m', '0.5h', '30S', '1h30m15'])('%j is not', (text) => {
    expect(isValidDuration(text)).toBe(false);
  });
});

describe('parseDuration (model.ParseDuration)', () => {
  test.each([
    ['0', 0],
    ['30s', 30 * s],
    ['1m30s', 90 * s],
    ['3m', 3 * m],
    ['100ms', 100],
    ['1h0m0s', h],
    ['2d', 2 * d],
    ['1w', 7 * d],
    ['1y', 365 * d],
    ['1y2w3d4h5m6s7ms', 365 * d + 14 * d + 3 * d + 4 * h + 5 * m + 6 * s + 7],
    ['01m', m],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  test.each(['', '30', '1.5m', '30s1m', 'x'])('%j does not parse', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration (model.Duration.String)', () => {
  test.each([
    [0, '0s'],
    [90 * s, '1m30s'],
    [30 * s, '30s'],
    [h + 30 * m, '1h30m'],
    [36 * h, '1d12h'],
    [7 * d, '1w'],
    [8 * d, '8d'],
    [365 * d, '1y'],
    [1500, '1s500ms'],
    [90 * d, '90d'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('formatSingleUnit: one whole number of the largest exact unit', () => {
  test.each([
    [0, '0s'],
    [90 * s, '90s'],
    [90 * m, '90m'],
    [2 * h, '2h'],
    [1500, '1500ms'],
    [36 * h, '36h'],
    [14 * d, '2w'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatSingleUnit(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('readDuration: the valid form of what people write', () => {
  test.each([
    // the examples
    ['30', '30s', 'a number needs a unit'],
    ['1.5m', '90s', 'fractions are not allowed'],
    ['30sec', '30s', '`sec` is not a unit'],
    ['1m30', '1m30s', 'the last number has no unit'],
    ['90 s', '90s', 'spaces are not allowed'],
    ['30s1m', '1m30s', 'units go from the largest to the smallest'],
    // more
    ['0.5h', '30m', 'fractions'],
    ['1.5s', '1500ms', 'fractions'],
    ['1.5d', '36h', 'fractions'],
    ['2.5m', '150s', 'fractions'],
    ['5 min', '5m', 'spaces'],
    ['5min', '5m', '`min` is not a unit'],
    ['2 minutes', '2m', 'spaces'],
    ['1 hour', '1h', 'spaces'],
    ['30secs', '30s', '`secs`'],
    ['500msec', '500ms', '`msec`'],
    ['30S', '30s', 'units are lowercase'],
    ['1H', '1h', 'units are lowercase'],
    ['1h 30m', '1h30m', 'spaces'],
    ['1h30', '1h30m', 'the last number has no unit'],
    ['1h30m15', '1h30m15s', 'the last number has no unit'],
    ['1d12', '1d12h', 'the last number has no unit'],
    ['1h1d', '1d1h', 'largest to the smallest'],
    ['30s 1m', '1m30s', 'spaces'],
    [' 30s', '30s', 'spaces'],
    ['2000us', '2ms', '`us`'],
    ['PT30S', '30s', 'ISO 8601'],
    ['PT1M30S', '1m30s', 'ISO 8601'],
    ['P1D', '1d', 'ISO 8601'],
    ['0.0s', '0s', 'fractions'],
    ['120', '120s', 'needs a unit'],
    ['1.5', '1500ms', 'needs a unit'],
  ])('%j is %s (%s)', (text, suggestion, problem) => {
    const reading = readDuration(text);
    expect(reading?.suggestion).toBe(suggestion);
    expect(reading?.problems.join('; ')).toContain(problem);
    expect(isValidDuration(suggestion)).toBe(true);
    expect(parseDuration(suggestion)).toBe(reading?.ms);
  });

  test.each([
    [30, '30s'],
    [1.5, '1500ms'],
    [0, '0s'],
  ])('the YAML number %d is %s', (value, suggestion) => {
    const reading = readDuration(value);
    expect(reading?.suggestion).toBe(suggestion);
    expect(reading?.problems.join()).toContain('a number without a unit');
  });

  test.each([
    ['1M', 'minutes or months'],
    ['-5s', 'negative'],
    ['1m1m', 'a unit twice'],
    ['soon', 'words'],
    ['1x', 'an unknown unit'],
    ['30s,', 'punctuation'],
    ['1y6', 'a bare number after years'],
    ['0.0001s', 'below a millisecond'],
    ['P1M', 'ISO months'],
    ['', 'empty'],
  ])('%j has no confident reading (%s)', (text, why) => {
    expect(why).not.toBe('');
    expect(readDuration(text)).toBeUndefined();
  });
});
