// Surgical text edits on YAML source: set, add, remove, rename keys of a mapping and append to a
// sequence, changing only the bytes that must change. Inserted text follows the surrounding
// style: block or flow, the mapping's indentation, the file's line ending and the document's
// way of indenting sequences. Comments and the rest of the document are left as they are.
import { isMap, isScalar, isSeq, Scalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceText } from './source.js';
import { findPair } from './nodes.js';

export interface TextEdit {
  /** [start, end) character offsets in the source text. */
  range: [number, number];
  text: string;
}

export interface MapPatch {
  /** Keys to give these values: the value is replaced where the key exists, the pair inserted where not. */
  set?: Record<string, unknown>;
  /** Pairs to insert only where the key is missing. */
  add?: Record<string, unknown>;
  /** Keys to remove. */
  remove?: string[];
  /** Keys to rename in place (old name to new name), keeping their position. */
  rename?: Record<string, string>;
  /** Items to append to the sequence under each key (the sequence is created when missing). */
  append?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Rendering values as YAML text

const STRINGIFY = { version: '1.1', lineWidth: 0, minContentWidth: 0 } as const;

/** A scalar as plain YAML text, quoted only where YAML 1.1 would misread it. */
export function renderScalar(value: unknown): string {
  return stringify(value, STRINGIFY).trimEnd();
}

/** A scalar replacing `old`, keeping the old scalar's quoting style for strings. */
function renderScalarLike(value: unknown, old: Node): string {
  if (typeof value === 'string' && isScalar(old)) {
    if (old.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
    if (old.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  }
  return renderScalar(value);
}

/** A value in flow style, the way Kubernetes manifests write it: `{a: b, c: [d]}`. */
export function renderFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${renderScalar(k)}: ${renderFlow(v)}`).join(', ')}}`;
  }
  return renderScalar(value);
}

function isCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

interface BlockStyle {
  /** Spaces per nesting level. */
  unit: number;
  /** Whether block sequences under a key are indented (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
  eol: string;
}

/** `key: value` pairs in block style, every line indented by `indent` spaces. */
function renderBlockPairs(entries: [string, unknown][], indent: number, style: BlockStyle): string[] {
  const text = stringify(Object.fromEntries(entries), { ...STRINGIFY, indent: style.unit, indentSeq: style.indentSeq }).trimEnd();
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line) => pad + line);
}

/** A sequence item in block style (`- value`), at `indent` spaces. */
function renderBlockItem(value: unknown, indent: number, style: BlockStyle): string[] {
  const text = stringify([value], { ...STRINGIFY, indent: style.unit, indentSeq: style.indentSeq }).trimEnd();
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line) => pad + line);
}

// ---------------------------------------------------------------------------------------------
// Reading the style of the document

/** How the document indents: the step between a key and its nested mapping, and sequences under keys. */
export function documentStyle(doc: Document, source: SourceText): BlockStyle {
  let unit: number | undefined;
  let indentSeq: boolean | undefined;
  const column = (offset: number) => source.position(offset).column;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 50 || (unit !== undefined && indentSeq !== undefined)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (key?.range && value?.range && !(value as { flow?: boolean }).flow) {
          const keyColumn = column(key.range[0]);
          const valueLine = source.position(value.range[0]).line;
          if (valueLine > source.position(key.range[0]).line) {
            if (isMap(value) && unit === undefined) unit = column(value.range[0]) - keyColumn;
            if (isSeq(value) && indentSeq === undefined) {
              // range[0] of a block sequence is its first `-`
              indentSeq = column(value.range[0]) > keyColumn;
            }
          }
        }
        visit(value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(doc.contents, 0);
  return { unit: unit && unit > 0 ? unit : 2, indentSeq: indentSeq ?? false, eol: source.eol };
}

// ---------------------------------------------------------------------------------------------
// Locating insertion points

/** Offset just after the last non-blank character before `offset`. */
function trimBack(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** Offset where a new line can follow `node`: the end of the line its content ends on. */
function afterNodeLine(source: SourceText, node: Node): number {
  const end = trimBack(source.text, node.range![1]);
  return source.lineEndOf(Math.max(end - 1, node.range![0]));
}

/** The last node of a pair: its value, or its key when the value is empty. */
function pairEnd(pair: Pair): Node {
  return (pair.value as Node | null) ?? (pair.key as Node);
}

// ---------------------------------------------------------------------------------------------
// Patching a mapping

/** Text edits that apply `patch` to the mapping `map` of `doc`. */
export function patchMap(source: SourceText, doc: Document, map: YAMLMap, patch: MapPatch): TextEdit[] {
  const style = documentStyle(doc, source);
  const edits: TextEdit[] = [];
  const inserts: [string, unknown][] = [];
  const removed = new Set(patch.remove ?? []);
  const renamed = new Map(Object.entries(patch.rename ?? {}));
  // Keys that exist after renames.
  const present = (key: string): Pair | undefined => {
    for (const [from, to] of renamed) if (to === key) return findPair(map, from) ?? findPair(map, key);
    return findPair(map, key);
  };

  for (const [from, to] of renamed) {
    const pair = findPair(map, from);
    if (pair && !findPair(map, to) && isScalar(pair.key) && (pair.key as Node).range) {
      const [start, end] = (pair.key as Node).range!;
      edits.push({ range: [start, end], text: renderScalar(to) });
    }
  }
  const setValue = (key: string, value: unknown) => {
    const pair = present(key);
    if (!pair) {
      inserts.push([key, value]);
      return;
    }
    edits.push(...replaceValue(source, pair, value, style));
  };
  for (const [key, value] of Object.entries(patch.set ?? {})) setValue(key, value);
  for (const [key, value] of Object.entries(patch.add ?? {})) if (!present(key)) inserts.push([key, value]);
  for (const [key, item] of Object.entries(patch.append ?? {})) {
    const pair = present(key);
    if (!pair || pair.value === null || pair.value === undefined) inserts.push([key, [item]]);
    else edits.push(...appendItem(source, pair.value as Node, item, style));
  }
  for (const key of removed) {
    const pair = findPair(map, key);
    if (pair) edits.push(removePair(source, map, pair));
  }
  if (inserts.length > 0) edits.push(insertPairs(source, map, inserts, style));
  return mergeEdits(edits);
}

function replaceValue(source: SourceText, pair: Pair, value: unknown, style: BlockStyle): TextEdit[] {
  const old = pair.value as Node | null;
  const key = pair.key as Node;
  if (!old || !old.range) {
    // `key:` with no value: write the value after the colon.
    const colon = source.text.indexOf(':', key.range![1]);
    const at = colon + 1;
    return [{ range: [at, at], text: isCollection(value) ? ` ${renderFlow(value)}` : ` ${renderScalar(value)}` }];
  }
  if (!isCollection(value)) {
    if (isScalar(old) && old.value === value) return [];
    return [{ range: [old.range[0], old.range[1]], text: renderScalarLike(value, old) }];
  }
  if ((old as { flow?: boolean }).flow || isScalar(old)) {
    return [{ range: [old.range[0], old.range[1]], text: renderFlow(value) }];
  }
  // A block collection replaced by another: rewrite from after the key to the end of the old value.
  const keyColumn = source.position(key.range![0]).column - 1;
  const lines = renderBlockPairs([['k', value]], keyColumn, style);
  const body = lines.slice(1).join(style.eol);
  const start = source.lineEndOf(key.range![0]);
  const end = afterNodeLine(source, old);
  return [{ range: [start, end], text: style.eol + body }];
}

function insertPairs(source: SourceText, map: YAMLMap, entries: [string, unknown][], style: BlockStyle): TextEdit {
  if (map.flow || map.items.length === 0) {
    // `{a: b}` becomes `{a: b, k: v}`; the closing brace is the last character of the map.
    const close = trimBack(source.text, map.range![1]) - 1;
    const inner = source.text.slice(map.range![0] + 1, close).trim();
    const sep = inner === '' ? '' : ', ';
    const text = entries.map(([k, v]) => `${renderScalar(k)}: ${renderFlow(v)}`).join(', ');
    const at = trimBack(source.text, close);
    return { range: [at, at], text: `${sep}${text}` };
  }
  const first = map.items[0].key as Node;
  const indent = source.position(first.range![0]).column - 1;
  const last = map.items[map.items.length - 1];
  const at = afterNodeLine(source, pairEnd(last));
  const lines = renderBlockPairs(entries, indent, style);
  return { range: [at, at], text: style.eol + lines.join(style.eol) };
}

function appendItem(source: SourceText, seq: Node, item: unknown, style: BlockStyle): TextEdit[] {
  if (!isSeq(seq)) return [];
  if (seq.flow || seq.items.length === 0) {
    const close = trimBack(source.text, seq.range![1]) - 1;
    const inner = source.text.slice(seq.range![0] + 1, close).trim();
    const at = trimBack(source.text, close);
    return [{ range: [at, at], text: `${inner === '' ? '' : ', '}${renderFlow(item)}` }];
  }
  // A block sequence: its `-` column is where the first item's line starts its indicator.
  const firstItem = seq.items[0] as Node;
  const dashColumn = source.text.lastIndexOf('-', firstItem.range![0]) - source.lineStartOf(firstItem.range![0]);
  const lastItem = seq.items[seq.items.length - 1] as Node;
  const at = afterNodeLine(source, lastItem);
  const lines = renderBlockItem(item, dashColumn, style);
  return [{ range: [at, at], text: style.eol + lines.join(style.eol) }];
}

function removePair(source: SourceText, map: YAMLMap, pair: Pair): TextEdit {
  const key = pair.key as Node;
  const index = map.items.indexOf(pair as Pair<unknown, unknown>);
  const keyStart = key.range![0];
  const end = pairEnd(pair);
  if (map.flow) {
    const next = map.items[index + 1];
    if (next) return { range: [keyStart, (next.key as Node).range![0]], text: '' };
    const prev = map.items[index - 1];
    const from = prev ? trimBack(source.text, pairEnd(prev).range![1]) : keyStart;
    return { range: [from, trimBack(source.text, end.range![1])], text: '' };
  }
  const lineStart = source.lineStartOf(keyStart);
  const before = source.text.slice(lineStart, keyStart);
  const next = map.items[index + 1];
  if (/^\s*$/.test(before)) {
    // The pair starts its own line(s): remove them whole, line ending included.
    const stop = afterNodeLine(source, end);
    const after = source.text.startsWith('\r\n', stop) ? stop + 2 : source.text[stop] === '\n' ? stop + 1 : stop;
    return { range: [lineStart, after], text: '' };
  }
  // The pair follows `- ` on a sequence item: pull the next pair up, or leave an empty mapping.
  if (next) return { range: [keyStart, (next.key as Node).range![0]], text: '' };
  return { range: [keyStart, afterNodeLine(source, end)], text: '{}' };
}

/** Sorts edits and joins insertions at the same offset, so a fix's edits never overlap. */
export function mergeEdits(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.range[0] === edit.range[0] && prev.range[1] === prev.range[0] && edit.range[1] === edit.range[0]) {
      prev.text += edit.text;
    } else if (prev && edit.range[0] < prev.range[1]) {
      throw new Error(`overlapping edits at offset ${edit.range[0]}`);
    } else {
      out.push({ range: [...edit.range], text: edit.text });
    }
  }
  return out;
}

/** The text after applying non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  return out;
}
