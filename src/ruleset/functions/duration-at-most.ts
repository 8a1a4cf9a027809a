// duration-at-most: a Duration field no longer than `options.max` (for house rules such as a
// maximum scrape interval). Options: {field: 'interval', max: '1m'}.
import { isObject } from '../../k8s/objects.js';
import { parseDuration } from '../../k8s/duration.js';
import type { CheckFunction } from '../types.js';

export const durationAtMost: CheckFunction = ({ value, options }) => {
  const { field, max } = (options ?? {}) as { field?: string; max?: string };
  if (!isObject(value) || typeof field !== 'string' || typeof max !== 'string') return [];
  const limit = parseDuration(max);
  const actual = value[field];
  if (limit === undefined || typeof actual !== 'string') return [];
  const ms = parseDuration(actual);
  if (ms === undefined || ms <= limit) return [];
  return [{ at: [field], data: { max, value: actual } }];
};
