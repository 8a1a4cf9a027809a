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
const PARSE_OPTIONS = { version: '1.1', uniqueKeys: true, prettyErrors: false } as const;

export function parseSource(source: SourceText): ParsedSource {
  const documents: ParsedDocument[] = [];
  const problems: InputProblem[] = [];
  const { text } = source;
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  const docs = Array.isArray(parsed) ? parsed : [];
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
        problems.push({ type: 'parse-error', message, range: [error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)], documentText: brokenText });
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
