// Parsing a manifest file (multi-document YAML, or JSON, which is YAML) into documents that keep
// the source range of every node. Documents that do not parse become problems; the other
// documents of the file are still returned.
import { isCollection, isPair, Parser, parseAllDocuments, visit, type Document, type Tags } from 'yaml';
import { kubernetesNumber } from './kubernetes-scalars.js';
import { splitDocuments, type Chunk } from './split.js';
import { SourceText } from './source.js';
import { templateMarkerRange } from './templates.js';

export interface ParsedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  doc: Document.Parsed;
  /** The document's plain JavaScript value. */
  value: unknown;
  /** Offsets of the document's text. */
  range: [number, number];
}

export interface InputProblem {
  type: 'parse-error' | 'template';
  message: string;
  range: [number, number];
  /** The document's text, for deciding whether the problem matters. */
  documentText: string;
}

export interface ParsedSource {
  source: SourceText;
  documents: ParsedDocument[];
  problems: InputProblem[];
}

/** The YAML 1.1 tags whose plain scalars Kubernetes reads otherwise (kubernetes-scalars.ts). */
const NOT_KUBERNETES = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:timestamp']);

/** Explicit `!!int`, `!!float` and `!!timestamp`, as go-yaml v2 reads them into untyped values; found by name first. */
const EXPLICIT = [...NOT_KUBERNETES].map((tag) => ({
  tag,
  default: false,
  identify: () => false,
  resolve: (text: string) => (tag.endsWith(':timestamp') ? text : (kubernetesNumber(text) ?? text)),
}));

/** Plain scalars that go-yaml v2 reads as numbers; never used to write one. */
const KUBERNETES_NUMBER = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: () => false,
  test: { test: (text: string) => kubernetesNumber(text) !== undefined } as unknown as RegExp,
  resolve: (text: string) => kubernetesNumber(text) as number,
};

/**
 * Kubernetes decodes YAML with go-yaml v2: YAML 1.1's booleans (`yes`/`no`/`on`/`off`) and nulls,
 * Go's numbers, and no sexagesimal numbers or timestamps (kubernetes-scalars.ts). The 1.1 int,
 * float and timestamp tags stay for explicit `!!int` and for writing. Duplicate keys are an error,
 * as they are for kubectl.
 */
// logLevel 'error': no process warnings for odd keys (an unquoted `{{ x }}` parses as a mapping key).
const PARSE_OPTIONS = {
  version: '1.1',
  uniqueKeys: true,
  prettyErrors: false,
  logLevel: 'error',
  customTags: (tags: Tags) => [...EXPLICIT, ...tags.map((t) => (typeof t === 'object' && 'tag' in t && NOT_KUBERNETES.has(t.tag) ? { ...t, default: false } : t)), KUBERNETES_NUMBER],
} as const;

/** Adds `offset` to every position of a document parsed from a slice of the file. */
function shift(doc: Document.Parsed, offset: number): void {
  if (offset === 0) return;
  visit(doc, {
    Node(_, node) {
      if (node.range) node.range = [node.range[0] + offset, node.range[1] + offset, node.range[2] + offset];
    },
  });
  doc.range = [doc.range[0] + offset, doc.range[1] + offset, doc.range[2] + offset];
  for (const problem of [...doc.errors, ...doc.warnings]) problem.pos = [problem.pos[0] + offset, problem.pos[1] + offset];
}

/**
 * Collections nested more than this deep are not read: the parser, and walks over its nodes,
 * recurse, and where they run out of stack depends on how deep the stack already was. A fixed
 * bound, well below that (about 700 levels for the CLI), gives the same result on every run.
 * Manifests nest a dozen levels; kubectl's own bound is far higher, so a document this deep is
 * reported (never judged half-read) rather than passed over.
 */
export const MAX_DEPTH = 256;

/** Documents nested past MAX_DEPTH (or that ran out of stack), with where to show it if known. */
const tooDeep = new WeakMap<Document.Parsed, number | undefined>();

const STACK_OVERFLOW = /call stack/i;
const isStackOverflow = (error: unknown) => error instanceof RangeError && STACK_OVERFLOW.test(error.message);

/** The earliest offset of a collection nested past MAX_DEPTH in a composed document (an iterative walk). */
function deepCollectionAt(doc: Document.Parsed): number | undefined {
  let at: number | undefined;
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_DEPTH) {
      const offset = node.range?.[0];
      if (offset !== undefined && (at === undefined || offset < at)) at = offset;
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return at;
}

interface CstCollection {
  offset: number;
  items?: { key?: unknown; value?: unknown }[];
}

/**
 * The same, from the parser's concrete syntax tree, which is built without recursion: for a
 * document the composer could not build (it ran out of stack). The offsets are those of the
 * composed nodes. Else the deepest collection's offset, for a document that overflowed first.
 */
function deepTokenAt(text: string): number | undefined {
  let at: number | undefined;
  let deepest: [number, number] | undefined;
  for (const token of new Parser().parse(text)) {
    const stack: [unknown, number][] = [[(token as { value?: unknown }).value, 1]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()! as [CstCollection | undefined, number];
      if (!node || !Array.isArray(node.items)) continue;
      if (depth > MAX_DEPTH) {
        if (at === undefined || node.offset < at) at = node.offset;
        continue;
      }
      if (!deepest || depth > deepest[0] || (depth === deepest[0] && node.offset < deepest[1])) deepest = [depth, node.offset];
      for (const item of node.items) stack.push([item.key, depth + 1], [item.value, depth + 1]);
    }
  }
  return at ?? deepest?.[1];
}

/** The documents of `text[chunk.start, chunk.end)`, with offsets of the whole file. */
function parseChunk(text: string, chunk: Chunk): Document.Parsed[] {
  const slice = text.slice(chunk.start, chunk.end);
  const parsed = parseAllDocuments(slice, PARSE_OPTIONS);
  const docs = Array.isArray(parsed) ? parsed : [];
  const shiftRange = (doc: Document.Parsed) => (doc.range = [doc.range[0] + chunk.start, doc.range[1] + chunk.start, doc.range[2] + chunk.start]);
  for (const doc of docs) {
    let deep: number | undefined;
    let overflowed = doc.errors.some((e) => STACK_OVERFLOW.test(e.message));
    if (!overflowed) {
      try {
        deep = deepCollectionAt(doc);
        if (deep === undefined) shift(doc, chunk.start);
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        overflowed = true;
      }
    }
    if (overflowed) deep = deepTokenAt(slice.slice(doc.range[0], doc.range[2]));
    if (overflowed || deep !== undefined) {
      const start = doc.range[0];
      shiftRange(doc);
      tooDeep.set(doc, deep === undefined ? undefined : (overflowed ? start : 0) + deep + chunk.start);
    }
  }
  return docs;
}

/** The problem of a document nested past MAX_DEPTH: at its first such collection, else at its start. */
function tooDeepProblem(text: string, at: number | undefined, from: number, to: number): InputProblem {
  let start = at ?? from;
  if (at === undefined) while (start < to - 1 && /\s/.test(text[start])) start++;
  return {
    type: 'parse-error',
    message: `the document nests its collections more than ${MAX_DEPTH} levels deep; scrapelint reads no deeper`,
    range: [start, start + 1],
    documentText: text.slice(from, to),
  };
}

/** Where the quoted scalar that never closes opens: the parser only notices at its end. */
function unclosedQuote(text: string, from: number, to: number): number | undefined {
  const opener = /(?:^|[:\-[{,]\s*)(["'])/gm;
  opener.lastIndex = from;
  for (let match = opener.exec(text); match && match.index < to; match = opener.exec(text)) {
    const at = match.index + match[0].length - 1;
    const quote = match[1];
    const lineEnd = text.indexOf('\n', at);
    const rest = text.slice(at + 1, lineEnd < 0 ? text.length : lineEnd);
    const closes = quote === '"' ? /(^|[^\\])"/.test(rest) : rest.replace(/''/g, '').includes("'");
    if (!closes) return at;
  }
  return undefined;
}

/**
 * Where a parser error is shown. The parser reports what it noticed at the end of the document
 * (an unclosed `{`, say) at its end, which may be past the text or on the `---` line after it:
 * such an error is shown at the document's last character instead.
 */
function errorRange(text: string, pos: [number, number], from: number, to: number): [number, number] {
  const start = Math.min(pos[0], to);
  if (pos[0] >= to) {
    let last = start;
    while (last > from && /\s/.test(text[last - 1])) last--;
    if (last > from) return [last - 1, last];
  }
  return [start, Math.min(Math.max(pos[1], start + 1), text.length)];
}

/**
 * Parses a file's documents (all of them, or the `chunks` given), each on its own: a broken
 * document (an unclosed quote, say) cannot swallow the ones after it, as kubectl splits a
 * stream at `---` lines too.
 */
export function parseSource(source: SourceText, chunks: readonly Chunk[] = splitDocuments(source.text)): ParsedSource {
  const documents: ParsedDocument[] = [];
  const problems: InputProblem[] = [];
  const { text } = source;
  const docs = chunks.flatMap((chunk) => parseChunk(text, chunk).map((doc) => ({ doc, chunk })));
  docs.forEach(({ doc, chunk }, index) => {
    const range: [number, number] = [doc.range[0], doc.range[2]];
    const documentText = text.slice(range[0], range[1]);
    if (tooDeep.has(doc)) {
      const next = docs[index + 1]?.chunk === chunk ? docs[index + 1].doc.range[0] : chunk.end;
      problems.push(tooDeepProblem(text, tooDeep.get(doc), range[0], next));
      return;
    }
    if (doc.errors.length > 0) {
      // A broken document's range can stop at the error; judge it by all its text up to the next document.
      const next = docs[index + 1]?.chunk === chunk ? docs[index + 1].doc.range[0] : chunk.end;
      const brokenText = text.slice(range[0], next);
      const marker = templateMarkerRange(brokenText);
      if (marker) {
        problems.push({ type: 'template', message: 'unparseable', range: [range[0] + marker[0], range[0] + marker[1]], documentText: brokenText });
      } else {
        const error = doc.errors[0];
        const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
        const quote = /closing "?quote/.test(message) ? unclosedQuote(text, range[0], error.pos[0]) : undefined;
        const at: [number, number] = quote !== undefined ? [quote, quote + 1] : errorRange(text, error.pos, range[0], chunk.end);
        problems.push({ type: 'parse-error', message, range: at, documentText: brokenText });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      if (isStackOverflow(error)) {
        problems.push(tooDeepProblem(text, undefined, range[0], range[1]));
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ type: 'parse-error', message, range: [range[0], range[0] + 1], documentText });
      return;
    }
    documents.push({ index, doc, value, range });
  });
  return { source, documents, problems };
}
