// A floor for any design that reports YAML syntax errors in every document, as scrapelint does:
// read every file and parse every document with js-yaml, the fastest well-kept YAML parser for
// JavaScript, without positions. (scrapelint's own reading is this plus recognising, rules, report.)
import { loadAll } from 'js-yaml';
import { forEachManifestFile } from './walk.mjs';

let documents = 0;
forEachManifestFile(process.argv[2], (text) => {
  try {
    loadAll(text, () => documents++);
  } catch {
    // a syntax error: found; the walk goes on
  }
});
process.stdout.write(`${JSON.stringify({ documents })}\n`);
