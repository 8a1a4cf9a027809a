// Plain scalars read as Kubernetes reads them (go-yaml v2 through sigs.k8s.io/yaml, into untyped
// values), by both readers: the fast one (js-yaml, load-plain.ts) and the one with positions
// (`yaml`, parse.ts). Each row is what `kubectl apply` sends to the API server for `key: <scalar>`.
import { expect, test } from '@jest/globals';
import { loadPlain } from '../../src/yaml/load-plain.js';
import { parseSource } from '../../src/yaml/parse.js';
import { SourceText } from '../../src/yaml/source.js';

const ROWS: [string, unknown][] = [
  // No sexagesimal numbers, no timestamps: strings.
  ['1:30', '1:30'],
  ['1:30.5', '1:30.5'],
  ['1:30:00', '1:30:00'],
  ['2001-12-14', '2001-12-14'],
  ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'],
  // Go's integers (strconv.ParseInt(s, 0, 64) once `_` is dropped).
  ['0755', 493],
  ['0o17', 15],
  ['0x1F', 31],
  ['0X1F', 31],
  ['0b101', 5],
  ['0B101', 5],
  ['-0b101', -5],
  ['1_000', 1000],
  ['+12', 12],
  ['00', 0],
  // YAML-style floats.
  ['089', 89],
  ['1e3', 1000],
  ['.5', 0.5],
  ['1.', 1],
  ['3.14_15', 3.1415],
  // Strings that look like numbers to other readers.
  ['.', '.'],
  ['0x1p-2', '0x1p-2'],
  ['12abc', '12abc'],
  // YAML 1.1's booleans and nulls.
  ['yes', true],
  ['y', true],
  ['On', true],
  ['NO', false],
  ['off', false],
  ['~', null],
  ['Null', null],
  // Quoted and tagged.
  ['"1:30"', '1:30'],
  ['!!str 12', '12'],
];

const text = ROWS.map(([scalar], i) => `k${i}: ${scalar}`).join('\n') + '\n';

test.each(ROWS.map(([scalar, expected], i) => [scalar, expected, i] as const))('`%s` reads as %j, in both readers', (_, expected, i) => {
  const plain = loadPlain(text) as Record<string, unknown>;
  const full = parseSource(new SourceText('test.yaml', text)).documents[0].value as Record<string, unknown>;
  expect(plain[`k${i}`]).toEqual(expected);
  expect(full[`k${i}`]).toEqual(expected);
});

test('explicit !!int, !!float and !!timestamp read as go-yaml v2 reads them (the full parser; the fast one leaves such documents to it)', () => {
  const value = parseSource(new SourceText('test.yaml', 'a: !!int "12"\nb: !!float "0.5"\nc: !!timestamp 2001-12-14\nd: !!int "0o17"\n')).documents[0].value;
  expect(value).toEqual({ a: 12, b: 0.5, c: '2001-12-14', d: 15 });
});
