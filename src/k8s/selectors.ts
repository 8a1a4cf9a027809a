// Kubernetes label selectors (metav1.LabelSelector): matchLabels and matchExpressions
// (In, NotIn, Exists, DoesNotExist), with the API's semantics.
import { isObject } from './objects.js';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function asSelector(value: unknown): LabelSelector | undefined {
  if (!isObject(value)) return undefined;
  const selector: LabelSelector = {};
  if (isObject(value.matchLabels)) {
    selector.matchLabels = Object.fromEntries(Object.entries(value.matchLabels).map(([k, v]) => [k, String(v)]));
  }
  if (Array.isArray(value.matchExpressions)) {
    selector.matchExpressions = value.matchExpressions.filter(isObject).map((e) => ({
      key: String(e.key),
      operator: String(e.operator),
      values: Array.isArray(e.values) ? e.values.map(String) : undefined,
    }));
  }
  return selector;
}

/**
 * The items worth testing against `selector`: the shortest of `all` and, for each of its
 * matchLabels, the items `withLabel` lists for that key and value (a label index), so that
 * matching many selectors against many objects stays linear.
 */
export function narrowByMatchLabels<T>(selector: LabelSelector, all: readonly T[], withLabel: (key: string, value: string) => readonly T[]): readonly T[] {
  let candidates = all;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const withIt = withLabel(key, value);
    if (withIt.length < candidates.length) candidates = withIt;
  }
  return candidates;
}

/** Whether `selector` selects an object with `labels`. An empty selector selects everything. */
export function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // the API server rejects unknown operators; such a selector selects nothing
    }
  }
  return true;
}

/**
 * The value the selector requires for `key`: from matchLabels, or from a matchExpressions `In`
 * with a single value. Undefined when the selector does not pin the key to one value.
 */
export function requiredValue(selector: LabelSelector, key: string): string | undefined {
  const fromLabels = selector.matchLabels?.[key];
  if (fromLabels !== undefined) return fromLabels;
  for (const expression of selector.matchExpressions ?? []) {
    if (expression.key === key && expression.operator === 'In' && expression.values?.length === 1) {
      return expression.values[0];
    }
  }
  return undefined;
}

export class SelectorSyntaxError extends Error {}

/**
 * A label selector in kubectl's syntax: `release=kps,team!=a,tier in (web,api),!canary,env`.
 */
export function parseSelector(text: string): LabelSelector {
  const selector: LabelSelector = {};
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const key = '([A-Za-z0-9][-A-Za-z0-9_./]*)';
  for (const raw of parts.map((p) => p.trim())) {
    let m: RegExpExecArray | null;
    if (raw === '') throw new SelectorSyntaxError(`empty requirement in label selector "${text}"`);
    if ((m = new RegExp(`^${key}\\s*(==|=|!=)\\s*([-A-Za-z0-9_.]*)$`).exec(raw))) {
      if (m[2] === '!=') (selector.matchExpressions ??= []).push({ key: m[1], operator: 'NotIn', values: [m[3]] });
      else (selector.matchLabels ??= {})[m[1]] = m[3];
    } else if ((m = new RegExp(`^${key}\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(raw))) {
      const values = m[3].split(',').map((v) => v.trim()).filter((v) => v !== '');
      (selector.matchExpressions ??= []).push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = new RegExp(`^!\\s*${key}$`).exec(raw))) {
      (selector.matchExpressions ??= []).push({ key: m[1], operator: 'DoesNotExist' });
    } else if ((m = new RegExp(`^${key}$`).exec(raw))) {
      (selector.matchExpressions ??= []).push({ key: m[1], operator: 'Exists' });
    } else {
      throw new SelectorSyntaxError(`cannot read "${raw}" in label selector "${text}" (write key=value, key!=value, key in (a,b), key or !key)`);
    }
  }
  return selector;
}
