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
