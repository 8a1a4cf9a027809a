// The naive design: read every file and parse every document fully with `yaml`, keeping node
// ranges (what exact positions need), before any rule runs.
import { LineCounter, parseAllDocuments } from 'yaml';
import { forEachManifestFile } from './walk.mjs';

let documents = 0;
forEachManifestFile(process.argv[2], (text) => {
  const docs = parseAllDocuments(text, { lineCounter: new LineCounter() });
  for (const doc of Array.isArray(docs) ? docs : []) {
    doc.toJS();
    documents++;
  }
});
process.stdout.write(`${JSON.stringify({ documents })}\n`);
