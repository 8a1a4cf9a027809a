// Template markers in text: Helm/Go `{{ }}`, Jinja `{% %}` and `{# #}`, shell-style `${VAR}`.
// Apart from templates.ts so that recognising documents (also in worker threads) needs no parser.

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

