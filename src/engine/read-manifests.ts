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
import type { Chunk } from '../yaml/split.js';
import { LightObject, objectsOf, type ManifestObject } from '../k8s/objects.js';
import type { LintInput } from './lint.js';
import { recognise } from './recognise.js';

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
  const { chunks, full, light } = recognise(input.file, source.text, fast);
  const parsed = parseSource(source, full);
  const objects = parsed.documents.flatMap((d) => objectsOf(input.file, d));
  for (const { chunk, start, value } of light) {
    const object = LightObject.of(input.file, [start, chunk.end], value, () => parseSource(source, [chunk]).documents[0]);
    if (object) objects.push(object);
  }
  if (light.length > 0) objects.sort((a, b) => a.range[0] - b.range[0]);
  return { source, parsed, chunks, objects };
}
