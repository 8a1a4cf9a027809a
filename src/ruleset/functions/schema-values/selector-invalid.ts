// selector-invalid: label selectors that metav1.LabelSelectorAsSelector refuses, which is how the
// operator reads them (pkg/prometheus/resource_selector.go: checkServiceMonitor and
// checkPodMonitor reject the monitor; pkg/prometheus/server/operator.go and agent/operator.go
// fail the reconcile of a Prometheus whose monitor or namespace selectors do not parse). The CRDs
// type a selector's fields as strings only, so the API server accepts all of these.
import { isObject } from '../../../k8s/objects.js';
import type { CheckFunction, CheckReport } from '../../types.js';
import { show } from './common.js';
import { describeSelector, isNamedField } from './selectors.js';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const NAME = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is not one (k8s.io/apimachinery validation.IsQualifiedName), if it is not. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a label key has at most one `/`';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !SUBDOMAIN.test(prefix))) return 'the prefix of a label key must be a DNS subdomain (lower case, at most 253 characters)';
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) return 'the name of a label key is 1 to 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit';
  return undefined;
}

/** Why a label value is not one (validation.IsValidLabelValue), if it is not. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) return 'a label value is at most 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit';
  return undefined;
}

export const selectorInvalid: CheckFunction = ({ value, object, path, options }) => {
  if (!isObject(value) || (options !== undefined && !isNamedField(object, path, options))) return [];
  const monitor = object.kind === 'ServiceMonitor' || object.kind === 'PodMonitor';
  const consequence = monitor
    ? `the operator rejects the ${object.kind} (an InvalidConfiguration event) and scrapes none of its targets`
    : `the operator fails to reconcile the ${object.kind}, and no change to it or its monitors takes effect`;
  const where = describeSelector(object, path);
  const reports: CheckReport[] = [];
  const report = (at: (string | number)[], problem: string, extra: Partial<CheckReport> = {}) => reports.push({ at, data: { problem, where, consequence }, ...extra });
  const labels = value.matchLabels;
  if (isObject(labels)) {
    for (const [key, label] of Object.entries(labels)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) report(['matchLabels', key], `\`${show(key)}\` is not a label key (${keyProblem})`, { atKey: true });
      else if (typeof label === 'string' && labelValueProblem(label)) report(['matchLabels', key], `\`${show(label)}\` is not a label value (${labelValueProblem(label)})`);
    }
  }
  if (Array.isArray(value.matchExpressions)) {
    value.matchExpressions.forEach((expression, i) => {
      if (!isObject(expression)) return;
      const { key, operator, values } = expression;
      if (typeof key === 'string' && labelKeyProblem(key)) report(['matchExpressions', i, 'key'], `\`${show(key)}\` is not a label key (${labelKeyProblem(key)})`);
      if (typeof operator !== 'string') return;
      const list = Array.isArray(values) ? values : [];
      if (!OPERATORS.includes(operator)) {
        const cased = OPERATORS.find((o) => o.toLowerCase() === operator.toLowerCase());
        // Only a different case is certain; `Equals` or `!=` could mean In or NotIn with one value.
        const fix = cased && ((cased !== 'In' && cased !== 'NotIn') || list.length > 0) && ((cased !== 'Exists' && cased !== 'DoesNotExist') || list.length === 0) ? [{ in: ['matchExpressions', i], set: { operator: cased } }] : undefined;
        report(['matchExpressions', i, 'operator'], `\`operator: ${show(operator)}\` is not a label selector operator (${OPERATORS.join(', ')})${cased ? `; write \`${cased}\`` : ''}`, fix ? { fix } : {});
        return;
      }
      if ((operator === 'In' || operator === 'NotIn') && list.length === 0) report(['matchExpressions', i, Array.isArray(values) ? 'values' : 'operator'], `\`operator: ${operator}\` needs at least one value in \`values\``);
      if ((operator === 'Exists' || operator === 'DoesNotExist') && list.length > 0) {
        report(['matchExpressions', i, 'values'], `\`operator: ${operator}\` takes no \`values\``, { suggest: [{ desc: 'remove `values`', ops: [{ in: ['matchExpressions', i], remove: ['values'] }] }] });
      }
      list.forEach((v, j) => {
        if (typeof v === 'string' && labelValueProblem(v)) report(['matchExpressions', i, 'values', j], `\`${show(v)}\` is not a label value (${labelValueProblem(v)})`);
      });
    });
  }
  return reports;
};
