// Flow mappings patched with several ops at once (removals next to renames, new values and
// insertions), and several appends to one list.
import { expect, test } from '@jest/globals';
import { parseDocument, type YAMLMap } from 'yaml';
import { applyEdits, patchMap, type MapPatch } from '../../src/yaml/edits.js';
import { SourceText } from '../../src/yaml/source.js';

function patched(text: string, patch: MapPatch): string {
  const doc = parseDocument(text);
  const map = doc.get('m', true) as YAMLMap;
  return applyEdits(text, patchMap(new SourceText('t.yaml', text), doc, map, patch));
}

test('remove one pair and rename another', () => {
  expect(patched('m: {x: 1, y: 2}\n', { remove: ['y'], rename: { x: 'z' } })).toBe('m: {z: 1}\n');
  expect(patched('m: {x: 1, y: 2}\n', { remove: ['x'], rename: { y: 'z' } })).toBe('m: {z: 2}\n');
});

test('remove a pair and insert one, with spaces inside the braces', () => {
  expect(patched('m: { x: 1, y: 2 }\n', { remove: ['x'], set: { z: 3 } })).toBe('m: { y: 2, z: 3 }\n');
  expect(patched('m: { x: 1, y: 2 }\n', { remove: ['y'], set: { z: 3 } })).toBe('m: { x: 1, z: 3 }\n');
});

test('remove every pair and insert new ones', () => {
  expect(patched('m: {x: 1, y: 2}\n', { remove: ['x', 'y'], set: { z: 3 } })).toBe('m: {z: 3}\n');
  expect(patched('m: { x: 1 }\n', { remove: ['x'], set: { z: 3 } })).toBe('m: { z: 3 }\n');
});

test('remove the middle pairs, set a value in the last', () => {
  expect(patched('m: {a: 1, b: 2, c: 3, d: 4}\n', { remove: ['b', 'c'], set: { d: 5 } })).toBe('m: {a: 1, d: 5}\n');
});

test('several items appended to one list', () => {
  expect(patched('m:\n  l:\n  - a\n', { appendAll: { l: ['b', 'c'] } })).toBe('m:\n  l:\n  - a\n  - b\n  - c\n');
  expect(patched('m: {l: [a]}\n', { appendAll: { l: ['b', 'c'] } })).toBe('m: {l: [a, b, c]}\n');
});

test('a block list replaced by a scalar', () => {
  const text = 'm:\n  a:\n  - x\n  - y\n  b: 2\n';
  const doc = parseDocument(text);
  const map = doc.get('m', true) as YAMLMap;
  expect(applyEdits(text, patchMap(new SourceText('t.yaml', text), doc, map, { set: { a: 'x|y' } }))).toBe('m:\n  a: x|y\n  b: 2\n');
});
