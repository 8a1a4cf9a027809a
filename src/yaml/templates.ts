// Unrendered templates: Helm/Go `{{ }}`, Jinja `{% %}` and `{# #}`, and shell-style `${VAR}` placeholders.
// Prometheus relabel replacements such as `${1}` or `$1` are real values, not placeholders, so a
// `${...}` only counts when it names a variable (starts with a letter or underscore).

const TEMPLATE_MARKER = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}/;

/** Offset of the first template marker in `text`, or -1. */
export function findTemplateMarker(text: string): number {
  return templateMarkerRange(text)?.[0] ?? -1;
}

/** [start, end) of the first template marker in `text`. */
export function templateMarkerRange(text: string): [number, number] | undefined {
  const match = TEMPLATE_MARKER.exec(text);
  return match ? [match.index, match.index + match[0].length] : undefined;
}

export function hasTemplateMarker(text: string): boolean {
  return TEMPLATE_MARKER.test(text);
}
