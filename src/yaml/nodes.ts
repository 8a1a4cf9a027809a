// Finding nodes of a parsed YAML document by a path of keys and indexes, and the source ranges
// a finding should point at.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** A JSON Pointer (RFC 6901, as ajv reports instance paths) as a path; digit segments are indexes. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface Located {
  node: Node;
  /** The map pair whose value is `node` (absent for the root and for sequence items). */
  pair?: Pair<Node, Node | null>;
  /** The collection that holds `node`. */
  parent?: Node;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** The pair of `map` whose key is `key`. */
export function findPair(map: Node, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (keyText(item.key) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

/** `key:` with nothing after it: the parser gives an empty null scalar there. */
export function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node)) return false;
  const range = (node as Node).range;
  return node.value === null && (!range || range[0] === range[1]);
}

/** Walk `path` from `root`. Returns undefined when some segment does not exist. */
export function locate(root: Node | null | undefined, path: Path): Located | undefined {
  if (!root) return undefined;
  let current: Located = { node: root };
  for (const segment of path) {
    const node = current.node;
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      const item = node.items[segment];
      if (item === undefined || item === null) return undefined;
      current = { node: item as Node, parent: node };
    } else {
      const pair = findPair(node, segment);
      if (!pair) return undefined;
      if (isEmptyValue(pair.value)) {
        // `key:` with nothing after it: the key is the best place to point at.
        current = { node: pair.key as Node, pair, parent: node };
      } else {
        current = { node: pair.value as Node, pair, parent: node };
      }
    }
  }
  return current;
}

export function nodeRange(node: Node): [number, number] {
  const range = node.range;
  if (!range) return [0, 0];
  return [range[0], range[1]];
}

/**
 * The range a finding about an existing node points at: a scalar's own text; for a collection
 * that is a map value, its key (the collection itself spans lines); for a sequence item, the item.
 */
export function anchorRange(found: Located): [number, number] {
  const { node, pair } = found;
  if (isScalar(node) || isAlias(node)) return nodeRange(node);
  if (pair && pair.key && isScalar(pair.key)) return nodeRange(pair.key as Node);
  return nodeRange(node);
}

/** The range of a pair's key, for findings about the key itself (an unknown field, say). */
export function keyRange(found: Located): [number, number] | undefined {
  const key = found.pair?.key;
  return key && isScalar(key) ? nodeRange(key as Node) : undefined;
}

export { isMap, isSeq, isScalar, isPair, isAlias };
