// The floor for any Node tool: find every *.yaml, *.yml and *.json file of a tree and read it.
import { forEachManifestFile } from './walk.mjs';

let bytes = 0;
let files = 0;
forEachManifestFile(process.argv[2], (text) => {
  bytes += text.length;
  files++;
});
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
