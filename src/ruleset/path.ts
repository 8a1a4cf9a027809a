// The small path language of rule files: `$.spec.endpoints[*]`, `$.spec.selector['k8s-app']`,
// and relative paths such as `tlsConfig.caFile` or `matchNames[0]`.
import type { Path, PathSegment } from '../yaml/nodes.js';

export type PathPattern = (PathSegment | '*')[];

export class PathSyntaxError extends Error {}

/** Parses `$.a.b[*]` (absolute) or `a.b[0]` (relative) into segments; `*` matches any key or index. */
export function parsePath(text: string, absolute: boolean): PathPattern {
  let rest = text.trim();
  if (absolute) {
    if (!rest.startsWith('$')) throw new PathSyntaxError(`a path starts with "$": "${text}"`);
    rest = rest.slice(1);
  } else if (rest !== '' && !rest.startsWith('[')) {
    rest = `.${rest}`;
  }
  const segments: PathPattern = [];
  const token = /^(?:\.([A-Za-z0-9_$@-]+|\*)|\[(\*|\d+)\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\])/;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) throw new PathSyntaxError(`cannot read the path "${text}" at "${rest}"`);
    const [whole, dotted, bracket, single, double] = match;
    if (dotted !== undefined) segments.push(dotted === '*' ? '*' : dotted);
    else if (bracket !== undefined) segments.push(bracket === '*' ? '*' : Number(bracket));
    else segments.push((single ?? double).replace(/\\(.)/g, '$1'));
    rest = rest.slice(whole.length);
  }
  return segments;
}

export interface PathMatch {
  path: Path;
  value: unknown;
}

/** Every value `pattern` reaches from `root`, with its concrete path. */
export function evaluatePath(root: unknown, pattern: PathPattern, base: Path = []): PathMatch[] {
  let current: PathMatch[] = [{ path: base, value: root }];
  for (const segment of pattern) {
    const next: PathMatch[] = [];
    for (const { path, value } of current) {
      if (segment === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ path: [...path, i], value: v }));
        else if (value !== null && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v });
        }
      } else if (typeof segment === 'number') {
        if (Array.isArray(value) && segment < value.length) next.push({ path: [...path, segment], value: value[segment] });
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
        next.push({ path: [...path, segment], value: (value as Record<string, unknown>)[segment] });
      }
    }
    current = next;
  }
  return current;
}

/** `spec.endpoints[0].port` for messages. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `['${segment}']`;
  }
  return out;
}
