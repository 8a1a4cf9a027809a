// Surgical text edits on YAML source: set, add, remove, rename keys of a mapping and append to a
// sequence, changing only the bytes that must change. Inserted text follows the surrounding
// style: block or flow, the mapping's indentation, the file's line ending and the document's
// way of indenting sequences. Comments and the rest of the document are left as they are.
import { isMap, isScalar, isSeq, Scalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceText } from './source.js';
import { findPair, isEmptyValue } from './nodes.js';

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
  /** Several items per key (what merging several fix ops gives). */
  appendAll?: Record<string, unknown[]>;
}

/** A fix op that removes the checked value itself from the sequence that holds it. */
export interface DropItem {
  drop?: true;
}

// ---------------------------------------------------------------------------------------------
// Rendering values as YAML text

const STRINGIFY = { version: '1.1', lineWidth: 0, minContentWidth: 0 } as const;

/** A scalar as plain YAML text, quoted only where YAML 1.1 would misread it. */
export function renderScalar(value: unknown): string {
  // A string with line breaks on one line: double-quoted with escapes (a block scalar would need the context's indentation).
  if (typeof value === 'string' && /[\n\r]/.test(value)) return JSON.stringify(value);
  return stringify(value, STRINGIFY).trimEnd();
}

/** A scalar replacing `old`, keeping the old scalar's quoting style for strings. */
function renderScalarLike(value: unknown, old: Node, style?: BlockStyle): string {
  if (style?.json) return JSON.stringify(value);
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
  /** The document is JSON: flow collections with double-quoted keys. */
  json: boolean;
}

/** A value in JSON, spaced the way people write it: `{"a": "b", "c": [1, 2]}`. */
export function renderJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${renderJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

function renderInFlow(value: unknown, style: BlockStyle): string {
  return style.json ? renderJson(value) : renderFlow(value);
}

/** A value written after `key: ` on one line. */
function renderInline(value: unknown, style: BlockStyle): string {
  return style.json || isCollection(value) ? renderInFlow(value, style) : renderScalar(value);
}

function renderKey(key: string, style: BlockStyle): string {
  return style.json ? JSON.stringify(key) : renderScalar(key);
}

const isNonEmptyObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
const isNonEmptyArray = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;

/** `key: value` pairs in block style, every line indented by `indent` spaces. */
function renderBlockPairs(entries: [string, unknown][], indent: number, style: BlockStyle): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (isNonEmptyObject(value)) {
      lines.push(`${pad}${renderScalar(key)}:`, ...renderBlockPairs(Object.entries(value), indent + style.unit, style));
    } else if (isNonEmptyArray(value)) {
      lines.push(`${pad}${renderScalar(key)}:`);
      for (const item of value) lines.push(...renderBlockItem(item, indent + (style.indentSeq ? style.unit : 0), style));
    } else {
      lines.push(`${pad}${renderScalar(key)}: ${renderFlow(value)}`);
    }
  }
  return lines;
}

/** A sequence item in block style (`- value`), its dash at `indent` spaces. */
function renderBlockItem(value: unknown, indent: number, style: BlockStyle): string[] {
  const pad = ' '.repeat(indent);
  if (!isNonEmptyObject(value)) return [`${pad}- ${renderFlow(value)}`];
  const lines = renderBlockPairs(Object.entries(value), indent + 2, style);
  lines[0] = `${pad}- ${lines[0].slice(indent + 2)}`;
  return lines;
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
  const root = doc.contents as (Node & { flow?: boolean }) | null;
  const firstKey = isMap(root) ? (root.items[0]?.key as Node | undefined) : undefined;
  const json = Boolean(root?.flow) && isScalar(firstKey) && firstKey.type === Scalar.QUOTE_DOUBLE;
  return { unit: unit && unit > 0 ? unit : 2, indentSeq: indentSeq ?? false, eol: source.eol, json };
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
      edits.push({ range: [start, end], text: renderScalarLike(to, pair.key as Node, style) });
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
  const appends = new Map<string, unknown[]>(Object.entries(patch.appendAll ?? {}));
  for (const [key, item] of Object.entries(patch.append ?? {})) appends.set(key, [...(appends.get(key) ?? []), item]);
  for (const [key, items] of appends) {
    const pair = present(key);
    if (!pair) inserts.push([key, items]);
    else if (isEmptyValue(pair.value)) edits.push(...replaceValue(source, pair, items, style));
    else for (const item of items) edits.push(...appendItem(source, pair.value as Node, item, style));
  }
  const removal = removePairs(source, map, removed, inserts, style);
  edits.push(...removal.edits);
  if (inserts.length > 0 && !removal.insertsPlaced) {
    const kept = (map.items as Pair[]).filter((p) => !(isScalar(p.key) && removed.has(String((p.key as Scalar).value))));
    if (kept.length > 0 || map.flow) edits.push(insertPairs(source, map, inserts, style, kept[kept.length - 1]));
    else {
      // Every pair removed, each on its own line: the new ones go where the first was.
      const first = map.items[0].key as Node;
      const indent = source.position(first.range![0]).column - 1;
      const at = source.lineStartOf(first.range![0]);
      edits.push({ range: [at, at], text: renderBlockPairs(inserts, indent, style).join(style.eol) + style.eol });
    }
  }
  return mergeEdits(edits);
}

function replaceValue(source: SourceText, pair: Pair, value: unknown, style: BlockStyle): TextEdit[] {
  const old = pair.value as Node | null;
  const key = pair.key as Node;
  if (!old || !old.range || isEmptyValue(old)) {
    // `key:` with no value: write the value after the colon.
    const colon = source.text.indexOf(':', key.range![1]);
    const at = colon + 1;
    return [{ range: [at, at], text: ` ${renderInline(value, style)}` }];
  }
  if (!isCollection(value)) {
    if (isScalar(old) && old.value === value) return [];
    if (isScalar(old) || (old as { flow?: boolean }).flow) return [{ range: [old.range[0], old.range[1]], text: renderScalarLike(value, old, style) }];
    // A block collection replaced by a scalar: the value goes after the colon, the old lines go.
    const colon = source.text.indexOf(':', key.range![1]);
    return [{ range: [colon + 1, afterNodeLine(source, old)], text: ` ${renderInline(value, style)}` }];
  }
  if ((old as { flow?: boolean }).flow || isScalar(old)) {
    return [{ range: [old.range[0], old.range[1]], text: renderInFlow(value, style) }];
  }
  // A block collection replaced by another: rewrite from after the key to the end of the old value.
  const keyColumn = source.position(key.range![0]).column - 1;
  const lines = renderBlockPairs([['k', value]], keyColumn, style);
  const body = lines.slice(1).join(style.eol);
  const start = source.lineEndOf(key.range![0]);
  const end = afterNodeLine(source, old);
  return [{ range: [start, end], text: style.eol + body }];
}

/**
 * Where new entries go at the end of a flow collection that closes at `close`: after the last
 * entry, replacing a trailing comma (`{a: b, }`) so that the result is `{a: b, c: d}`.
 */
function flowTail(text: string, open: number, close: number): { range: [number, number]; sep: string } {
  let at = trimBack(text, close);
  let end = at;
  if (text[at - 1] === ',') {
    at = trimBack(text, at - 1);
    end = close;
  }
  const empty = text.slice(open + 1, at).trim() === '';
  return { range: [at, end], sep: empty ? '' : ', ' };
}

function insertPairs(source: SourceText, map: YAMLMap, entries: [string, unknown][], style: BlockStyle, after?: Pair): TextEdit {
  if (map.flow || map.items.length === 0) {
    // `{a: b}` becomes `{a: b, k: v}`; the closing brace is the last character of the map.
    const close = trimBack(source.text, map.range![1]) - 1;
    const { range, sep } = flowTail(source.text, map.range![0], close);
    const text = entries.map(([k, v]) => `${renderKey(k, style)}: ${renderInFlow(v, style)}`).join(', ');
    return { range, text: `${sep}${text}` };
  }
  const first = map.items[0].key as Node;
  const indent = source.position(first.range![0]).column - 1;
  const last = after ?? map.items[map.items.length - 1];
  const at = afterNodeLine(source, pairEnd(last));
  const lines = renderBlockPairs(entries, indent, style);
  return { range: [at, at], text: style.eol + lines.join(style.eol) };
}

function appendItem(source: SourceText, seq: Node, item: unknown, style: BlockStyle): TextEdit[] {
  if (!isSeq(seq)) return [];
  if (seq.flow || seq.items.length === 0) {
    const close = trimBack(source.text, seq.range![1]) - 1;
    const { range, sep } = flowTail(source.text, seq.range![0], close);
    return [{ range, text: `${sep}${renderInFlow(item, style)}` }];
  }
  // A block sequence: new items go at the column of its first `-` (which need not be on the line
  // its item starts on: `-` alone, or `- &anchor`, with the mapping on the lines below).
  const dash = itemDash(source.text, seq, 0);
  if (dash === undefined) return [];
  const dashColumn = source.position(dash).column - 1;
  const lastItem = seq.items[seq.items.length - 1] as Node;
  const at = afterNodeLine(source, lastItem);
  const lines = renderBlockItem(item, dashColumn, style);
  return [{ range: [at, at], text: style.eol + lines.join(style.eol) }];
}

/**
 * Offset of the `-` that opens item `i` of a block sequence, or undefined when it cannot be told.
 * Only blanks and comments stand between the end of the item before (or the sequence's start,
 * which is its first `-`) and the dash; after the dash may come properties (`&a`, `!!map`), a
 * comment or a line break before the item's own text, so searching back from the item for a `-`
 * could find one in an anchor, a comment or a value (`- -1`).
 */
function itemDash(text: string, seq: Node, i: number): number | undefined {
  if (!isSeq(seq) || seq.flow || !seq.range) return undefined;
  const before = i === 0 ? undefined : (seq.items[i - 1] as Node | null);
  let at = i === 0 ? seq.range[0] : before?.range?.[1];
  if (at === undefined) return undefined;
  const end = (seq.items[i] as Node | null)?.range?.[0] ?? seq.range[1];
  while (at < end) {
    const c = text[at];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') at++;
    else if (c === '#') {
      const eol = text.indexOf('\n', at);
      at = eol < 0 ? text.length : eol;
    } else if (c === '-' && (at + 1 >= text.length || /\s/.test(text[at + 1]))) return at;
    else return undefined;
  }
  return undefined;
}

/** Whether a block pair starts its own line (rather than following `- ` on a sequence item). */
function ownLine(source: SourceText, pair: Pair): boolean {
  const keyStart = (pair.key as Node).range![0];
  return /^\s*$/.test(source.text.slice(source.lineStartOf(keyStart), keyStart));
}

/**
 * Edits that remove `removed` pairs from `map`. When every pair goes, `inserts` (if any) take
 * their place; the returned flag says whether they did.
 */
function removePairs(
  source: SourceText,
  map: YAMLMap,
  removed: Set<string>,
  inserts: [string, unknown][],
  style: BlockStyle,
): { edits: TextEdit[]; insertsPlaced: boolean } {
  const items = map.items as Pair[];
  const isRemoved = (pair: Pair) => isScalar(pair.key) && removed.has(String((pair.key as Scalar).value));
  const edits: TextEdit[] = [];
  if (map.flow) {
    const kept = items.filter((p) => !isRemoved(p));
    if (kept.length === items.length) return { edits, insertsPlaced: false };
    const open = map.range![0];
    const close = trimBack(source.text, map.range![1]) - 1;
    if (kept.length === 0) {
      // Nothing stays: the new pairs, or nothing, between the braces.
      const inner = source.text.slice(open + 1, close);
      const pad = inner.startsWith(' ') && inserts.length > 0 ? ' ' : '';
      const text = inserts.map(([k, v]) => `${renderKey(k, style)}: ${renderInFlow(v, style)}`).join(', ');
      edits.push({ range: [open + 1, close], text: `${pad}${text}${pad}` });
      return { edits, insertsPlaced: inserts.length > 0 };
    }
    // Each removed pair goes with the separator after it, or before it when it is the last, so
    // edits inside the pairs that stay (renames, new values) never overlap these.
    for (let i = 0; i < items.length; i++) {
      if (!isRemoved(items[i])) continue;
      let j = i;
      while (j + 1 < items.length && isRemoved(items[j + 1])) j++;
      const start = (items[i].key as Node).range![0];
      if (j + 1 < items.length) {
        edits.push({ range: [start, (items[j + 1].key as Node).range![0]], text: '' });
      } else {
        const previous = items[i - 1];
        const from = trimBack(source.text, pairEnd(previous).range![1]);
        edits.push({ range: [from, trimBack(source.text, pairEnd(items[j]).range![1])], text: '' });
      }
      i = j;
    }
    return { edits, insertsPlaced: false };
  }
  let insertsPlaced = false;
  for (let i = 0; i < items.length; i++) {
    const pair = items[i];
    if (!isRemoved(pair)) continue;
    const keyStart = (pair.key as Node).range![0];
    if (ownLine(source, pair)) {
      // The pair's own line(s) go, line ending included.
      const stop = afterNodeLine(source, pairEnd(pair));
      const after = source.text.startsWith('\r\n', stop) ? stop + 2 : source.text[stop] === '\n' ? stop + 1 : stop;
      edits.push({ range: [source.lineStartOf(keyStart), after], text: '' });
      continue;
    }
    // The pair follows `- `: the next pair that stays moves up onto the dash line.
    let j = i + 1;
    while (j < items.length && isRemoved(items[j])) j++;
    if (j < items.length) {
      edits.push({ range: [keyStart, (items[j].key as Node).range![0]], text: '' });
    } else {
      // Everything from here goes: the new pairs take the place, or an empty mapping.
      const end = afterNodeLine(source, pairEnd(items[items.length - 1]));
      const indent = source.position(keyStart).column - 1;
      const text = inserts.length > 0 ? renderBlockPairs(inserts, indent, style).join(style.eol).slice(indent) : '{}';
      insertsPlaced = inserts.length > 0;
      edits.push({ range: [keyStart, end], text });
    }
    i = j - 1;
  }
  return { edits, insertsPlaced };
}

/**
 * The edit that removes item `i` of a sequence: in flow style with its separator, in block style
 * its lines from the dash to the end of its content (comments after it stay).
 */
export function removeItem(source: SourceText, seq: Node, i: number): TextEdit | undefined {
  if (!isSeq(seq) || !seq.range || i < 0 || i >= seq.items.length) return undefined;
  const items = seq.items as Node[];
  const item = items[i];
  if (!item?.range) return undefined;
  const { text } = source;
  if (seq.flow) {
    if (items.length === 1) return { range: [seq.range[0] + 1, trimBack(text, seq.range[1]) - 1], text: '' };
    if (i + 1 < items.length) return { range: [item.range[0], items[i + 1].range![0]], text: '' };
    return { range: [trimBack(text, items[i - 1].range![1]), trimBack(text, item.range[1])], text: '' };
  }
  const dash = itemDash(text, seq, i);
  if (dash === undefined) return undefined;
  const start = source.lineStartOf(dash);
  // The dash must open its own line: `key: - a` is not a block sequence one can cut lines from.
  if (!/^\s*$/.test(text.slice(start, dash))) return undefined;
  const stop = afterNodeLine(source, item);
  const after = text.startsWith('\r\n', stop) ? stop + 2 : text[stop] === '\n' ? stop + 1 : stop;
  return { range: [start, after], text: '' };
}

/** Sorts edits and joins insertions at the same offset, so a fix's edits never overlap. */
/** Edits of one fix that would change the same text: the fix is not offered (never a crash). */
export class OverlappingEdits extends Error {}

export function mergeEdits(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.range[0] === edit.range[0] && prev.range[1] === prev.range[0] && edit.range[1] === edit.range[0]) {
      prev.text += edit.text;
    } else if (prev && edit.range[0] < prev.range[1]) {
      throw new OverlappingEdits(`overlapping edits at offset ${edit.range[0]}`);
    } else {
      out.push({ range: [...edit.range], text: edit.text });
    }
  }
  return out;
}

/** The text after applying non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // In the order of the text; at one offset an insertion before the replacement there, and of two
  // insertions at one offset the later one first (as applying them from the end backwards does).
  const sorted = edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1] || b.i - a.i);
  const pieces: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.range[0] < at) return applyOverlapping(text, edits);
    pieces.push(text.slice(at, edit.range[0]), edit.text);
    at = Math.max(at, edit.range[1]);
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/** Overlapping edits, applied one by one from the end backwards (what callers always had). */
function applyOverlapping(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  return out;
}
