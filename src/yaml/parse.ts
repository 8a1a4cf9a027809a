// Parsing a manifest file (multi-document YAML, or JSON, which is YAML) into documents that keep
// the source range of every node. Documents that do not parse become problems; the other
// documents of the file are still returned.
import { parseAllDocuments, type Document } from 'yaml';
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

/** A `---` line: where kubectl splits a stream into documents, whatever the YAML before it did. */
const SEPARATOR = /^---(?=[ \t]|\r?$)/gm;

function nextSeparator(text: string, after: number): number | undefined {
  SEPARATOR.lastIndex = after;
  const match = SEPARATOR.exec(text);
  return match ? match.index : undefined;
}

/**
 * Parses the documents of `text[from, to)` with their offsets in `text`: what comes before `from`
 * is blanked (newlines kept), so every node's range is an offset of the whole file.
 */
function parseRange(text: string, from: number, to: number): Document.Parsed[] {
  const masked = from === 0 && to === text.length ? text : text.slice(0, from).replace(/[^\n]/g, ' ') + text.slice(from, to);
  const parsed = parseAllDocuments(masked, PARSE_OPTIONS);
  return Array.isArray(parsed) ? parsed : [];
}

/**
 * The documents of the file. A broken document (an unclosed quote, say) can swallow the `---`
 * after it; then it ends at that line, as kubectl would split it, and parsing resumes there.
 */
function splitAndParse(text: string): Document.Parsed[] {
  const out: Document.Parsed[] = [];
  let from = 0;
  for (;;) {
    const docs = parseRange(text, from, text.length);
    const broken = docs.findIndex((doc) => doc.errors.length > 0);
    if (broken < 0) return [...out, ...docs];
    const doc = docs[broken];
    const separator = nextSeparator(text, doc.range[0] + 1);
    const next = docs[broken + 1]?.range[0];
    if (separator === undefined || (next !== undefined && next <= separator)) return [...out, ...docs];
    // The broken document swallowed a separator: parse it on its own, then go on after it.
    out.push(...docs.slice(0, broken), ...parseRange(text, doc.range[0], separator));
    from = separator;
  }
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

export function parseSource(source: SourceText): ParsedSource {
  const documents: ParsedDocument[] = [];
  const problems: InputProblem[] = [];
  const { text } = source;
  const docs = splitAndParse(text);
  docs.forEach((doc, index) => {
    const range: [number, number] = [doc.range[0], doc.range[2]];
    const documentText = text.slice(range[0], range[1]);
    if (doc.errors.length > 0) {
      // A broken document's range can stop at the error; judge it by all its text up to the next document.
      const brokenText = text.slice(range[0], docs[index + 1]?.range[0] ?? text.length);
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
