// goUrlParseError: what Go's url.Parse refuses, as the operator's ProxyConfig.Validate sees it.
import { expect, test } from '@jest/globals';
import { goUrlParseError } from '../../src/k8s/go-url.js';

test.each([
  ['http://xxx-${dev}.svc.cluster.local:80', 'invalid character "{" in host name'],
  ['http://pro xy:3128', 'invalid character " " in host name'],
  ['http://proxy|corp:3128', 'invalid character "|" in host name'],
  ['http://proxy:abc', 'invalid port ":abc" after host'],
  ['http://[::1', "missing ']' in host"],
  ['http://[::1]x', 'invalid port "x" after host'],
  ['http://proxy:3128/%zz', 'invalid URL escape "%zz"'],
  ['http://proxy%41:3128', 'invalid URL escape "%41"'],
  ['http://us"er@proxy:3128', 'net/url: invalid userinfo'],
  ['http://proxy:3128/\t', 'net/url: invalid control character in URL'],
  [':3128', 'missing protocol scheme'],
  ['proxy:3128/x', undefined],
  ['pro_xy:3128', 'first path segment in URL cannot contain colon'],
])('%s is refused: %s', (raw, message) => {
  expect(goUrlParseError(raw)).toBe(message);
});

test.each([
  'http://proxy.example.com:3128',
  'https://proxy.example.com',
  'socks5://10.0.0.1:1080',
  'http://user:p@ss@proxy:3128',
  'http://[::1]:3128',
  'http://[fe80::1%25eth0]:3128',
  'http://proxy:3128/path?q={x}#frag',
  'http:opaque{stuff}',
  'http://proxy:',
  'http://$proxy:80',
])('%s parses', (raw) => {
  expect(goUrlParseError(raw)).toBeUndefined();
});
