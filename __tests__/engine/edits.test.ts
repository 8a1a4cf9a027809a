// Surgical text edits on real YAML: patchMap() computes them, applyEdits() applies them. Each test
// shows the text before and after, as a user sees a fix.
import { describe, expect, test } from '@jest/globals';
import { parseAllDocuments, parse, type Document, type Node, type YAMLMap } from 'yaml';
import { applyEdits, mergeEdits, patchMap, type MapPatch, type TextEdit } from '../../src/yaml/edits.js';
import { SourceText } from '../../src/yaml/source.js';
import { locate, type Path } from '../../src/yaml/nodes.js';

/** The edits patchMap gives for the mapping at `path` of document `docIndex`, and the text after them. */
function patch(text: string, path: Path, mapPatch: MapPatch, docIndex = 0): { edits: TextEdit[]; out: string } {
  const docs = parseAllDocuments(text, { version: '1.1' }) as Document.Parsed[];
  const doc = docs[docIndex];
  expect(doc.errors).toEqual([]);
  const found = locate(doc.contents as Node, path);
  if (!found) throw new Error(`no node at ${JSON.stringify(path)}`);
  const edits = patchMap(new SourceText('test.yaml', text), doc, found.node as YAMLMap, mapPatch);
  return { edits, out: applyEdits(text, edits) };
}

/** The text after the patch, checked to parse as YAML. */
function patched(text: string, path: Path, mapPatch: MapPatch, docIndex = 0): string {
  const { out } = patch(text, path, mapPatch, docIndex);
  for (const doc of parseAllDocuments(out, { version: '1.1' }) as Document.Parsed[]) expect(doc.errors.map((e) => e.message)).toEqual([]);
  return out;
}

describe('set: replacing a scalar keeps its quote style', () => {
  test('double-quoted', () => {
    expect(patched('a: "http"\nb: 1\n', [], { set: { a: 'https' } })).toBe('a: "https"\nb: 1\n');
  });

  test('double-quoted, with characters to escape', () => {
    expect(patched('a: "x"\n', [], { set: { a: 'say "hi" \\o/' } })).toBe('a: "say \\"hi\\" \\\\o/"\n');
  });

  test("single-quoted, with a ' doubled", () => {
    expect(patched("a: 'http'\nb: 1\n", [], { set: { a: 'https' } })).toBe("a: 'https'\nb: 1\n");
    expect(patched("a: 'x'\n", [], { set: { a: "it's" } })).toBe("a: 'it''s'\n");
  });

  test('plain', () => {
    expect(patched('a: http\nb: 1\n', [], { set: { a: 'https' } })).toBe('a: https\nb: 1\n');
    expect(patched('path: /metrics/resource/v1alpha1 # old\n', [], { set: { path: '/metrics/resource' } })).toBe('path: /metrics/resource # old\n');
  });

  test('a plain string YAML 1.1 would read as something else gets quoted', () => {
    expect(patched('a: x\n', [], { set: { a: 'yes' } })).toBe('a: "yes"\n');
    expect(patched('a: x\n', [], { set: { a: '10250' } })).toBe('a: "10250"\n');
  });

  test('booleans and numbers', () => {
    expect(patched('honorLabels: false\n', [], { set: { honorLabels: true } })).toBe('honorLabels: true\n');
    expect(patched('port: "x"\n', [], { set: { port: 10250 } })).toBe('port: 10250\n');
  });

  test('a scalar replaced by a mapping is written in flow style', () => {
    expect(patched('m:\n  t: x\n', ['m'], { set: { t: { b: 2 } } })).toBe('m:\n  t: {b: 2}\n');
    expect(patched('m:\n  t: {a: 1}\n', ['m'], { set: { t: { b: 2 } } })).toBe('m:\n  t: {b: 2}\n');
  });

  test('a key with no value gets `key: value`', () => {
    expect(patched('m:\n  a:\n  b: 2\n', ['m'], { set: { a: 'x' } })).toBe('m:\n  a: x\n  b: 2\n');
  });
});

describe('set/add: inserting a key into a block mapping', () => {
  test('at the end of the mapping, with its indentation', () => {
    expect(patched('spec:\n  a: 1\n  b: 2\nother: 3\n', ['spec'], { set: { c: 3 } })).toBe('spec:\n  a: 1\n  b: 2\n  c: 3\nother: 3\n');
    expect(patched('spec:\n  a: 1\n  b: 2\nother: 3\n', ['spec'], { add: { c: 3 } })).toBe('spec:\n  a: 1\n  b: 2\n  c: 3\nother: 3\n');
  });

  test('after a trailing comment on the last line', () => {
    expect(patched('spec:\n  a: 1\n  b: 2 # note\nother: 3\n', ['spec'], { add: { c: 3 } })).toBe('spec:\n  a: 1\n  b: 2 # note\n  c: 3\nother: 3\n');
  });

  test('after a last value that is a nested block mapping or sequence', () => {
    expect(patched('m:\n  a: 1\n  t:\n    x: 1\nn: 2\n', ['m'], { add: { b: 2 } })).toBe('m:\n  a: 1\n  t:\n    x: 1\n  b: 2\nn: 2\n');
    expect(patched('m:\n  a: 1\n  t:\n  - x\nn: 2\n', ['m'], { add: { b: 2 } })).toBe('m:\n  a: 1\n  t:\n  - x\n  b: 2\nn: 2\n');
  });

  test('in a sequence item (`- port: x`), before the next item', () => {
    expect(patched('endpoints:\n- port: x\n  path: /m\n- port: y\n', ['endpoints', 0], { add: { scheme: 'https' } })).toBe(
      'endpoints:\n- port: x\n  path: /m\n  scheme: https\n- port: y\n',
    );
    expect(patched('endpoints:\n- port: x\n', ['endpoints', 0], { add: { scheme: 'https' } })).toBe('endpoints:\n- port: x\n  scheme: https\n');
  });

  test('in a sequence item written `-   port: x` (4-space style)', () => {
    expect(patched('spec:\n    endpoints:\n        -   port: x\n            path: /m\n', ['spec', 'endpoints', 0], { add: { scheme: 'https' } })).toBe(
      'spec:\n    endpoints:\n        -   port: x\n            path: /m\n            scheme: https\n',
    );
  });

  test('in a document indented by one space', () => {
    expect(patched(' spec:\n   a: 1\n', ['spec'], { add: { b: 2 } })).toBe(' spec:\n   a: 1\n   b: 2\n');
  });

  test('at the end of a file without a final newline', () => {
    expect(patched('spec:\n  a: 1', ['spec'], { add: { b: 2 } })).toBe('spec:\n  a: 1\n  b: 2');
  });

  test('keys and values that need quoting are quoted', () => {
    expect(patched('m:\n  a: b\n', ['m'], { add: { c: '10255', d: 'true', e: 'a: b', 'app.kubernetes.io/name': 'kubelet' } })).toBe(
      'm:\n  a: b\n  c: "10255"\n  d: "true"\n  e: "a: b"\n  app.kubernetes.io/name: kubelet\n',
    );
  });

  test('keys in the order the patch gives them', () => {
    expect(patched('e:\n- port: x\n', ['e', 0], { set: { scheme: 'https', honorLabels: true }, add: { tlsConfig: { insecureSkipVerify: true } } })).toBe(
      'e:\n- port: x\n  scheme: https\n  honorLabels: true\n  tlsConfig:\n    insecureSkipVerify: true\n',
    );
  });
});

describe('set/add: inserting into a flow mapping', () => {
  test('{a: b}', () => {
    expect(patched('spec: {a: b}\n', ['spec'], { add: { c: 'd' } })).toBe('spec: {a: b, c: d}\n');
  });

  test('{}', () => {
    expect(patched('spec: {}\n', ['spec'], { add: { c: 'd' } })).toBe('spec: {c: d}\n');
  });

  test('several keys', () => {
    expect(patched('spec: {a: b}\n', ['spec'], { add: { c: 'd', e: ['f'] } })).toBe('spec: {a: b, c: d, e: [f]}\n');
  });

  test('{a: b, } (a trailing comma)', () => {
    expect(patched('spec: {a: b, }\n', ['spec'], { add: { c: 'd' } })).toBe('spec: {a: b, c: d}\n');
  });
});

describe('nested values', () => {
  const tls = { tlsConfig: { insecureSkipVerify: true } };

  test('in block style, with the document indent unit of 2', () => {
    expect(patched('spec:\n  a: b\n', ['spec'], { add: tls })).toBe('spec:\n  a: b\n  tlsConfig:\n    insecureSkipVerify: true\n');
  });

  test('in block style, with the document indent unit of 4', () => {
    expect(patched('spec:\n    a: b\n    c:\n        d: e\n', ['spec'], { add: tls })).toBe('spec:\n    a: b\n    c:\n        d: e\n    tlsConfig:\n        insecureSkipVerify: true\n');
    expect(patched('spec:\n    endpoints:\n        -   port: x\n', ['spec', 'endpoints', 0], { add: tls })).toBe(
      'spec:\n    endpoints:\n        -   port: x\n            tlsConfig:\n                insecureSkipVerify: true\n',
    );
  });

  test('in flow style inside a flow mapping', () => {
    expect(patched('spec: {a: b}\n', ['spec'], { add: tls })).toBe('spec: {a: b, tlsConfig: {insecureSkipVerify: true}}\n');
  });

  test('sequences indented when the document indents them', () => {
    expect(patched('spec:\n  a: b\n  list:\n    - x\n', ['spec'], { add: { names: ['kube-system'] } })).toBe('spec:\n  a: b\n  list:\n    - x\n  names:\n    - kube-system\n');
  });

  test('sequences not indented when the document does not indent them', () => {
    expect(patched('spec:\n  a: b\n  list:\n  - x\n', ['spec'], { add: { names: ['kube-system'] } })).toBe('spec:\n  a: b\n  list:\n  - x\n  names:\n  - kube-system\n');
  });

  test('a block mapping replaced by another keeps block style', () => {
    expect(patched('m:\n  t:\n    x: 1\n  b: 2\n', ['m'], { set: { t: { z: 2 } } })).toBe('m:\n  t:\n    z: 2\n  b: 2\n');
  });
});

describe('append', () => {
  test('to a block sequence that is not indented', () => {
    expect(patched('ns:\n  matchNames:\n  - a\n  - b\n', ['ns'], { append: { matchNames: 'kube-system' } })).toBe('ns:\n  matchNames:\n  - a\n  - b\n  - kube-system\n');
  });

  test('to a block sequence that is indented', () => {
    expect(patched('ns:\n  matchNames:\n    - a\n', ['ns'], { append: { matchNames: 'kube-system' } })).toBe('ns:\n  matchNames:\n    - a\n    - kube-system\n');
  });

  test('to a block sequence in a sequence item', () => {
    expect(patched('e:\n- matchNames:\n  - a\n', ['e', 0], { append: { matchNames: 'b' } })).toBe('e:\n- matchNames:\n  - a\n  - b\n');
  });

  test('a mapping item to a block sequence', () => {
    expect(patched('spec:\n  endpoints:\n  - port: a\n', ['spec'], { append: { endpoints: { port: 'b', path: '/m' } } })).toBe(
      'spec:\n  endpoints:\n  - port: a\n  - port: b\n    path: /m\n',
    );
  });

  test('to a flow sequence', () => {
    expect(patched('ns: {matchNames: [a]}\n', ['ns'], { append: { matchNames: 'kube-system' } })).toBe('ns: {matchNames: [a, kube-system]}\n');
    expect(patched('ns:\n  matchNames: [a, b]\n', ['ns'], { append: { matchNames: 'kube-system' } })).toBe('ns:\n  matchNames: [a, b, kube-system]\n');
  });

  test('to an empty flow sequence', () => {
    expect(patched('ns: {matchNames: []}\n', ['ns'], { append: { matchNames: 'kube-system' } })).toBe('ns: {matchNames: [kube-system]}\n');
  });

  test('creates the sequence when the key is missing', () => {
    expect(patched('ns:\n  any: false\n', ['ns'], { append: { matchNames: 'kube-system' } })).toBe('ns:\n  any: false\n  matchNames:\n  - kube-system\n');
  });
});

describe('remove', () => {
  test('a key on its own line, line ending included', () => {
    expect(patched('m:\n  a: 1\n  b: 2\n  c: 3\n', ['m'], { remove: ['b'] })).toBe('m:\n  a: 1\n  c: 3\n');
  });

  test('a key whose value is a nested block', () => {
    expect(patched('m:\n  a:\n    x: 1\n    y: 2\n  b: 2\n', ['m'], { remove: ['a'] })).toBe('m:\n  b: 2\n');
  });

  test('the last key of a file without a final newline', () => {
    expect(patched('m:\n  a: 1\n  b: 2', ['m'], { remove: ['b'] })).toBe('m:\n  a: 1\n');
  });

  test('a comment before the next key stays', () => {
    expect(patched('m:\n  a: 1\n  # about b\n  b: 2\n', ['m'], { remove: ['a'] })).toBe('m:\n  # about b\n  b: 2\n');
  });

  test('the first key of a `- ` item: the next key moves up', () => {
    expect(patched('e:\n- a: 1\n  b: 2\n', ['e', 0], { remove: ['a'] })).toBe('e:\n- b: 2\n');
    expect(patched('e:\n- a: 1 # c\n  b: 2\n', ['e', 0], { remove: ['a'] })).toBe('e:\n- b: 2\n');
    expect(patched('e:\n- a:\n    x: 1\n  b: 2\n', ['e', 0], { remove: ['a'] })).toBe('e:\n- b: 2\n');
  });

  test('the only key of a `- ` item leaves an empty mapping', () => {
    expect(patched('e:\n- a: 1\n', ['e', 0], { remove: ['a'] })).toBe('e:\n- {}\n');
  });

  test('two keys of a block mapping', () => {
    expect(patched('m:\n  a: 1\n  b: 2\n  c: 3\n', ['m'], { remove: ['a', 'b'] })).toBe('m:\n  c: 3\n');
  });

  test('every key of a `- ` item', () => {
    expect(patched('e:\n- a: 1\n  b: 2\n', ['e', 0], { remove: ['a', 'b'] })).toBe('e:\n- {}\n');
  });

  test('from a flow mapping: first, middle, last, only', () => {
    expect(patched('m: {a: 1, b: 2}\n', ['m'], { remove: ['a'] })).toBe('m: {b: 2}\n');
    expect(patched('m: {a: 1, b: 2, c: 3}\n', ['m'], { remove: ['b'] })).toBe('m: {a: 1, c: 3}\n');
    expect(patched('m: {a: 1, b: 2, c: 3}\n', ['m'], { remove: ['c'] })).toBe('m: {a: 1, b: 2}\n');
    expect(patched('m: {a: 1}\n', ['m'], { remove: ['a'] })).toBe('m: {}\n');
  });

  test('a key that is not there: no edit', () => {
    expect(patch('m:\n  a: 1\n', ['m'], { remove: ['z'] }).edits).toEqual([]);
  });

  test('remove the last key and insert another in the same patch', () => {
    expect(patched('e:\n- targetPort: 10255\n  path: /m\n', ['e', 0], { remove: ['path'], set: { scheme: 'https' } })).toBe(
      'e:\n- targetPort: 10255\n  scheme: https\n',
    );
  });
});

describe('rename', () => {
  test('in place, keeping the value and the other keys', () => {
    expect(patched('e:\n- targetPort: 10255\n  path: /m\n', ['e', 0], { rename: { targetPort: 'port' } })).toBe('e:\n- port: 10255\n  path: /m\n');
  });

  test('then set the renamed key: one key, new name, new value (the kubelet-readonly-port fix)', () => {
    expect(patched('e:\n- targetPort: 10255\n  path: /m\n', ['e', 0], { rename: { targetPort: 'port' }, set: { port: 'https-metrics', scheme: 'https' } })).toBe(
      'e:\n- port: https-metrics\n  path: /m\n  scheme: https\n',
    );
  });

  test('not when the new name already exists', () => {
    expect(patch('m:\n  a: 1\n  b: 2\n', ['m'], { rename: { a: 'b' } }).edits).toEqual([]);
  });
});

describe('CRLF files', () => {
  test('inserted text uses CRLF', () => {
    const { edits, out } = patch('spec:\r\n  a: 1 # c\r\n', ['spec'], { add: { tlsConfig: { insecureSkipVerify: true } } });
    expect(out).toBe('spec:\r\n  a: 1 # c\r\n  tlsConfig:\r\n    insecureSkipVerify: true\r\n');
    expect(edits.map((e) => e.text).join('').replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  test('appended items use CRLF', () => {
    expect(patched('ns:\r\n  m:\r\n  - a\r\n', ['ns'], { append: { m: 'b' } })).toBe('ns:\r\n  m:\r\n  - a\r\n  - b\r\n');
  });

  test('removing a line removes its CRLF', () => {
    expect(patched('m:\r\n  a: 1\r\n  b: 2\r\n', ['m'], { remove: ['a'] })).toBe('m:\r\n  b: 2\r\n');
    expect(patched('e:\r\n- a: 1\r\n  b: 2\r\n', ['e', 0], { remove: ['a'] })).toBe('e:\r\n- b: 2\r\n');
  });
});

describe('no edit when nothing changes', () => {
  test('set to the value already there', () => {
    expect(patch('spec:\n  a: 1\n  b: true\n  c: "x"\n  d: x\n', ['spec'], { set: { a: 1, b: true, c: 'x', d: 'x' } }).edits).toEqual([]);
  });

  test('add a key that exists (whatever its value)', () => {
    expect(patch('spec:\n  a: 1\n', ['spec'], { add: { a: 2 } }).edits).toEqual([]);
  });

  test('an empty patch', () => {
    expect(patch('spec:\n  a: 1\n', ['spec'], {}).edits).toEqual([]);
  });
});

describe('edits touch only the bytes they must', () => {
  const file = [
    '# a comment that stays\napiVersion: v1\nkind: Service\nmetadata: {name: x}   # trailing spaces before me\n',
    'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: kubelet\nspec:\n  endpoints:\n  - port: http-metrics   # old\n    path: /metrics/cadvisor\n\n  # a comment after the list\n  selector: {matchLabels: {k8s-app: kubelet}}\n',
    "apiVersion: v1\nkind: ConfigMap\ndata:\n  key: 'value'\n",
  ];
  const text = file.join('---\n');

  test('the other documents of a multi-document file are byte-identical', () => {
    const { edits, out } = patch(text, ['spec', 'endpoints', 0], { set: { port: 'https-metrics', scheme: 'https' }, add: { tlsConfig: { insecureSkipVerify: true } } }, 1);
    const parts = out.split('---\n');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe(file[0]);
    expect(parts[2]).toBe(file[2]);
    expect(parts[1]).toBe(
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: kubelet\nspec:\n  endpoints:\n  - port: https-metrics   # old\n    path: /metrics/cadvisor\n    scheme: https\n    tlsConfig:\n      insecureSkipVerify: true\n\n  # a comment after the list\n  selector: {matchLabels: {k8s-app: kubelet}}\n',
    );
    // Every edit is a small replacement or an insertion; nothing outside them changed.
    const start = Math.min(...edits.map((e) => e.range[0]));
    const end = Math.max(...edits.map((e) => e.range[1]));
    expect(out.slice(0, start)).toBe(text.slice(0, start));
    expect(out.slice(out.length - (text.length - end))).toBe(text.slice(end));
    for (const edit of edits) expect(edit.range[1] - edit.range[0]).toBeLessThanOrEqual('http-metrics'.length);
  });

  test('a patch applied to the first document leaves the rest untouched', () => {
    const out = patched(text, ['metadata'], { add: { namespace: 'default' } }, 0);
    expect(out).toBe(text.replace('metadata: {name: x}', 'metadata: {name: x, namespace: default}'));
  });

  test('the fixed text parses to the expected value', () => {
    const out = patched(text, [], { set: { kind: 'Secret' } }, 2);
    expect(parse(out.split('---\n')[2])).toEqual({ apiVersion: 'v1', kind: 'Secret', data: { key: 'value' } });
  });
});

describe('mergeEdits and applyEdits', () => {
  test('mergeEdits sorts edits and joins insertions at the same offset in order', () => {
    expect(
      mergeEdits([
        { range: [5, 5], text: 'b' },
        { range: [0, 1], text: 'X' },
        { range: [5, 5], text: 'c' },
      ]),
    ).toEqual([
      { range: [0, 1], text: 'X' },
      { range: [5, 5], text: 'bc' },
    ]);
  });

  test('mergeEdits throws on overlapping edits', () => {
    expect(() =>
      mergeEdits([
        { range: [0, 3], text: '' },
        { range: [2, 4], text: '' },
      ]),
    ).toThrow(/overlapping/);
  });

  test('mergeEdits accepts edits that only touch', () => {
    expect(
      mergeEdits([
        { range: [3, 3], text: 'b' },
        { range: [0, 3], text: 'a' },
      ]),
    ).toEqual([
      { range: [0, 3], text: 'a' },
      { range: [3, 3], text: 'b' },
    ]);
  });

  test('mergeEdits does not change its input', () => {
    const edits: TextEdit[] = [
      { range: [5, 5], text: 'b' },
      { range: [5, 5], text: 'c' },
    ];
    mergeEdits(edits);
    expect(edits).toEqual([
      { range: [5, 5], text: 'b' },
      { range: [5, 5], text: 'c' },
    ]);
  });

  test('applyEdits applies edits given in any order', () => {
    const edits: TextEdit[] = [
      { range: [0, 1], text: 'X' },
      { range: [5, 6], text: 'Y' },
      { range: [3, 3], text: '-' },
    ];
    expect(applyEdits('abcdef', edits)).toBe('Xbc-deY');
    expect(applyEdits('abcdef', [...edits].reverse())).toBe('Xbc-deY');
    expect(applyEdits('abcdef', [])).toBe('abcdef');
  });

  test('applyEdits keeps an insertion at the start offset of a replacement', () => {
    const edits = mergeEdits([
      { range: [3, 5], text: 'X' },
      { range: [3, 3], text: 'b' },
    ]);
    expect(applyEdits('abcdef', edits)).toBe('abcbXf');
  });
});
