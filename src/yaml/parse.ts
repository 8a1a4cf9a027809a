// Parsing a manifest file (multi-document YAML, or JSON, which is YAML) into documents that keep
// the source range of every node. Documents that do not parse become problems; the other
// documents of the file are still returned.
import { parseAllDocuments, visit, type Document } from 'yaml';
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

/**
 * Kubernetes decodes YAML as YAML 1.1 (`yes`/`no`/`on`/`off` are booleans), so we do too;
 * duplicate keys are an error, as they are for kubectl.
 */
// logLevel 'error': no process warnings for odd keys (an unquoted `{{ x }}` parses as a mapping key).
const PARSE_OPTIONS = { version: '1.1', uniqueKeys: true, prettyErrors: false, logLevel: 'error' } as const;

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

/** The documents of `text[chunk.start, chunk.end)`, with offsets of the whole file. */
function parseChunk(text: string, chunk: Chunk): Document.Parsed[] {
  const parsed = parseAllDocuments(text.slice(chunk.start, chunk.end), PARSE_OPTIONS);
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) shift(doc, chunk.start);
  return docs;
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
        const at: [number, number] = quote !== undefined ? [quote, quote + 1] : [error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)];
        problems.push({ type: 'parse-error', message, range: at, documentText: brokenText });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ type: 'parse-error', message, range: [range[0], range[0] + 1], documentText });
      return;
    }
    documents.push({ index, doc, value, range });
  });
  return { source, documents, problems };
}
