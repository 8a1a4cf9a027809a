// Recognising a file's documents from their text, before any parsing with positions (see
// read-manifests.ts): which are Kubernetes objects, which can be read without positions (and
// their values), which must be parsed fully. Free of the position-keeping parser.
import { loadPlain } from '../yaml/load-plain.js';
import { classify, splitDocuments, type Chunk } from '../yaml/split.js';
import { hasTemplateMarker } from '../yaml/template-markers.js';
import { isKustomizationFile, MANIFEST_HINT } from '../k8s/identity.js';

// An anchor (`&name`): aliases are expanded, and bounded, by the full parser (maxAliasCount),
// where js-yaml would hand the rules a shared graph that can grow exponentially when walked.
const ANCHOR = /(?:^|[\s\-:,[{])&[^\s,[\]{}]/m;

/** What recognising a file's documents found. */
export interface Recognised {
  /** Every document of the file. */
  chunks: Chunk[];
  /** The documents to parse with positions at once. */
  full: Chunk[];
  /** The documents read without positions. */
  light: LightDocument[];
}

export interface LightDocument {
  chunk: Chunk;
  /** Offset of the object's first key. */
  start: number;
  value: unknown;
}

/** Sorts a file's documents into those parsed fully and those read without positions. */
export function recognise(file: string, text: string, fast = true): Recognised {
  const chunks = splitDocuments(text);
  const firstChar = /\S/.exec(text)?.[0];
  const wholeFile = !fast || /\.json$/i.test(file) || firstChar === '{' || firstChar === '[' || isKustomizationFile(file);
  if (wholeFile) return { chunks, full: chunks, light: [] };
  const full: Chunk[] = [];
  const light: LightDocument[] = [];
  for (const chunk of chunks) {
    const found = classify(text, chunk);
    if (!found) {
      // Not readable from its lines (flow style, templates, broken): parse it, if it claims to be a manifest.
      if (MANIFEST_HINT.test(text.slice(chunk.start, chunk.end))) full.push(chunk);
      continue;
    }
    const chunkText = text.slice(chunk.start, chunk.end);
    // Lists hold several objects; templates are found in the nodes' source (yaml/templates.ts).
    if (found.kind.endsWith('List') || found.kind === 'Template' || hasTemplateMarker(chunkText) || ANCHOR.test(chunkText)) {
      full.push(chunk);
      continue;
    }
    try {
      light.push({ chunk, start: found.contentStart, value: loadPlain(chunkText) });
    } catch {
      full.push(chunk);
    }
  }
  return { chunks, full, light };
}
