// Unrendered templates: Helm/Go `{{ }}`, Jinja `{% %}` and `{# #}`, and shell-style `${VAR}` placeholders.
// Prometheus relabel replacements such as `${1}` or `$1` are real values, not placeholders, so a
// `${...}` only counts when it names a variable (starts with a letter or underscore).

import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { templateMarkerRange } from './template-markers.js';

export { findTemplateMarker, hasTemplateMarker, templateMarkerRange } from './template-markers.js';

/**
 * The first template marker in a parsed node's own text, if any. Looking at the source, not the
 * parsed values, matters: an unquoted `{{ .Values.x }}` parses as a flow mapping inside a flow
 * mapping, whose value no longer shows the braces. In a relabeling's `replacement`, `${name}` is
 * Prometheus's reference to a named capture group, not a placeholder.
 */
export function findTemplateInNode(node: unknown, text: string, key?: string, except?: unknown): [number, number] | undefined {
  if (except !== undefined && node === except) return undefined;
  if (isScalar(node) || isAlias(node)) {
    const range = (node as Node).range;
    if (!range) return undefined;
    const found = templateMarkerRange(text.slice(range[0], range[1]));
    if (!found) return undefined;
    if (key === 'replacement' && text.slice(range[0] + found[0], range[0] + found[1]).startsWith('$')) return undefined;
    return [range[0] + found[0], range[0] + found[1]];
  }
  if (isMap(node) || isSeq(node)) {
    const range = (node as Node).range;
    if (node.flow && range && text.startsWith('{{', range[0])) {
      const found = templateMarkerRange(text.slice(range[0], range[1]));
      if (found) return [range[0] + found[0], range[0] + found[1]];
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const keyName = isScalar(item.key) ? String(item.key.value) : undefined;
        const hit = findTemplateInNode(item.key, text, undefined, except) ?? findTemplateInNode(item.value, text, keyName, except);
        if (hit) return hit;
      } else {
        const hit = findTemplateInNode(item, text, key, except);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}
