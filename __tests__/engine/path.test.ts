// The path language of rule files: parsePath() reads `$.spec.endpoints[*]` and relative paths,
// evaluatePath() finds every value a path reaches, with its concrete path.
import { describe, expect, test } from '@jest/globals';
import { evaluatePath, formatPath, parsePath, PathSyntaxError } from '../../src/ruleset/path.js';

describe('parsePath: absolute paths', () => {
  test.each([
    ['$', []],
    ['$.spec', ['spec']],
    ['$.spec.endpoints[*]', ['spec', 'endpoints', '*']],
    ['$.spec.endpoints[*].port', ['spec', 'endpoints', '*', 'port']],
    ['$.spec.endpoints[0]', ['spec', 'endpoints', 0]],
    ['$.spec.endpoints[12].tlsConfig', ['spec', 'endpoints', 12, 'tlsConfig']],
    ['$.spec.*', ['spec', '*']],
    ['$.spec.selector.matchLabels.k8s-app', ['spec', 'selector', 'matchLabels', 'k8s-app']],
    ["$.spec.selector['k8s-app']", ['spec', 'selector', 'k8s-app']],
    ["$.metadata.labels['app.kubernetes.io/name']", ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['$.metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ["$['spec']['endpoints'][0]", ['spec', 'endpoints', 0]],
    ["$.a['it\\'s']", ['a', "it's"]],
    ['$.a["say \\"hi\\""]', ['a', 'say "hi"']],
    ["$.a['[*]']", ['a', '[*]']],
    ["$.a[ 'x' ]", ['a', 'x']],
    ['  $.spec  ', ['spec']],
  ])('%s', (text, expected) => {
    expect(parsePath(text, true)).toEqual(expected);
  });
});

describe('parsePath: relative paths', () => {
  test.each([
    ['', []],
    ['port', ['port']],
    ['tlsConfig.caFile', ['tlsConfig', 'caFile']],
    ['matchNames[0]', ['matchNames', 0]],
    ['relabelings[*].targetLabel', ['relabelings', '*', 'targetLabel']],
    ["selector['k8s-app']", ['selector', 'k8s-app']],
    ['*', ['*']],
  ])('%s', (text, expected) => {
    expect(parsePath(text, false)).toEqual(expected);
  });

  test.each([
    ['[0]', [0]],
    ['[*]', ['*']],
    ["['app.kubernetes.io/name']", ['app.kubernetes.io/name']],
  ])('starting with a bracket: %s', (text, expected) => {
    expect(parsePath(text, false)).toEqual(expected);
  });
});

describe('parsePath: malformed paths', () => {
  test.each([
    ['spec.endpoints', true],
    ['$spec', true],
    ['$.', true],
    ['$..spec', true],
    ['$.spec.', true],
    ['$[', true],
    ['$.spec.endpoints[*', true],
    ['$.spec.endpoints[-1]', true],
    ['$.spec.endpoints[1.5]', true],
    ['$.spec.endpoints[x]', true],
    ["$.a['x]", true],
    ['$.a["x]', true],
    ['$.a b', true],
    ['a..b', false],
    ['.a', false],
    ['a.', false],
    ['a[', false],
  ])('%s is an error', (text, absolute) => {
    expect(() => parsePath(text, absolute)).toThrow(PathSyntaxError);
  });

  test('the message names the path and where reading it stopped', () => {
    expect(() => parsePath('$.spec.endpoints[*', true)).toThrow('cannot read the path "$.spec.endpoints[*" at "[*"');
    expect(() => parsePath('spec.endpoints', true)).toThrow('a path starts with "$": "spec.endpoints"');
  });
});

describe('evaluatePath', () => {
  const monitor = {
    metadata: { name: 'kubelet', labels: { 'app.kubernetes.io/name': 'kubelet' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kubelet' } },
      endpoints: [{ port: 'https-metrics', tlsConfig: { insecureSkipVerify: true } }, { port: 'http-metrics' }, { targetPort: 10255 }],
    },
  };
  const at = (path: string) => evaluatePath(monitor, parsePath(path, true));

  test('$ is the whole object', () => {
    expect(at('$')).toEqual([{ path: [], value: monitor }]);
  });

  test('[*] over a list gives every item with its index', () => {
    expect(at('$.spec.endpoints[*]')).toEqual([
      { path: ['spec', 'endpoints', 0], value: monitor.spec.endpoints[0] },
      { path: ['spec', 'endpoints', 1], value: monitor.spec.endpoints[1] },
      { path: ['spec', 'endpoints', 2], value: monitor.spec.endpoints[2] },
    ]);
  });

  test('a key after [*] reaches only the items that have it', () => {
    expect(at('$.spec.endpoints[*].port')).toEqual([
      { path: ['spec', 'endpoints', 0, 'port'], value: 'https-metrics' },
      { path: ['spec', 'endpoints', 1, 'port'], value: 'http-metrics' },
    ]);
    expect(at('$.spec.endpoints[*].tlsConfig.insecureSkipVerify')).toEqual([{ path: ['spec', 'endpoints', 0, 'tlsConfig', 'insecureSkipVerify'], value: true }]);
  });

  test('.* over a mapping gives every value with its key', () => {
    expect(at('$.spec.*').map((m) => m.path)).toEqual([
      ['spec', 'selector'],
      ['spec', 'endpoints'],
    ]);
  });

  test('an index', () => {
    expect(at('$.spec.endpoints[1]')).toEqual([{ path: ['spec', 'endpoints', 1], value: { port: 'http-metrics' } }]);
    expect(at('$.spec.endpoints[3]')).toEqual([]);
  });

  test('quoted keys with dots and slashes', () => {
    expect(at("$.metadata.labels['app.kubernetes.io/name']")).toEqual([{ path: ['metadata', 'labels', 'app.kubernetes.io/name'], value: 'kubelet' }]);
    expect(at("$.spec.selector.matchLabels['k8s-app']")).toEqual([{ path: ['spec', 'selector', 'matchLabels', 'k8s-app'], value: 'kubelet' }]);
    // Unquoted, the dots separate keys, which do not exist.
    expect(at('$.metadata.labels.app.kubernetes.io')).toEqual([]);
  });

  test('a path through the wrong type reaches nothing', () => {
    expect(at('$.spec.endpoints.port')).toEqual([]);
    expect(at('$.spec.selector[0]')).toEqual([]);
    expect(at('$.metadata.name.x')).toEqual([]);
    expect(at('$.metadata.name[*]')).toEqual([]);
    expect(evaluatePath({ a: null }, parsePath('$.a.b', true))).toEqual([]);
    expect(evaluatePath({ a: [1, 2] }, parsePath("$.a['0']", true))).toEqual([]);
  });

  test('JavaScript properties are not keys', () => {
    expect(at('$.spec.endpoints.length')).toEqual([]);
    expect(evaluatePath({ a: {} }, parsePath('$.a.constructor', true))).toEqual([]);
    expect(evaluatePath({ a: {} }, parsePath('$.a.__proto__', true))).toEqual([]);
  });

  test('a key whose value is null or false is still reached', () => {
    expect(evaluatePath({ a: null, b: false }, parsePath('$.*', true))).toEqual([
      { path: ['a'], value: null },
      { path: ['b'], value: false },
    ]);
  });

  test('a relative path from a base path', () => {
    const endpoint = monitor.spec.endpoints[0];
    expect(evaluatePath(endpoint, parsePath('tlsConfig.insecureSkipVerify', false), ['spec', 'endpoints', 0])).toEqual([
      { path: ['spec', 'endpoints', 0, 'tlsConfig', 'insecureSkipVerify'], value: true },
    ]);
  });
});

describe('formatPath', () => {
  test('for messages', () => {
    expect(formatPath(['spec', 'endpoints', 0, 'port'])).toBe('spec.endpoints[0].port');
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe("metadata.labels['app.kubernetes.io/name']");
    expect(formatPath(['spec', 'selector', 'matchLabels', 'k8s-app'])).toBe('spec.selector.matchLabels.k8s-app');
    expect(formatPath([])).toBe('');
  });

  test('round-trips through parsePath', () => {
    for (const path of [['spec', 'endpoints', 0, 'port'], ['metadata', 'labels', 'app.kubernetes.io/name'], ['spec', 'selector', 'matchLabels', 'k8s-app'], ['a.b', 'c']]) {
      const text = formatPath(path);
      expect(parsePath(text.startsWith('[') ? `$${text}` : `$.${text}`, true)).toEqual(path);
    }
  });
});
