// path-leading-slash: a scrape path should start with `/`. Query strings and full URLs in the
// path are other problems (path-query-string), left alone here.
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction } from '../../types.js';

interface Options {
  /** The key of the path in the checked value: `path` or `metricsPath`. */
  key: string;
}

export const pathLeadingSlash: CheckFunction = ({ value, options }) => {
  const { key } = options as Options;
  if (!isObject(value)) return [];
  const path = value[key];
  if (typeof path !== 'string' || path === '' || path.startsWith('/')) return [];
  // Whitespace, query strings and URLs need more than a slash; other rules or a human decide.
  if (/^\s/.test(path) || path.includes('?') || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path)) return [];
  const suggestion = `/${path}`;
  return [{ at: [key], data: { suggestion }, fix: [{ set: { [key]: suggestion } }] }];
};
