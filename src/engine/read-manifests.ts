// The engine's first stage: from file texts to objects. Parsing with positions costs (the
// `yaml` package reads about 3 MB/s) and most objects of a run have no finding, so:
// - each document is recognised from its text (`yaml/split.ts`) and, if it is a Kubernetes
//   object, read without positions (`yaml/load-plain.ts`, several times faster); its document is
//   parsed with positions only if something points into it (a finding, a fix, a message);
// - JSON, kustomization files, Lists, documents with template markers, and documents whose
//   apiVersion and kind cannot be read from their lines are parsed fully at once, as is a
//   document that does not load, so that its syntax error is worded and placed exactly as the
//   full parser does. `fast: false` parses everything fully: the reference the tests compare to.
// Documents without an apiVersion are not Kubernetes objects: passed over.
import { SourceText } from '../yaml/source.js';
import { parseSource, type ParsedSource } from '../yaml/parse.js';
import { hasTemplateMarker } from '../yaml/templates.js';
import { loadPlain } from '../yaml/load-plain.js';
import { classify, splitDocuments, type Chunk } from '../yaml/split.js';
import { LightObject, objectsOf, type ManifestObject } from '../k8s/objects.js';
import type { LintInput } from './lint.js';

const MANIFEST_HINT = /\bapiVersion["']?\s*:/;
const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;


export interface ReadFile {
  source: SourceText;
  parsed: ParsedSource;
  /** Every document of the file, parsed or not. */
  chunks: readonly Chunk[];
  /** Every object of the file, in document order. */
  objects: ManifestObject[];
}

/** Reads one input. `fast: false` parses every document fully (the reference behaviour). */
export function readManifests(input: LintInput, fast = true): ReadFile {
  const source = new SourceText(input.file, input.text);
  const { text } = source;
  const chunks = splitDocuments(text);
  const firstChar = /\S/.exec(text)?.[0];
  const wholeFile = !fast || /\.json$/i.test(input.file) || firstChar === '{' || firstChar === '[' || KUSTOMIZATION_FILE.test(input.file);
  if (wholeFile) {
    const parsed = parseSource(source, chunks);
    return { source, parsed, chunks, objects: parsed.documents.flatMap((d) => objectsOf(input.file, d)) };
  }
  const full: Chunk[] = [];
  const light: ManifestObject[] = [];
  for (const chunk of chunks) {
    const found = classify(text, chunk);
    if (!found) {
      // Not readable from its lines (flow style, templates, broken): parse it, if it claims to be a manifest.
      if (MANIFEST_HINT.test(text.slice(chunk.start, chunk.end))) full.push(chunk);
      continue;
    }
    const chunkText = text.slice(chunk.start, chunk.end);
    // Lists hold several objects; templates are found in the nodes' source (yaml/templates.ts).
    if (found.kind.endsWith('List') || hasTemplateMarker(chunkText)) {
      full.push(chunk);
      continue;
    }
    let value: unknown;
    try {
      value = loadPlain(chunkText);
    } catch {
      full.push(chunk);
      continue;
    }
    const object = LightObject.of(input.file, [found.contentStart, chunk.end], value, () => parseSource(source, [chunk]).documents[0]);
    if (object) light.push(object);
  }
  const parsed = parseSource(source, full);
  const objects = [...parsed.documents.flatMap((d) => objectsOf(input.file, d)), ...light];
  objects.sort((a, b) => a.range[0] - b.range[0]);
  return { source, parsed, chunks, objects };
}
